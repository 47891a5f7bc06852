/**
 * Everything that is not a complete plan is refused with one line naming the input and the
 * problem — never a stack trace, never a partial or empty result.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputError } from '../../../checks/errors';
import fc from 'fast-check';
import { loadPlanFile, loadPlanStream, parsePlanDocument } from '../../../checks/model/plan';
import { JsonSplitter, RawValue, RepeatedKeyError, repeatedWalkedKey, ValueTooLarge } from '../../../checks/model/plan/splitter';
import { change, chunked, minimalPlan, scenarioPlan } from './docs';

/** The refusal message of loading these bytes (fails the test when they load). */
async function refusal(bytes: Buffer | string, chunkSize = 4096, input = 'plan.json'): Promise<string> {
  try {
    await loadPlanStream(chunked(Buffer.from(bytes), chunkSize), input);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message.startsWith(`${input}: `)).toBe(true);
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error('the input was accepted');
}

const json = (doc: unknown): string => JSON.stringify(doc);
const plan = json(scenarioPlan());

describe('refusals of the plan loader', () => {
  it('refuses empty input', async () => {
    expect(await refusal('')).toBe('plan.json: empty input: expected the JSON of `terraform show -json PLANFILE`');
    expect(await refusal(' \r\n\t ')).toMatch(/empty input/);
    expect(await refusal('\ufeff')).toMatch(/empty input/);
  });

  it('refuses every truncation of a plan, wherever it is cut', async () => {
    const small = json(minimalPlan({ resource_changes: [change({ address: 'a_b.c', type: 'a_b', name: 'c', actions: ['create'], after: { s: 'x\\"y', n: 12, t: true } })] }));
    for (let cut = 1; cut < small.length; cut++) {
      const message = await refusal(small.slice(0, cut), 1 + (cut % 5));
      expect(message).toMatch(/^plan\.json: invalid JSON at byte \d+: /);
    }
  });

  it('says where a large plan was truncated', async () => {
    const cut = Math.floor(plan.length / 2);
    expect(await refusal(plan.slice(0, cut), 100)).toBe(`plan.json: invalid JSON at byte ${cut}: unexpected end of input (the document is truncated)`);
  });

  it('refuses trailing data after the document', async () => {
    expect(await refusal(`${plan}x`)).toBe(`plan.json: invalid JSON at byte ${plan.length}: unexpected data after the end of the JSON document`);
    expect(await refusal(`${plan}]`)).toMatch(/unexpected data after the end/);
    expect(await refusal(`${plan}}`, 3)).toMatch(/unexpected data after the end/);
  });

  it('names several plans in one stream, as terragrunt run-all writes them, instead of bare trailing data', async () => {
    for (const chunk of [undefined, 7]) {
      const message = await refusal(`${plan}\n${plan}\n`, chunk);
      expect(message).toBe(`plan.json: invalid JSON at byte ${plan.length + 1}: another JSON document follows the first, and twinguard reads one plan per file (\`terragrunt run-all show -json\` writes one per module, a line each): save each plan to a file of its own and check them together`);
    }
  });

  it('refuses a syntax error deep inside a resource and says where it is', async () => {
    const broken = plan.replace('"storage_encrypted":true', '"storage_encrypted":tru');
    const at = broken.indexOf('"storage_encrypted":tru') + '"storage_encrypted":'.length;
    const message = await refusal(broken, 7);
    const byte = Number(/at byte (\d+)/.exec(message)?.[1]);
    expect(byte).toBeGreaterThanOrEqual(at);
    expect(byte).toBeLessThanOrEqual(at + 4);
    expect(await refusal(plan.replace('"actions":["update"]', '"actions":["update",]'))).toMatch(/invalid JSON at byte \d+/);
    expect(await refusal(plan.replace('"planned_values":{', '"planned_values":{,'))).toMatch(/invalid JSON at byte \d+: unexpected ','/);
  });

  it("refuses a syntax error in a change's before, which no rule reads, streamed or read again from the file", async () => {
    const doc = json(minimalPlan({ resource_changes: [change({ address: 'a_b.c', type: 'a_b', name: 'c', actions: ['update'], after: { s: 'x' } })] }));
    expect(doc).toContain('"before":{"old":true}');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-loader-'));
    // The last one's error shows only further on, where the change closes.
    for (const broken of ['"before":{"old":tru}', '"before":{"old":true,}', '"before":{"old":"\\q"}', '"before":{"old":true']) {
      const bad = doc.replace('"before":{"old":true}', broken);
      const at = bad.indexOf('"before":') + '"before":'.length;
      for (const chunk of [1, 7, 4096]) expect(await refusal(bad, chunk)).toMatch(/^plan\.json: invalid JSON at byte \d+: /);
      const file = path.join(dir, 'before.json');
      fs.writeFileSync(file, bad);
      await expect(loadPlanFile(file, 'plan.json', { streamAbove: 0 })).rejects.toThrow(/^plan\.json: invalid JSON at byte (\d+): /);
      const byte = Number(/at byte (\d+)/.exec(await refusal(bad))?.[1]);
      expect(byte).toBeGreaterThanOrEqual(at);
      if (broken.endsWith('}')) expect(byte).toBeLessThanOrEqual(at + broken.length);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a key repeated where JSON readers disagree (a second resource_changes), whatever the size and the path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-loader-'));
    try {
      const repeated = [
        // A decoy after the real sections: JSON.parse keeps the empty ones, a walk sees both.
        [plan.replace(/}$/, ',"planned_values":{},"resource_changes":[]}'), /"planned_values" appears twice in the top-level object/],
        [plan.replace('"root_module":{', '"root_module":{"resources":[],'), /"resources" appears twice in a module of planned_values/],
        // A key that is not a name Terraform writes is not quoted: it may hold anything.
        [plan.replace(/}$/, ',"jane.doe@example.com":1,"jane.doe@example.com":2}'), /: a key appears twice in the top-level object/],
      ] as const;
      for (const [text, where] of repeated) {
        expect(await refusal(text, 97)).toMatch(where);
        const file = path.join(dir, 'repeated.json');
        fs.writeFileSync(file, text);
        for (const streamAbove of [0, Number.MAX_SAFE_INTEGER]) {
          await expect(loadPlanFile(file, 'plan.json', { streamAbove })).rejects.toThrow(/^plan\.json: not a valid plan: .+ appears twice in .+; readers disagree on which one counts/);
        }
      }
      // Inside a resource, JSON.parse decides in every path (the last wins, as in Terraform's own reader),
      // and a tag may be named like a section.
      const inside = plan.replace('"storage_encrypted":true', '"storage_encrypted":false,"storage_encrypted":true').replace('"tags":{', '"tags":{"resource_changes":"x",');
      expect(inside).not.toBe(plan);
      const file = path.join(dir, 'inside.json');
      fs.writeFileSync(file, inside);
      const small = await loadPlanFile(file, 'plan.json', { streamAbove: Number.MAX_SAFE_INTEGER });
      const large = await loadPlanFile(file, 'plan.json', { streamAbove: 0 });
      expect(large.resources.map((r) => [r.address, r.after])).toEqual(small.resources.map((r) => [r.address, r.after]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a repeated key after JSON.parse exactly where the streaming walk finds one, wherever keys repeat', () => {
    // Objects with a key written twice here and there: walked sections (refused) and elements (JSON.parse decides).
    const KEYS = ['resource_changes', 'planned_values', 'prior_state', 'values', 'root_module', 'resources', 'child_modules', 'address', 'format_version'];
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constantFrom(1, 'x', null, 'a\\"b'), fc.array(tie('node'), { maxLength: 3 }), tie('object')),
      object: fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { maxLength: 4 }),
    })).node;
    /** Arrays of pairs are objects, written with their repeats. */
    const write = (node: unknown): string => {
      if (!Array.isArray(node)) return JSON.stringify(node);
      const isObject = node.length > 0 && node.every((item) => Array.isArray(item) && item.length === 2 && typeof item[0] === 'string' && KEYS.includes(item[0]));
      return isObject ? `{${node.map(([key, inner]) => `${JSON.stringify(key)}:${write(inner)}`).join(',')}}` : `[${node.map(write).join(',')}]`;
    };
    const streamed = (bytes: Buffer): string | undefined => {
      const ignore = { key: () => undefined, topLevel: () => undefined, change: () => undefined, changesEnd: () => undefined, moduleResource: () => undefined };
      try {
        const splitter = new JsonSplitter(ignore);
        splitter.push(bytes);
        splitter.finish();
        return undefined;
      } catch (error) {
        if (error instanceof RepeatedKeyError) return error.message;
        throw error;
      }
    };
    let repeats = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...KEYS), value), { minLength: 1, maxLength: 5 }), (pairs) => {
        const bytes = Buffer.from(`{${pairs.map(([key, inner]) => `${JSON.stringify(key)}:${write(inner)}`).join(',')}}`);
        const expected = streamed(bytes);
        if (expected) repeats++;
        expect(repeatedWalkedKey(bytes)?.message).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(repeats).toBeGreaterThan(100);
    // Given bytes that are not JSON after all, it ends.
    for (const broken of ['{"a":', '{"a":[1,', '{"resource_changes":[{"x":"', '{']) expect(repeatedWalkedKey(Buffer.from(broken))).toBeUndefined();
  });

  it('refuses binary data and binary plan files', async () => {
    expect(await refusal(Buffer.from([0x00, 0x01, 0x02, 0x9f, 0xff, 0x00, 0x10, 0x7b]))).toMatch(/binary data, not JSON/);
    expect(await refusal(Buffer.from('PK\x03\x04\x14\x00\x00\x00tfplan', 'latin1'))).toMatch(/binary plan file \(zip\).*terraform show -json/);
    expect(await refusal('Terraform will perform the following actions:')).toMatch(/not JSON: it starts with 'T'/);
  });

  it('refuses a plan that errored', async () => {
    expect(await refusal(json(minimalPlan({ errored: true })))).toMatch(/the plan errored \(errored: true\)/);
  });

  it('refuses format_version 2.x and versions that are not versions', async () => {
    expect(await refusal(json(minimalPlan({ format_version: '2.0' })))).toBe(
      'plan.json: unsupported plan format_version 2.0: twinguard reads formats 0.1 to 1.x; upgrade twinguard',
    );
    expect(await refusal(json(minimalPlan({ format_version: '10.1' })))).toMatch(/unsupported plan format_version 10\.1/);
    expect(await refusal(json(minimalPlan({ format_version: 1.2 })))).toMatch(/its format_version is not a version number$/);
  });

  it('quotes nothing of the input but a version\'s digits: not a format_version, not an address (an instance key may hold a secret)', async () => {
    const secret = 'https://admin:Hunter2Pw0rdXyz@db.corp.example/x';
    expect(await refusal(json(minimalPlan({ format_version: secret })))).toBe('plan.json: not a valid plan: its format_version is not a version number');
    expect(await refusal(json(minimalPlan({ format_version: `2.0 ${secret}` })))).toBe('plan.json: unsupported plan format_version 2.0: twinguard reads formats 0.1 to 1.x; upgrade twinguard');
    const change = { address: 'aws_iam_user.u["jane.doe.secret@examplecorp.com"]', mode: 'managed', type: 'aws_iam_user', name: 'u', index: 'jane.doe.secret@examplecorp.com', change: {} };
    expect(await refusal(json(minimalPlan({ resource_changes: [change] })))).toBe('plan.json: not a valid plan: resource_changes[0] has no change.actions');
    expect(await refusal(json({ terraform_version: '1.9.5', resource_changes: [] }))).toMatch(/not a Terraform plan: it has no format_version/);
  });

  it('masks and escapes an output name it quotes: a token is not printed, an ESC does not reach the terminal', async () => {
    expect(await refusal(json(minimalPlan({ output_changes: { ghp_abcdefghijklmnopqrstuvwxyz0123456789: 'x' } })))).toBe('plan.json: not a valid plan: output_changes.ghp_*** is not an object');
    expect(await refusal(json(minimalPlan({ output_changes: { 'a\u001b[2Jb': 'y' } })))).toBe('plan.json: not a valid plan: output_changes.a\\u001b[2Jb is not an object');
    expect(await refusal('\u202e{}')).toBe("plan.json: not JSON: it starts with '\\u202e', expected '{'");
  });

  it('refuses a state file', async () => {
    const state = { format_version: '1.0', terraform_version: '1.9.5', values: { root_module: { resources: [{ address: 'a_b.c', mode: 'managed', type: 'a_b', name: 'c', values: {} }] } } };
    expect(await refusal(json(state))).toBe('plan.json: not a Terraform plan: it has no resource_changes (this looks like a state file)');
  });

  it('refuses output captured through the setup-terraform wrapper, with the fix', async () => {
    const wrapped = `[command]/home/runner/terraform-bin show -json tfplan\n${plan}%0A\n::set-output name=exitcode::0\n`;
    expect(await refusal(wrapped)).toMatch(/setup-terraform wrapper.*set terraform_wrapper: false/);
    expect(await refusal(`::debug::Terraform exited with code 0.\n${plan}`)).toMatch(/terraform_wrapper: false/);
    expect(await refusal(`${plan}\n::debug::stdout: done\n`)).toMatch(/terraform_wrapper: false/);
  });

  it("refuses HCP Terraform's redacted plan format", async () => {
    expect(await refusal(json({ plan_format_version: '1.1', resource_changes: [], provider_schemas: {} }))).toMatch(/HCP Terraform's redacted JSON plan/);
  });

  it('refuses Terraform JSON configuration and other JSON', async () => {
    expect(await refusal(json({ resource: { aws_s3_bucket: { b: {} } }, provider: { aws: [{}] } }))).toMatch(/Terraform JSON configuration/);
    expect(await refusal(json({ format_version: '1.0', provider_schemas: {} }))).toMatch(/providers schema -json/);
    expect(await refusal(json({ format_version: '1.2', something: 1 }))).toMatch(/neither resource_changes nor planned_values/);
    expect(await refusal('[1, 2]')).toBe('plan.json: not a Terraform plan: the input is a JSON array, not a JSON object');
    expect(await refusal('"plan"')).toMatch(/a JSON string/);
    expect(await refusal('null')).toMatch(/a JSON literal/);
  });

  it('refuses resource changes it cannot read', async () => {
    expect(await refusal(json(minimalPlan({ resource_changes: [{ address: 'a_b.c', type: 'a_b', name: 'c', change: {} }] })))).toMatch(/resource_changes\[0\] has no change\.actions/);
    expect(await refusal(json(minimalPlan({ resource_changes: {} })))).toMatch(/resource_changes is not a list/);
  });

  it('refuses an empty action list and a mode Terraform does not write: dropped, the resource passed unjudged', async () => {
    const volume = (spec: { actions: string[]; mode?: unknown }) => ({ ...change({ address: 'aws_ebs_volume.v', type: 'aws_ebs_volume', name: 'v', actions: spec.actions, after: { encrypted: false } }), ...('mode' in spec ? { mode: spec.mode } : {}) });
    const planned = (mode: unknown) => ({ root_module: { resources: [{ address: 'aws_ebs_volume.v', mode, type: 'aws_ebs_volume', name: 'v', values: { encrypted: false } }] } });
    const fine = volume({ actions: ['create'] });
    expect(await refusal(json(minimalPlan({ resource_changes: [fine, volume({ actions: [] })] })))).toBe('plan.json: not a valid plan: resource_changes[1] has an empty change.actions');
    for (const mode of ['Managed', null, 'resource']) {
      expect(await refusal(json(minimalPlan({ resource_changes: [volume({ actions: ['create'], mode })] })))).toBe('plan.json: not a valid plan: resource_changes[0] has a mode that is neither managed nor data');
      expect(await refusal(json(minimalPlan({ planned_values: planned(mode) })))).toBe('plan.json: not a valid plan: a resource of planned_values has a mode that is neither managed nor data');
      expect(() => parsePlanDocument(minimalPlan({ resource_changes: [volume({ actions: ['create'], mode })] }), 'plan.json')).toThrow(InputError);
    }
    // OpenTofu's ephemeral resources are still read as what they are: nothing deployed.
    expect(parsePlanDocument(minimalPlan({ resource_changes: [volume({ actions: ['open'], mode: 'ephemeral' })], planned_values: planned('ephemeral') }), 'plan.json').resources).toEqual([]);
  });

  it('refuses the same things from a parsed document', () => {
    const refuse = (doc: unknown): string => {
      try {
        parsePlanDocument(doc, 'doc');
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refuse([])).toMatch(/JSON array/);
    expect(refuse(minimalPlan({ errored: true }))).toMatch(/errored/);
    expect(refuse(minimalPlan({ format_version: '2.1' }))).toMatch(/unsupported plan format_version 2\.1/);
    expect(refuse({ format_version: '1.0', values: {} })).toMatch(/state file/);
    expect(refuse({ plan_format_version: '1.1' })).toMatch(/HCP Terraform/);
  });

  it('refuses a broken file with the same message as the streaming path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-loader-'));
    try {
      for (const broken of [plan.slice(0, 1234), `${plan},`, `[command]terraform-bin show -json\n${plan}`, json({ format_version: '1.0', values: {} })]) {
        const file = path.join(dir, 'plan.json');
        fs.writeFileSync(file, broken);
        await expect(loadPlanFile(file, 'plan.json')).rejects.toThrow(new InputError('plan.json', (await refusal(broken, 13)).slice('plan.json: '.length)));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses files it cannot read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-loader-'));
    try {
      await expect(loadPlanFile(path.join(dir, 'missing.json'), 'missing.json')).rejects.toThrow(new InputError('missing.json', 'cannot read: no such file'));
      await expect(loadPlanFile(dir, 'dir')).rejects.toThrow(/^dir: cannot read: it is a directory/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a value too large for one JavaScript string (about 512 MiB)', () => {
  /** A value whose bytes Node cannot turn into one string, as it cannot for a resource of 600 MB. */
  function oversized(text: string): Buffer {
    const buf = Buffer.from(text);
    buf.toString = () => {
      throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    };
    return buf;
  }

  it.each([
    ['read whole', undefined],
    ['read with its before cut out', { at: 1, length: 1 }],
  ])('is refused at its offset in the input, %s, never as an internal error', (_name, cut) => {
    const value = new RawValue(oversized('{"a":1}'), 0, 7, 4096);
    expect(() => value.parse(cut)).toThrow(ValueTooLarge);
    expect(() => value.parse(cut)).toThrow(expect.objectContaining({ byteOffset: 4096, detail: expect.stringMatching(/^one value of the document is larger than a JavaScript string can hold/) }));
  });
});

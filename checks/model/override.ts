/**
 * Terraform's override files (`override.tf`, `*_override.tf`, their `.tf.json` forms; OpenTofu's
 * `.tofu` ones): read after the module's other files, in name order, each merged into the blocks
 * it names as Terraform 1.11 merges them (configs.Module.mergeFile, module_merge.go,
 * module_merge_body.go; https://developer.hashicorp.com/terraform/language/files/override):
 *
 * - a resource, data, module, output, variable or aliased provider block must override one the
 *   other files write; each argument it sets replaces the argument, and each nested block type it
 *   writes replaces every block of that type, `dynamic` ones included (a `dynamic "x"` replaces
 *   the `x` blocks too); its `lifecycle` replaces `create_before_destroy`, `prevent_destroy` and a
 *   non-empty `ignore_changes` one by one. A variable takes only its `description`, `default`,
 *   `type`, `sensitive` and `nullable` from it (Terraform refuses a `validation` block there);
 * - a local replaces the local of its name, which must exist;
 * - a provider block without `alias` may also configure a provider the other files do not;
 * - the `terraform` block's `required_version` replaces the others, a `backend` or `cloud` block
 *   replaces either, and each provider of `required_providers` replaces that provider's entry.
 *
 * The merge is by block, whatever the syntax: a `.tf.json` override merges into a `.tf` block and a `.tf`
 * override into a `.tf.json` one, both then read as a .tf file's blocks are (`inOneSyntax`).
 *
 * What Terraform refuses in an override file (a block with no base, `depends_on`, `moved`, `import`,
 * `check`, a variable's `validation`) is refused here too, and so is what this merge does not follow (other
 * block types; other `lifecycle` and `terraform` settings; `count` and `for_each` both set once merged,
 * where Terraform keeps `count`): one line, naming the override file and the block.
 */
import { InputError } from '../errors';
import { BLOCKLESS_PROVIDERS, bodiesOf, labeled, providerRefOf } from './cdktf';
import { writesBlocks } from './expressions';
import { isRecord } from './records';
import { quotedInput } from './quoted';

type Body = Record<string, unknown>;

/** A module's documents as read so far: its .tf files merged (`hcl`), its .tf.json files merged (`json`). */
export interface Documents {
  hcl: Body;
  json: Body;
}

/** Merge the override file `where` (parsed as `doc`, JSON syntax or not) into `docs`, in place. */
export function mergeOverride(docs: Documents, doc: Body, where: string, isJson: boolean): void {
  const own: keyof Documents = isJson ? 'json' : 'hcl';
  const refuse = (block: string, problem: string): never => {
    throw new InputError(where, `override ${block}: ${problem}`);
  };
  for (const [type, value] of Object.entries(doc)) {
    if (type === '//') continue;
    switch (type) {
      case 'resource':
      case 'data':
        for (const [resourceType, named] of labeled(value)) {
          for (const [name, bodies] of labeled(named)) {
            for (const body of bodiesOf(bodies)) {
              const block = `${type} "${quotedInput(resourceType)}" "${quotedInput(name)}"`;
              const found = baseBody(docs, own, block, refuse, (d) => labeled(d[type]).filter(([t]) => t === resourceType).flatMap(([, n]) => labeled(n).filter(([m]) => m === name).flatMap(([, b]) => bodiesOf(b))));
              const blame = (problem: string) => refuse(block, problem);
              const provider = providerRefOf(resourceType, Object.hasOwn(body, 'provider') ? body : found.body).split('.')[0];
              const { base, over, kept } = inOneSyntax(docs, found, body, isJson, [type, resourceType, name], provider, blame);
              mergeResource(base, over, type === 'resource', kept, blame);
            }
          }
        }
        break;
      case 'module':
      case 'output':
      case 'variable':
        for (const [name, bodies] of labeled(value)) {
          for (const body of bodiesOf(bodies)) {
            const block = `${type} "${quotedInput(name)}"`;
            const blame = (problem: string) => refuse(block, problem);
            const found = baseBody(docs, own, block, refuse, (d) => labeled(d[type]).filter(([n]) => n === name).flatMap(([, b]) => bodiesOf(b)));
            const { base, over } = inOneSyntax(docs, found, body, isJson, [type, name], undefined, blame);
            MERGE[type](base, over, blame);
          }
        }
        break;
      case 'provider':
        for (const [name, bodies] of labeled(value)) {
          for (const body of bodiesOf(bodies)) {
            const alias = body.alias;
            const block = `provider "${quotedInput(name)}"${alias === undefined ? '' : ` (alias ${quotedInput(String(alias))})`}`;
            const sameConfiguration = (b: Body) => b.alias === alias;
            const found = (d: Body) => labeled(d.provider).filter(([n]) => n === name).flatMap(([, b]) => bodiesOf(b)).filter(sameConfiguration);
            if (alias === undefined && found(docs.hcl).length + found(docs.json).length === 0) {
              // An absent default configuration is an empty one, which this one then overrides.
              docs[own].provider = [...bodiesOf(docs[own].provider), { [name]: [body] }];
              continue;
            }
            // version and each argument replaced; each nested block type (default_tags, assume_role) replaced whole.
            const { base, over, kept } = inOneSyntax(docs, baseBody(docs, own, block, refuse, found), body, isJson, ['provider', name], name, (problem) => refuse(block, problem));
            mergeBody(base, over, kept);
          }
        }
        break;
      case 'locals':
        for (const locals of bodiesOf(value)) {
          for (const [name, expression] of Object.entries(locals)) {
            if (name === '//') continue;
            const holders = [...bodiesOf(docs.hcl.locals), ...bodiesOf(docs.json.locals)].filter((b) => Object.hasOwn(b, name));
            if (holders.length === 0) refuse(`local "${quotedInput(name)}"`, 'no local of that name in the module\'s other files (Terraform refuses it: "Missing base local value definition to override")');
            // A local is one expression: the override's, read in the syntax of its own file.
            for (const holder of holders) delete holder[name];
            docs[own].locals = [...bodiesOf(docs[own].locals), { [name]: expression }];
          }
        }
        break;
      case 'terraform':
        for (const body of bodiesOf(value)) mergeTerraform(docs, own, body, (problem) => refuse('terraform', problem));
        break;
      case 'moved':
      case 'import':
      case 'check':
        refuse(`${type} block`, `Terraform refuses ${type} blocks in override files`);
        break;
      default:
        refuse(`${type} block`, 'not merged by twinguard: write it in a file of its own');
    }
  }
}

/** A block the module's other files write, and the document it is in. */
interface Found {
  readonly body: Body;
  readonly syntax: keyof Documents;
}

/** The one body of `block` the other files write (the last, in the override's syntax first), found by `find` in each document; refused when none. */
function baseBody(docs: Documents, own: keyof Documents, block: string, refuse: (block: string, problem: string) => never, find: (doc: Body) => Body[]): Found {
  for (const syntax of [own, own === 'hcl' ? 'json' : 'hcl'] as const) {
    const found = find(docs[syntax]);
    if (found.length > 0) return { body: found[found.length - 1], syntax };
  }
  return refuse(block, 'no such block in the module\'s other files to override (Terraform refuses it)');
}

/**
 * The base block and the override to merge into it, in one syntax, with the nested block types a JSON
 * override leaves to the base (`keptBlockTypes`). Terraform merges by block whatever the syntax
 * (`*_override.tf.json` over a `.tf` block, `*_override.tf` over a `.tf.json` one): where they differ, both
 * are taken as a .tf file's blocks are, a JSON override read as the JSON loader reads it (`asHclBody`), a
 * JSON base moved into the module's .tf document first. `labels`: the block's, after its type (`resource`,
 * `aws_s3_bucket`, `b`); `provider`: the provider whose schema its nested blocks follow, none for a module
 * call, an output or a variable.
 */
function inOneSyntax(docs: Documents, found: Found, over: Body, isJson: boolean, labels: readonly [string, ...string[]], provider: string | undefined, refuse: (problem: string) => never): { base: Body; over: Body; kept: Set<string> } {
  const kept = isJson && provider !== undefined ? keptBlockTypes(found.body, over, provider, refuse, found.syntax) : new Set<string>();
  if (found.syntax === (isJson ? 'json' : 'hcl')) return { base: found.body, over, kept };
  if (isJson) return { base: found.body, over: asHclBody(over, labels[0], provider, found.body), kept };
  const [type, ...names] = labels;
  const base = asHclBody(found.body, type, provider);
  detach(docs.json[type], names, found.body);
  const nested = names.reduceRight<unknown>((inner, label) => ({ [label]: inner }), [base]);
  docs.hcl[type] = [...bodiesOf(docs.hcl[type]), nested];
  return { base, over, kept };
}

/** JSON syntax's reading of a body of a nested block type's blocks (`writesBlocks`). */
const JSON_BLOCKS = { objectsAreBlocks: true };

/**
 * A body written in Terraform JSON syntax as hcl2json writes a .tf file's: each nested block type the JSON
 * loader reads there (`writesBlocks`, a dynamic block's content too) as a list of blocks, a variable's type
 * as an expression. `base`: the .tf block it overrides, whose map arguments stay maps. A provider without
 * blocks (`awscc`), a module call and an output have arguments only.
 */
function asHclBody(body: Body, blockType: string, provider: string | undefined, base?: Body): Body {
  const out: Body = { ...body };
  if (blockType === 'variable' && typeof body.type === 'string' && !body.type.startsWith('${')) out.type = `\${${body.type}}`;
  if (provider === undefined || BLOCKLESS_PROVIDERS.has(provider)) return out;
  const blocksOf = (value: unknown): Body[] => bodiesOf(value).map((block) => asHclBody(block, blockType, provider));
  for (const [key, value] of Object.entries(body)) {
    if (key === 'dynamic') {
      const dynamic: Body = {};
      for (const [label, specs] of labeled(value)) dynamic[label] = [...bodiesOf(dynamic[label]), ...bodiesOf(specs).map((spec) => ({ ...spec, content: blocksOf(spec.content) }))];
      out.dynamic = dynamic;
    } else if (key !== 'lifecycle' && !isRecord(base?.[key]) && writesBlocks(key, value, JSON_BLOCKS)) out[key] = blocksOf(value);
  }
  return out;
}

/** Take `body` out of a document's blocks of one type (`container`, reached through `labels`). */
function detach(container: unknown, labels: readonly string[], body: Body): void {
  for (const map of bodiesOf(container)) {
    if (!Object.hasOwn(map, labels[0])) continue;
    const value = map[labels[0]];
    const rest = labels.length > 1 || !Array.isArray(value) ? undefined : value.filter((b) => b !== body);
    if (labels.length > 1) detach(value, labels.slice(1), body);
    else if (value === body || rest?.length === 0) delete map[labels[0]];
    else if (rest !== undefined) map[labels[0]] = rest;
  }
}

/** An argument or block written in a body, Terraform JSON's `"//"` comment aside. */
const keysOf = (body: Body): string[] => Object.keys(body).filter((key) => key !== '//');

/**
 * The keys of a JSON override body `over` that write no block of one of `base`'s nested block types
 * (`"statement": null` or `[]`): Terraform's JSON syntax reads them as no block, and an override hides
 * a base block type only where it writes a block of it (module_merge_body.go, prepareContent), so
 * the base blocks stay. An argument set to null or [] replaces the base one as any other does. JSON
 * holds no schema: a key is told a block type as the loader tells it (writesBlocks), by the base's
 * value, or by a base `dynamic` block of that type; a base `{}` (an empty block, or an empty map) is
 * refused. A provider without blocks (`awscc`) has arguments only.
 */
function keptBlockTypes(base: Body, over: Body, provider: string, refuse: (problem: string) => never, baseSyntax: keyof Documents): Set<string> {
  const kept = new Set<string>();
  if (BLOCKLESS_PROVIDERS.has(provider)) return kept;
  const dynamicTypes = new Set(labeled(base.dynamic).map(([label]) => label));
  for (const key of keysOf(over)) {
    const value = over[key];
    if (value !== null && !(Array.isArray(value) && value.length === 0)) continue;
    const written = base[key];
    // A .tf block writes its nested blocks as lists (hcl2json), and an object there is a map.
    if (dynamicTypes.has(key) || writesBlocks(key, written, baseSyntax === 'json' ? JSON_BLOCKS : { objectsAreBlocks: Array.isArray(written) })) kept.add(key);
    // [{}] stands for any block: a key the loader never reads as blocks (tags) is an argument.
    else if (baseSyntax === 'json' && isRecord(written) && keysOf(written).length === 0 && writesBlocks(key, [{}], JSON_BLOCKS)) {
      refuse(`"${quotedInput(key)}" is ${JSON.stringify(value)} here and {} in the block, and twinguard cannot tell a nested block type (whose base block Terraform keeps) from an argument (which it replaces): write the block or the argument's value`);
    }
  }
  return kept;
}

/**
 * Terraform's MergeBodies: each argument of `over` replaces `base`'s; each block type it writes
 * (statically or as `dynamic`) replaces every block of that type in `base`, static and dynamic.
 * `skip`: keys of `over` left out (`lifecycle`, merged apart; block types `keptBlockTypes` keeps).
 */
function mergeBody(base: Body, over: Body, skip: ReadonlySet<string> = new Set()): void {
  const dynamicOver = labeled(over.dynamic);
  const replaced = new Set([...keysOf(over).filter((key) => key !== 'dynamic' && !skip.has(key)), ...dynamicOver.map(([label]) => label)]);
  const keptDynamic = labeled(base.dynamic).filter(([label]) => !replaced.has(label));
  for (const key of replaced) delete base[key];
  for (const key of keysOf(over)) if (key !== 'dynamic' && !skip.has(key)) base[key] = over[key];
  // As hcl2json writes them: the dynamic blocks by their type label.
  const dynamic: Body = {};
  for (const [label, blocks] of [...keptDynamic, ...dynamicOver]) dynamic[label] = Object.hasOwn(dynamic, label) ? [...bodiesOf(dynamic[label]), ...bodiesOf(blocks)] : blocks;
  if (Object.keys(dynamic).length > 0) base.dynamic = dynamic;
  else delete base.dynamic;
}

/** The `lifecycle` settings an override replaces one by one (managed resources; Resource.merge). */
const LIFECYCLE_OVERRIDES = new Set(['create_before_destroy', 'prevent_destroy', 'ignore_changes']);

function mergeResource(base: Body, over: Body, managed: boolean, kept: ReadonlySet<string>, refuse: (problem: string) => never): void {
  if (Object.hasOwn(over, 'depends_on')) refuse('Terraform refuses depends_on in an override ("Unsupported override")');
  if (Object.hasOwn(over, 'lifecycle')) {
    const overLifecycle = bodiesOf(over.lifecycle);
    const settings = overLifecycle.flatMap(keysOf);
    const other = settings.find((key) => !managed || !LIFECYCLE_OVERRIDES.has(key));
    if (other !== undefined) refuse(`lifecycle setting "${quotedInput(other)}" is not merged by twinguard: write it in the base block`);
    const [baseLifecycle] = bodiesOf(base.lifecycle);
    const merged: Body = { ...(baseLifecycle ?? {}) };
    for (const setting of overLifecycle) {
      for (const key of keysOf(setting)) {
        // An empty ignore_changes list leaves the base's in place.
        if (key === 'ignore_changes' && Array.isArray(setting[key]) && (setting[key] as unknown[]).length === 0) continue;
        merged[key] = setting[key];
      }
    }
    base.lifecycle = [merged];
  }
  mergeBody(base, over, new Set(['lifecycle', ...kept]));
  if (base.count !== undefined && base.for_each !== undefined) refuse('count and for_each are both set once merged (Terraform then uses count and ignores for_each): set one, in the base block');
}

const MERGE: Record<'module' | 'output' | 'variable', (base: Body, over: Body, refuse: (problem: string) => never) => void> = {
  module(base, over, refuse) {
    if (Object.hasOwn(over, 'depends_on')) refuse('Terraform refuses depends_on in an override ("Unsupported override")');
    if (Object.hasOwn(over, 'lifecycle')) refuse('lifecycle is not merged by twinguard: write it in the base block');
    // source, version, count, for_each, providers and each input: replaced one by one.
    mergeBody(base, over);
    if (base.count !== undefined && base.for_each !== undefined) refuse('count and for_each are both set once merged: set one, in the base block');
  },
  output(base, over, refuse) {
    for (const key of keysOf(over)) {
      if (key === 'depends_on') refuse('Terraform refuses depends_on in an override ("Unsupported override")');
      if (!['value', 'description', 'sensitive'].includes(key)) refuse(`"${quotedInput(key)}" is not merged by twinguard: write it in the base block`);
      base[key] = over[key];
    }
  },
  variable(base, over, refuse) {
    for (const key of keysOf(over)) {
      if (key === 'validation') refuse('Terraform refuses validation blocks in an override ("Can\'t override validation blocks")');
      if (!['default', 'type', 'description', 'sensitive', 'nullable'].includes(key)) refuse(`"${quotedInput(key)}" is not merged by twinguard: write it in the base block`);
      base[key] = over[key];
    }
  },
};

/** The `terraform` block settings an override replaces. */
const TERRAFORM_OVERRIDES = new Set(['required_version', 'backend', 'cloud', 'required_providers']);

function mergeTerraform(docs: Documents, own: keyof Documents, over: Body, refuse: (problem: string) => never): void {
  const other = keysOf(over).find((key) => !TERRAFORM_OVERRIDES.has(key));
  if (other !== undefined) refuse(`"${quotedInput(other)}" is not merged by twinguard: write it in a file of its own`);
  const bases = [...bodiesOf(docs.hcl.terraform), ...bodiesOf(docs.json.terraform)];
  for (const base of bases) {
    if (Object.hasOwn(over, 'required_version')) delete base.required_version;
    // A backend and a cloud block exclude each other: either replaces both.
    if (Object.hasOwn(over, 'backend') || Object.hasOwn(over, 'cloud')) {
      delete base.backend;
      delete base.cloud;
    }
    if (Object.hasOwn(over, 'required_providers')) {
      const overridden = new Set(bodiesOf(over.required_providers).flatMap(keysOf));
      for (const providers of bodiesOf(base.required_providers)) for (const name of overridden) delete providers[name];
    }
  }
  docs[own].terraform = [...bodiesOf(docs[own].terraform), over];
}

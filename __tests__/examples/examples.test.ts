/**
 * The pipeline examples (examples/*.yml, atlantis.yaml) parse, and every command they run exists
 * in this project: twinguard subcommands, flags and formats as the built CLI's help lists them,
 * npm scripts in package.json, npx binaries that are installed. Plus what each pipeline promises:
 * SARIF to code scanning, a step summary, JUnit, apply only on main from the checked plan.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { FORMATS } from '../../checks/check';
import { ENVIRONMENTS } from '../../config/environments';
import { REPO_ROOT } from '../helpers/shared';
import { twinguard } from '../cli/run';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const load = (name: string): any => YAML.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));

/** One shell command of a pipeline, with where it came from. */
interface Command {
  readonly where: string;
  readonly words: string[];
}

/** Split a shell script into simple commands (on newlines, `&&`, `||`, `;`, `|`) and words (quotes removed, redirections dropped). */
function commandsOf(script: string, where: string): Command[] {
  return script
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n|&&|\|\||;|\|/)
    .map((segment) => {
      const words = (segment.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^(["'])(.*)\1$/, '$2'));
      const redirect = words.findIndex((w) => /^\d?>>?/.test(w));
      return { where, words: redirect >= 0 ? words.slice(0, redirect) : words };
    })
    .filter((c) => c.words.length > 0 && !c.words[0].startsWith('#'));
}

function githubCommands(doc: any): Command[] {
  return Object.entries(doc.jobs as Record<string, any>).flatMap(([job, body]) =>
    (body.steps as any[]).flatMap((step, i) => (typeof step.run === 'string' ? commandsOf(step.run, `jobs.${job}.steps[${i}]`) : [])),
  );
}

const GITLAB_KEYWORDS = new Set(['stages', 'variables', 'include', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script']);
function gitlabCommands(doc: any): Command[] {
  return Object.entries(doc as Record<string, any>)
    .filter(([key, body]) => !GITLAB_KEYWORDS.has(key) && body !== null && typeof body === 'object')
    .flatMap(([job, body]) =>
      (['before_script', 'script', 'after_script'] as const).flatMap((k) => ((body[k] ?? []) as string[]).flatMap((line, i) => commandsOf(line, `${job}.${k}[${i}]`))),
    );
}

function atlantisCommands(doc: any): Command[] {
  return Object.entries(doc.workflows as Record<string, any>).flatMap(([name, stages]) =>
    Object.entries(stages as Record<string, any>).flatMap(([stage, body]) =>
      (body.steps as any[]).flatMap((step, i) => (step !== null && typeof step === 'object' && typeof step.run === 'string' ? commandsOf(step.run, `workflows.${name}.${stage}.steps[${i}]`) : [])),
    ),
  );
}

/** A subcommand's options as its help lists them: flag -> whether it takes a value. */
type Flags = Map<string, boolean>;

async function cliSpec(): Promise<Map<string, { flags: Flags; positional: boolean }>> {
  const top = await twinguard(['--help']);
  const names = [...top.stdout.split('Commands:')[1].matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]).filter((n) => n !== 'help');
  const spec = new Map<string, { flags: Flags; positional: boolean }>();
  for (const name of names) {
    const help = (await twinguard([name, '--help'])).stdout;
    const flags: Flags = new Map();
    for (const [, short, long, value] of help.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)( <[^>]+>)?/gm)) {
      if (short) flags.set(short, value !== undefined);
      flags.set(long, value !== undefined);
    }
    spec.set(name, { flags, positional: /^Usage: twinguard \w+ .*[[<]/m.test(help.replace(/\[options\]/, '')) });
  }
  return spec;
}

/** The twinguard arguments of a command, if it runs twinguard (`npx twinguard`, `twinguard`, `node dist/twinguard.js`). */
function twinguardArgs(words: string[]): string[] | undefined {
  if (words[0] === 'npx' && words[1] === 'twinguard') return words.slice(2);
  if (words[0] === 'twinguard') return words.slice(1);
  if (words[0] === 'node' && /(^|\/)dist\/twinguard\.js$/.test(words[1] ?? '')) return words.slice(2);
  return undefined;
}

/** Problems with one twinguard invocation, as text. */
function twinguardProblems(args: string[], spec: Awaited<ReturnType<typeof cliSpec>>): string[] {
  const [sub, ...rest] = args;
  const command = spec.get(sub);
  if (!command) return [`unknown subcommand "${sub}"`];
  const problems: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === '-' || !word.startsWith('-')) {
      if (!command.positional) problems.push(`${sub} takes no argument, got "${word}"`);
      continue;
    }
    const [flag, inline] = word.split(/=(.*)/s);
    const takesValue = command.flags.get(flag);
    if (takesValue === undefined) {
      problems.push(`${sub}: unknown flag ${flag}`);
      continue;
    }
    if (!takesValue) continue;
    const value = inline ?? rest[++i];
    if (value === undefined) problems.push(`${sub}: ${flag} needs a value`);
    else if ((flag === '--format' || flag === '-f') && !(FORMATS as readonly string[]).includes(value)) problems.push(`${sub}: unknown format ${value}`);
  }
  return problems;
}

/** Problems with an npm / npx command (scripts that exist, binaries that are installed). */
function npmProblems(words: string[]): string[] {
  if (words[0] === 'npm') {
    const [verb, script, ...rest] = words.slice(1);
    if (verb === 'ci' || verb === 'install') return [];
    const name = verb === 'run' || verb === 'run-script' ? script : verb;
    if (!(name in packageJson.scripts)) return [`npm script "${name}" is not in package.json`];
    if (name === 'deploy') {
      const env = (verb === 'run' ? rest : [script, ...rest]).filter((w) => w !== '--')[0];
      if (!ENVIRONMENTS.some((e) => e.name === env)) return [`npm run deploy: unknown environment "${env}"`];
    }
    return [];
  }
  if (words[0] === 'npx' && words[1] !== 'twinguard') {
    return fs.existsSync(path.join(REPO_ROOT, 'node_modules', '.bin', words[1])) ? [] : [`npx ${words[1]}: not installed in this project`];
  }
  return [];
}

/** The value following a flag, for every `--output` that follows `--format <format>`. */
function outputsOf(args: string[], format: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length - 3; i++) if (args[i] === '--format' && args[i + 1] === format && args[i + 2] === '--output') out.push(args[i + 3]);
  return out;
}

const EXAMPLE_FILES: [string, (doc: any) => Command[]][] = [
  ['github-actions.yml', githubCommands],
  ['gitlab-ci.yml', gitlabCommands],
  ['atlantis.yaml', atlantisCommands],
];

let spec: Awaited<ReturnType<typeof cliSpec>>;
beforeAll(async () => {
  spec = await cliSpec();
});

describe.each(EXAMPLE_FILES)('examples/%s', (file, extract) => {
  it('parses as YAML and runs twinguard at least once', () => {
    const commands = extract(load(file));
    expect(commands.some((c) => twinguardArgs(c.words) !== undefined)).toBe(true);
  });

  it('runs only twinguard subcommands, flags and formats that exist, npm scripts that exist, npx binaries that are installed', () => {
    const problems = extract(load(file)).flatMap((c) => {
      const args = twinguardArgs(c.words);
      return (args ? twinguardProblems(args, spec) : npmProblems(c.words)).map((p) => `${c.where}: ${p}`);
    });
    expect(problems).toEqual([]);
  });
});

describe('what each pipeline promises', () => {
  it('the checker of the examples catches a command that does not exist', () => {
    expect(twinguardProblems(['gate', '--dir', 'x', '--apply-anyway'], spec)).toEqual(['gate: unknown flag --apply-anyway']);
    expect(twinguardProblems(['check', '-', '--format', 'html'], spec)).toEqual(['check: unknown format html']);
    expect(twinguardProblems(['deploy'], spec)).toEqual(['unknown subcommand "deploy"']);
    expect(npmProblems(['npm', 'run', 'deploy', '--', 'qa'])).toEqual(['npm run deploy: unknown environment "qa"']);
    expect(npmProblems(['npm', 'run', 'publish-everything'])).toEqual(['npm script "publish-everything" is not in package.json']);
  });

  it('GitHub Actions: no terraform wrapper, SARIF to code scanning and markdown to the step summary from the twinguard run, apply only on main', () => {
    const doc = load('github-actions.yml');
    const steps = Object.values(doc.jobs as Record<string, any>).flatMap((j) => j.steps as any[]);
    expect(steps.find((s) => String(s.uses).startsWith('hashicorp/setup-terraform'))?.with?.terraform_wrapper).toBe(false);
    expect(doc.permissions['security-events']).toBe('write');

    const gates = steps.flatMap((s) => commandsOf(s.run ?? '', '').map((c) => ({ step: s, args: twinguardArgs(c.words) })).filter((g) => g.args?.[0] === 'gate'));
    const applying = gates.filter((g) => !g.args!.includes('--plan-only'));
    expect(applying.length).toBeGreaterThan(0);
    for (const g of applying) expect(g.step.if).toMatch(/github\.ref == 'refs\/heads\/main'/);
    for (const g of gates.filter((x) => x.args!.includes('--plan-only'))) expect(g.step.if ?? '').not.toMatch(/refs\/heads\/main'$/);

    const sarifFiles = new Set(gates.flatMap((g) => outputsOf(g.args!, 'sarif')));
    const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif'));
    expect(sarifFiles.has(upload.with.sarif_file)).toBe(true);
    const markdownFiles = gates.flatMap((g) => outputsOf(g.args!, 'markdown'));
    const summary = steps.find((s) => String(s.run ?? '').includes('$GITHUB_STEP_SUMMARY'));
    expect(markdownFiles.some((f) => summary.run.includes(f))).toBe(true);
  });

  it('GitLab CI: the JUnit and Code Quality reports are the files twinguard writes; apply only on the default branch', () => {
    const doc = load('gitlab-ci.yml');
    expect(doc.check.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
    for (const [name, job] of Object.entries(doc as Record<string, any>)) {
      const gates = ((job?.script ?? []) as string[]).flatMap((l) => commandsOf(l, name)).map((c) => twinguardArgs(c.words)).filter((a) => a?.[0] === 'gate');
      for (const args of gates) {
        expect(outputsOf(args!, 'junit')).toContain(job.artifacts.reports.junit);
        if (job.artifacts.reports.codequality !== undefined) expect(outputsOf(args!, 'codequality')).toContain(job.artifacts.reports.codequality);
        if (!args!.includes('--plan-only')) expect(JSON.stringify(job.rules)).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
      }
    }
  });

  it('GitLab CI: the default branch writes a Code Quality report too, the base the merge request widget compares with', () => {
    const doc = load('gitlab-ci.yml') as Record<string, any>;
    const onDefault = Object.values(doc).filter((job) => JSON.stringify(job?.rules ?? []).includes('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'));
    expect(onDefault.some((job) => job.artifacts?.reports?.codequality === 'gl-code-quality-report.json')).toBe(true);
  });

  it('installs a Terraform that reads the stacks\' backend (use_lockfile needs 1.10 or later)', () => {
    const versions = [
      String(load('gitlab-ci.yml').variables.TF_VERSION),
      String(load('github-actions.yml').jobs.gate?.steps?.find((s: any) => String(s.uses).startsWith('hashicorp/setup-terraform'))?.with?.terraform_version ?? ''),
    ];
    for (const version of versions) {
      const [major, minor] = version.split('.').map(Number);
      expect({ version, atLeast110: major > 1 || (major === 1 && minor >= 10) }).toEqual({ version, atLeast110: true });
    }
  });

  // The gate reads the twinguard.config.* of its working directory only: in a checkout without one (this project's), the
  // pipelines checked the plan with the defaults (no strict mode, FIPS required nowhere) while the synth-time check,
  // npm start and npm run deploy read examples/twinguard.config.yaml.
  it('every pipeline checks the plan with the configuration the synth-time check reads: the project\'s, else the strict example', () => {
    const COPY = 'cp examples/twinguard.config.yaml twinguard.config.yaml';
    const guarded = (commands: Command[], at: number) =>
      ['twinguard.config.yaml', 'twinguard.config.yml', 'twinguard.config.json'].every((name) => commands.slice(0, at).some((c) => c.where === commands[at].where && c.words.join(' ') === `test -e ${name}`));
    for (const [file, extract] of [['github-actions.yml', githubCommands], ['gitlab-ci.yml', gitlabCommands]] as const) {
      const commands = extract(load(file));
      const copy = commands.findIndex((c) => c.words.join(' ') === COPY);
      const firstTwinguard = commands.findIndex((c) => twinguardArgs(c.words) !== undefined || c.words.join(' ') === 'npx cdktf synth');
      expect({ file, copiedFirst: copy >= 0 && copy < firstTwinguard, onlyWithoutOne: copy >= 0 && guarded(commands, copy) }).toEqual({ file, copiedFirst: true, onlyWithoutOne: true });
    }
    // GitLab runs each job in a checkout of its own: the copy is in every job's before_script.
    expect(load('gitlab-ci.yml').default.before_script.some((line: string) => line.endsWith(COPY))).toBe(true);
    // Atlantis checks in the stack's directory: it names the repository root's file.
    const checks = atlantisCommands(load('atlantis.yaml')).map((c) => twinguardArgs(c.words)).filter((a) => a?.[0] === 'check');
    expect(checks.length).toBeGreaterThan(0);
    for (const args of checks) expect(args!.join(' ')).toContain('--config ../../../twinguard.config.yaml');
  });

  it('Atlantis: the policy step writes terraform show -json $PLANFILE to a file, then twinguard checks that file', () => {
    const runs = atlantisCommands(load('atlantis.yaml'));
    const plan = load('atlantis.yaml').workflows.twinguard.plan.steps.map((s: any) => s.run).filter(Boolean);
    // A file, not a pipe: a large plan's values stay in the file instead of in memory.
    expect(plan.some((r: string) => r.startsWith('terraform show -json $PLANFILE > $PLANFILE.json && npx twinguard check $PLANFILE.json'))).toBe(true);
    expect(runs.some((c) => c.words.join(' ') === 'terraform show -json $PLANFILE')).toBe(true);
  });
});

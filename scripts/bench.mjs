// `npm run bench`: generate plans of 1k, 10k, 100k resources and one over 1 GiB into a temporary
// directory, and measure `twinguard check` as a whole process (wall time, peak RSS) beside two
// baselines on the same file: reading it + one JSON.parse in Node, and jq evaluating one simple
// rule. Prints a table with the targets of issue 7 marked met / NOT met and writes the figures to
// bench-results/bench.json. Also times `npm start` and, with --jest, the test suite.
//
//   npm run bench                       # 1k, 10k, 100k, >1 GiB, npm start
//   npm run bench -- --quick            # 1k and 10k only
//   npm run bench -- --sizes 10k,100k   # sizes: N, Nk, or 1g (a plan over 1 GiB)
//   npm run bench -- --jest --no-start --runs 3 --keep
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'twinguard.js');
const GiB = 1024 ** 3;
const MB = 1024 * 1024;
/** jq runs under this address-space limit: on a plan over 1 GiB it would otherwise take the machine's memory. */
const JQ_MEMORY_LIMIT = 8 * GiB;
/** One rule a hand-written pipeline would check: SSE configurations that are not SSE-KMS. */
const JQ_RULE = '[.resource_changes[] | select(.type == "aws_s3_bucket_server_side_encryption_configuration") | select(.change.after.rule[0].apply_server_side_encryption_by_default[0].sse_algorithm != "aws:kms")] | length';
const JSON_PARSE = 'JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))';

const USAGE = `usage: npm run bench -- [options]
  --sizes LIST   plan sizes to measure: N, Nk or 1g (over 1 GiB), comma-separated (default 1k,10k,100k,1g)
  --quick        the same as --sizes 1k,10k
  --runs N       measure each size N times, keep the best (default 1)
  --seed S       generator seed (default 7)
  --existing-rate R  share of sites already deployed, no-op changes with before and after (default 0.9)
  --jest         also time the test suite (slow)
  --no-start     do not time \`npm start\`
  --keep         keep the generated plans in the temporary directory
  --help         this text`;

/** The command line, parsed with node:util's parseArgs (strict: an unknown option is an error). */
function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      sizes: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'existing-rate': { type: 'string' },
      jest: { type: 'boolean' },
      'no-start': { type: 'boolean' },
      keep: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sizes = values.quick ? ['1k', '10k'] : (values.sizes ?? '1k,10k,100k,1g').split(',').filter(Boolean);
  for (const size of sizes) if (!/^(\d+k?|1g)$/i.test(size)) throw new Error(`--sizes: ${size} is not N, Nk or 1g`);
  return {
    sizes,
    jest: values.jest === true,
    start: values['no-start'] !== true,
    runs: Math.max(1, Number(values.runs ?? 1) || 1),
    keep: values.keep === true,
    seed: Number(values.seed ?? 7) || 7,
    existingRate: existingRateOf(values['existing-rate']),
  };
}

/**
 * The share of sites already deployed. A large plan is mostly an estate in place: no-op changes
 * that carry `before` and `after`, and a `prior_state`. At 0.9 the 100k plan is about 260 MB,
 * the size issue 7 has in mind (at the generator's default of 0.1, 158 MB).
 */
function existingRateOf(text) {
  const rate = Number(text ?? 0.9);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) throw new Error(`--existing-rate: ${text} is not a share between 0 and 1`);
  return rate;
}

const resourcesOf = (size) => (/k$/i.test(size) ? Number(size.slice(0, -1)) * 1000 : Number(size));

/** Peak RSS of a process that is still running, from /proc (VmHWM is the high-water mark). */
function readHwmKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

const hasGnuTime = fs.existsSync('/usr/bin/time') && spawnSync('/usr/bin/time', ['-v', 'true']).status === 0;

/**
 * Run a command to its end: wall time, peak RSS (GNU time -v when present, else polling
 * /proc/<pid>/status), exit code and the first line of stderr.
 */
function measure(command, args, { cwd = root, memoryLimit } = {}) {
  return new Promise((resolve) => {
    const timeFile = join(os.tmpdir(), `twinguard-bench-time-${process.pid}-${Date.now()}`);
    let argv = [command, ...args];
    // prlimit is util-linux's: elsewhere jq runs unlimited.
    if (memoryLimit && process.platform === 'linux') argv = ['prlimit', `--as=${memoryLimit}`, '--', ...argv];
    if (hasGnuTime) argv = ['/usr/bin/time', '-v', '-o', timeFile, ...argv];
    const started = process.hrtime.bigint();
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    } catch (error) {
      // Node throws some spawn errors (EINVAL for a .cmd on Windows) rather than emitting them.
      resolve({ seconds: 0, code: null, error: `${argv[0]} could not start (${error.code ?? error.message})` });
      return;
    }
    // A command that cannot start (ENOENT) is this row's failure, not the bench's crash: 'close' follows.
    let startError;
    child.once('error', (error) => (startError = `${argv[0]} could not start (${error.code ?? error.message})`));
    let stderr = '';
    let polledKb = 0;
    // Lines that name a failure (jest's `FAIL <file>` and `● <test>`), wherever they come in a long output.
    const failures = [];
    let partial = '';
    child.stderr.on('data', (d) => {
      if (stderr.length < 4096) stderr += d;
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (failures.length < 20 && /^(FAIL\s|\s*● (?!Console$))/.test(line)) failures.push(line.trim());
    });
    const poll = hasGnuTime ? undefined : setInterval(() => (polledKb = Math.max(polledKb, readHwmKb(child.pid) ?? 0)), 20);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (poll) clearInterval(poll);
      let rssKb = polledKb || undefined;
      if (hasGnuTime && fs.existsSync(timeFile)) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(fs.readFileSync(timeFile, 'utf8'));
        rssKb = match ? Number(match[1]) : undefined;
        fs.rmSync(timeFile, { force: true });
      }
      const error = startError ?? stderr.split('\n').map((l) => l.trim()).find(Boolean);
      resolve({ seconds, rssMb: rssKb === undefined ? undefined : rssKb / 1024, code, ...(error ? { error: error.slice(0, 200) } : {}), ...(failures.length > 0 ? { failures } : {}) });
    });
  });
}

/** Best of `runs` (by wall time). */
async function best(runs, run) {
  let result;
  for (let i = 0; i < runs; i++) {
    const r = await run();
    if (!result || r.seconds < result.seconds) result = r;
  }
  return result;
}

/** jq, installing it only where that is allowed and possible (root, Debian mirror reachable). */
function findJq() {
  if (spawnSync('jq', ['--version']).status === 0) return { available: true };
  if (process.getuid?.() !== 0) return { available: false, reason: 'jq is not installed (not root: not installing it)' };
  console.log('bench: jq is missing; trying apt-get install -y jq');
  const install = spawnSync('apt-get', ['install', '-y', 'jq'], { stdio: 'ignore', timeout: 180_000 });
  if (install.status === 0 && spawnSync('jq', ['--version']).status === 0) return { available: true };
  return { available: false, reason: 'jq is not installed and apt-get install jq failed' };
}

/** Whether the report's findings are exactly the generator's expected ones (rule, category, address). */
function checkVerdict(reportFile, expected) {
  let report;
  try {
    report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  } catch {
    return { correct: false, why: 'no JSON report written' };
  }
  const key = (f) => `${f.ruleId}|${f.category}|${f.address}`;
  const got = new Set(report.findings.map(key));
  const want = new Set(expected.findings.map(key));
  const missing = [...want].filter((k) => !got.has(k));
  const extra = [...got].filter((k) => !want.has(k));
  const correct = missing.length === 0 && extra.length === 0 && report.summary.passed === expected.passed;
  return { correct, findings: report.findings.length, expected: expected.findings.length, ...(correct ? {} : { why: `missing ${missing.slice(0, 3).join(', ') || 'none'}; unexpected ${extra.slice(0, 3).join(', ') || 'none'}` }) };
}

async function benchSize(size, dir, options, jq) {
  const file = join(dir, `plan-${size}.json`);
  const generator = ['--import', 'tsx', join(root, 'scripts', 'bench', 'generate-plan.ts'), '--out', file, '--seed', String(options.seed), '--existing-rate', String(options.existingRate)];
  generator.push(...(size.toLowerCase() === '1g' ? ['--min-bytes', String(Math.ceil(1.05 * GiB))] : ['--resources', String(resourcesOf(size))]));
  console.log(`bench: generating ${size}…`);
  const generated = await measure(process.execPath, generator);
  if (generated.code !== 0) throw new Error(`the generator failed for ${size}: ${generated.error ?? `exit ${generated.code}`}`);
  const plan = JSON.parse(fs.readFileSync(`${file}.expected.json`, 'utf8'));
  console.log(`bench: ${size}: ${plan.resources} resources, ${(plan.bytes / MB).toFixed(0)} MB; running twinguard, JSON.parse, jq…`);
  const report = join(dir, `report-${size}.json`);
  const twinguard = await best(options.runs, () => measure(process.execPath, [bin, 'check', file, '--format', 'json', '--output', report]));
  const verdict = checkVerdict(report, plan.expected);
  fs.rmSync(report, { force: true });
  const jsonParse = await best(options.runs, () => measure(process.execPath, ['-e', JSON_PARSE, file]));
  const jqRun = jq.available ? await best(options.runs, () => measure('jq', [JQ_RULE, file], { memoryLimit: JQ_MEMORY_LIMIT })) : undefined;
  if (!options.keep) fs.rmSync(file, { force: true });
  return {
    size,
    resources: plan.resources,
    bytes: plan.bytes,
    generatorSeconds: generated.seconds,
    twinguard: { ...twinguard, expectedExit: plan.expected.passed ? 0 : 1, verdict },
    jsonParse,
    jq: jqRun ?? { unavailable: jq.reason },
  };
}

/**
 * `npm start` and the test suite as this platform starts them without a shell: `npm start --silent` and `npx jest`,
 * except on Windows, where npm and npx are `.cmd` shims that spawn does not find (its search tries `.exe` and `.com`)
 * and Node since 18.20.2, 20.12.2 and 21.7.3 will not start without a shell (EINVAL): there node runs npm's JS (`npm_execpath`,
 * which `npm run bench` sets, else the npm beside node) and jest's own entry.
 */
function npmCommands(platform = process.platform) {
  if (platform !== 'win32') return { start: ['npm', ['start', '--silent']], jest: ['npx', ['jest']] };
  const bundled = join(dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js');
  const npm = /\.c?js$/.test(process.env.npm_execpath ?? '') ? process.env.npm_execpath : bundled;
  let jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  try {
    jest = createRequire(join(root, 'package.json')).resolve('jest/bin/jest');
  } catch {
    // Not installed: node says so, as this row's failure.
  }
  return { start: [process.execPath, [npm, 'start', '--silent']], jest: [process.execPath, [jest]] };
}

/** One run of `command`, timed (for npm start and the test suite). */
async function timed(label, command, args) {
  console.log(`bench: timing ${label}…`);
  const r = await measure(command, args);
  return {
    command: `${command} ${args.join(' ')}`,
    seconds: r.seconds,
    code: r.code,
    ...(r.error && r.code !== 0 ? { error: r.error } : {}),
    ...(r.failures && r.code !== 0 ? { failures: r.failures } : {}),
  };
}

const fmt = (n, digits = 2) => (n === undefined ? 'n/a' : n.toFixed(digits));
const ok = (r) => r && r.code === 0;

/** Time and RSS columns; `success` lists the exit codes of a completed run. */
function cell(r, success = [0]) {
  if (!r || r.unavailable) return ['n/a', 'n/a'];
  if (!success.includes(r.code)) return [`failed (${fmt(r.seconds)}s)`, fmt(r.rssMb, 0)];
  return [fmt(r.seconds), fmt(r.rssMb, 0)];
}

function table(results) {
  const header = ['size', 'resources', 'file MB', 'twinguard s', 'µs/res', 'RSS MB', 'verdict', 'JSON.parse s', 'RSS MB', 'jq s', 'RSS MB'];
  const rows = results.map((r) => [
    r.size, String(r.resources), fmt(r.bytes / MB, 0),
    ...cell(r.twinguard, [0, 1]).flatMap((v, i) => (i === 0 ? [v, fmt((1e6 * r.twinguard.seconds) / r.resources, 0)] : [v])),
    r.twinguard.code === r.twinguard.expectedExit && r.twinguard.verdict.correct ? 'correct' : `WRONG (exit ${r.twinguard.code})`,
    ...cell(r.jsonParse), ...cell(r.jq),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  return [header, ...rows].map((row) => row.map((v, c) => v.padStart(widths[c])).join('  ')).join('\n');
}

/** The targets of issue 7, each met / NOT met / not measured. */
function targets(results) {
  const at = (size) => results.find((r) => r.size.toLowerCase() === size);
  const out = [];
  const k10 = at('10k');
  const k100 = at('100k');
  const huge = at('1g');
  const mark = (met) => (met === undefined ? 'not measured' : met ? 'met' : 'NOT met');
  const add = (name, met, detail) => out.push({ target: name, status: mark(met), detail });
  add('100k: twinguard time <= JSON.parse baseline', k100 ? ok(k100.jsonParse) && k100.twinguard.seconds <= k100.jsonParse.seconds : undefined,
    k100 ? `${fmt(k100.twinguard.seconds)} s vs ${fmt(k100.jsonParse.seconds)} s` : '');
  if (k100 && ok(k100.jsonParse) && ok(k100.jq)) {
    // The same work measured against the two baselines, for reading the time target in context.
    const ratios = `${fmt(k100.twinguard.seconds / k100.jsonParse.seconds)} x JSON.parse, ${fmt(k100.twinguard.seconds / k100.jq.seconds)} x jq running one rule`;
    out.push({ target: '(info) 100k: twinguard time, all rules', status: 'ratio', detail: ratios });
  }
  add('100k: twinguard peak RSS < 250 MB', k100 ? k100.twinguard.rssMb !== undefined && k100.twinguard.rssMb < 250 : undefined, k100 ? `${fmt(k100.twinguard.rssMb, 0)} MB` : '');
  add('>1 GiB: completes with a correct verdict', huge ? huge.twinguard.code === huge.twinguard.expectedExit && huge.twinguard.verdict.correct : undefined,
    huge ? `exit ${huge.twinguard.code}, ${huge.twinguard.verdict.findings ?? 0}/${huge.twinguard.verdict.expected ?? 0} findings${huge.twinguard.verdict.why ? `: ${huge.twinguard.verdict.why}` : ''}` : '');
  add('>1 GiB: twinguard peak RSS < 500 MB', huge ? huge.twinguard.rssMb !== undefined && huge.twinguard.rssMb < 500 : undefined, huge ? `${fmt(huge.twinguard.rssMb, 0)} MB` : '');
  if (k100 && huge) {
    const ratio = huge.twinguard.seconds / huge.resources / (k100.twinguard.seconds / k100.resources);
    out.push({ target: '(info) >1 GiB time per resource vs 100k', status: ratio <= 1.2 ? 'linear' : 'SUPERLINEAR', detail: `${fmt(ratio)} x` });
  }
  add('linear: 100k time <= 12 x 10k time', k10 && k100 ? k100.twinguard.seconds <= 12 * k10.twinguard.seconds : undefined,
    k10 && k100 ? `${fmt(k100.twinguard.seconds)} s vs 12 x ${fmt(k10.twinguard.seconds)} s = ${fmt(12 * k10.twinguard.seconds)} s` : '');
  return out;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  // Always rebuild: the figures must be those of the current sources.
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('could not build dist/twinguard.js');
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'twinguard-bench-'));
  const cleanup = () => options.keep || fs.rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  const jq = findJq();
  if (!jq.available) console.log(`bench: ${jq.reason}; the jq column is n/a`);
  const results = [];
  const loadAtStart = os.loadavg();
  try {
    for (const size of options.sizes) results.push(await benchSize(size, dir, options, jq));
  } finally {
    cleanup();
  }
  const commands = npmCommands();
  const npmStart = options.start ? await timed('npm start', ...commands.start) : undefined;
  const testSuite = options.jest ? await timed('the test suite', ...commands.jest) : undefined;

  console.log(`\n${table(results)}\n`);
  const goals = targets(results);
  for (const t of goals) console.log(`${t.status.padEnd(12)} ${t.target}${t.detail ? ` (${t.detail})` : ''}`);
  if (npmStart) console.log(`npm start: ${fmt(npmStart.seconds, 1)} s, exit ${npmStart.code}`);
  if (testSuite) console.log(`test suite (npx jest): ${fmt(testSuite.seconds, 1)} s, exit ${testSuite.code}${(testSuite.failures ?? []).map((f) => `\n  ${f}`).join('')}`);
  if (!hasGnuTime) console.log('(peak RSS polled from /proc/<pid>/status VmHWM: /usr/bin/time -v is not available)');

  const out = join(root, 'bench-results', 'bench.json');
  fs.mkdirSync(dirname(out), { recursive: true });
  const machine = { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / MB), loadAverage: { start: loadAtStart, end: os.loadavg() } };
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, generator: { seed: options.seed, existingRate: options.existingRate }, jqRule: JQ_RULE, results, targets: goals, npmStart, testSuite }, null, 2)}\n`);
  console.log(`figures written to ${out}`);
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exit(2);
});

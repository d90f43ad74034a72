// `npm test`: the type check and the lint, and every test file two at a time (node:test's run(),
// one process per file), all started at once: on two cores the checks fill the time the test
// processes spend waiting (servers' timeouts, sleeps), instead of running alone before them. The
// exit code is 1 if any of them failed; the checks' output is printed after the tests' report.
//
// The files start longest first, by the costs in scripts/test-costs.json (seconds, measured): two
// slots end close together instead of one waiting for a long file that started last. A file not in
// the table starts first (its cost is unknown). `FBUILD_TEST_COSTS=FILE` writes the costs of this
// run to FILE, to refresh the table.
//
// The test files run bundled (esbuild, one file each with the sources it imports, packages left to
// node_modules), not through tsx: tsx costs each test process about 0.45 s of CPU more to start (its
// loader thread, a resolve and a cached transform per module), about 45 s over the suite. Each
// source's import.meta.dirname, .filename and .url stay those of the source file (esbuild's define,
// per file), so tests and sources find their files as under tsx. A child process that a test starts
// through tsx (`--import tsx`) still is, but for the scripts of test/helpers that tests start as
// processes (serverHarness.ts, compileWorker.ts): they are bundled with the test files, and the tests
// find them through FBUILD_TEST_BUNDLES (helperScript in test/helpers/bundle.ts); tsx cost each start
// about 1 s of CPU more. `node --import tsx --test test/x.test.ts` runs a file from its sources, as before.
//
// `node scripts/test.mjs test/a.test.ts ...` runs only those files, without the checks.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { build, stop, transform } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TEST_DIR = join(REPO, 'test');

// As the tests have always run: no `fbuild build` leaves a resident server behind
// (test/build-resident.test.ts turns it on for itself).
process.env.FBUILD_DAEMON = '0';
// Nor does any process of the run read NODE_EXTRA_CA_CERTS (set on some machines): every test talks
// to loopback only, without TLS, and each Node process reads and parses the file as it starts, about
// 45 ms of CPU here, over a thousand processes (test files, CLIs, servers, `fbuild cc` wrappers) a run.
// Done here, once, so that no test sees a difference: test/cc-bundle.test.ts, which is about how the
// variable is passed on, sets its own value.
delete process.env.NODE_EXTRA_CA_CERTS;

const given = process.argv.slice(2);
const files = given.length
  ? given.map((f) => resolve(f))
  : readdirSync(TEST_DIR)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => join(TEST_DIR, f));

const costs = JSON.parse(readFileSync(join(REPO, 'scripts', 'test-costs.json'), 'utf8'));
const cost = (file) => costs[basename(file)] ?? Infinity;
files.sort((a, b) => cost(b) - cost(a) || a.localeCompare(b));

/** Runs an npm script with its output kept for the end; resolves with its exit code and output. */
function check(script, args = []) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.once('error', (e) => resolve({ script, code: 1, output: `${output}${e.message}\n` }));
    child.once('close', (code, signal) => resolve({ script, code: code ?? 1, signal, output }));
  });
}
// The type check is incremental, its state kept in the temporary directory per checkout: tsc checks
// again only what changed since the last run and what depends on it (about 5 s of CPU instead of 15
// here); a first run, a new TypeScript or other compiler options check everything.
const tscState = join(tmpdir(), `fbuild-tsc-${createHash('sha256').update(REPO).digest('hex').slice(0, 16)}.tsbuildinfo`);
const checks = given.length ? [] : [check('typecheck', ['--incremental', '--tsBuildInfoFile', tscState]), check('lint')];

/** import.meta of each source file as under tsx, for a file bundled elsewhere. */
const sourceMeta = {
  name: 'import-meta-of-source',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const { code } = await transform(text, {
        loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js',
        sourcefile: args.path,
        define: {
          'import.meta.dirname': JSON.stringify(dirname(args.path)),
          'import.meta.filename': JSON.stringify(args.path),
          'import.meta.url': JSON.stringify(pathToFileURL(args.path).href),
        },
      });
      return { contents: code, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
const bundleDir = mkdtempSync(join(tmpdir(), 'fbuild-test-bundles-'));
process.once('exit', () => rmSync(bundleDir, { recursive: true, force: true }));
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
// The packages the bundles leave out are found from their directory, as from the repository.
symlinkSync(join(REPO, 'node_modules'), join(bundleDir, 'node_modules'));
const bundleOf = (file) => join(bundleDir, `${basename(file).replace(/\.[cm]?[jt]s$/, '')}.mjs`);
const helperScripts = ['serverHarness.ts', 'compileWorker.ts'].map((f) => join(TEST_DIR, 'helpers', f));
process.env.FBUILD_TEST_BUNDLES = bundleDir;
await build({
  entryPoints: [...files, ...helperScripts].map((f) => ({ in: f, out: basename(bundleOf(f), '.mjs') })),
  outdir: bundleDir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [sourceMeta],
  logLevel: 'warning',
});
await stop(); // esbuild's service process: not needed while the tests run

let failed = false;
const measured = {};
const stream = run({ files: files.map(bundleOf), concurrency: 2 });
stream.on('test:fail', () => (failed = true));
const tally = (d) => {
  if (d.nesting !== 0 || !d.file) return;
  const file = basename(d.file).replace(/\.mjs$/, '.ts');
  measured[file] = (measured[file] ?? 0) + (d.details.duration_ms ?? 0) / 1000;
};
stream.on('test:pass', tally);
stream.on('test:fail', tally);
const report = stream.compose(process.stdout.isTTY ? new spec() : tap);
report.pipe(process.stdout, { end: false });
await finished(report);

for (const { script, code, signal, output } of await Promise.all(checks)) {
  process.stdout.write(`\n# npm run ${script}: ${code === 0 ? 'passed' : `failed (${signal ?? `exit ${code}`})`}\n${output}`);
  if (code !== 0) failed = true;
}
if (process.env.FBUILD_TEST_COSTS) {
  const table = Object.fromEntries(
    Object.entries(measured)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([f, s]) => [f, Math.round(s * 10) / 10]),
  );
  writeFileSync(process.env.FBUILD_TEST_COSTS, `${JSON.stringify(table, null, 2)}\n`);
}
process.exitCode = failed ? 1 : 0;

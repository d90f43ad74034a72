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
// `node scripts/test.mjs test/a.test.ts ...` runs only those files, without the checks.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TEST_DIR = join(REPO, 'test');

// As the tests have always run: no `fbuild build` leaves a resident server behind
// (test/build-resident.test.ts turns it on for itself).
process.env.FBUILD_DAEMON = '0';

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
function check(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.once('error', (e) => resolve({ script, code: 1, output: `${output}${e.message}\n` }));
    child.once('close', (code, signal) => resolve({ script, code: code ?? 1, signal, output }));
  });
}
const checks = given.length ? [] : [check('typecheck'), check('lint')];

let failed = false;
const measured = {};
const stream = run({ files, concurrency: 2 });
stream.on('test:fail', () => (failed = true));
stream.on('test:pass', (d) => {
  if (d.nesting === 0 && d.file) measured[basename(d.file)] = (measured[basename(d.file)] ?? 0) + d.details.duration_ms / 1000;
});
stream.on('test:fail', (d) => {
  if (d.nesting === 0 && d.file) measured[basename(d.file)] = (measured[basename(d.file)] ?? 0) + (d.details.duration_ms ?? 0) / 1000;
});
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

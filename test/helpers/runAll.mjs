// `npm test`'s runner: every test/*.test.ts through node:test's run(), two files at a time, started
// longest first. With the alphabetical order (`node --test` sorts the files it is given, whatever their
// order on the command line) a long file drawn late ran alone on one core while the other sat idle.
// Longest first (by the CPU time each file took, measured: see docs/DEVELOPMENT.md), then every other
// file by name, lets the short ones fill in at the end so the two workers finish together. A file
// missing from the list still runs, in the tail; a name in the list that no longer exists is ignored.
//
// Run it as `node --import tsx test/helpers/runAll.mjs [--test-reporter=spec|tap|dot|junit] [FILE...]`:
// each file's process gets this one's --import tsx, as `node --import tsx --test` gives it.
import { run } from 'node:test';
import * as reporters from 'node:test/reporters';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const LONGEST_FIRST = [
  'action-faults',
  'key-inputs-changed-during-compile',
  'action',
  'bad-input',
  'pio-rules-builds',
  'parity',
  'build',
  'key-inputs-system-headers',
  'key-inputs-file-macro',
  'key-inputs-relocatable',
  'libdeps-local-paths',
  'avr-boards',
  'concurrent-builds',
  'build-through-server',
  'remote-cache',
  'boards-arduino-blink',
  'cli-conventions',
  'action-warm-job',
  'pio-link',
  'bytesless-build',
];

const dir = join(import.meta.dirname, '..');
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
const first = LONGEST_FIRST.map((n) => `${n}.test.ts`).filter((f) => all.includes(f));
const named = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// Files named on the command line run alone, in that order; otherwise every file.
const files =
  named.length > 0 ? named : [...first, ...all.filter((f) => !first.includes(f))].map((f) => relative(process.cwd(), join(dir, f)));

const asked = process.argv.find((a) => a.startsWith('--test-reporter='))?.slice('--test-reporter='.length);
const name = asked ?? (process.stdout.isTTY ? 'spec' : 'tap');
if (!['spec', 'tap', 'dot', 'junit'].includes(name)) throw new Error(`unknown reporter '${name}': spec, tap, dot or junit`);
const reporter = name === 'spec' ? new reporters.spec() : reporters[name];

const stream = run({ files, concurrency: 2 });
// As `node --test` does: any failed test (not a todo) fails the run.
stream.on('test:fail', (event) => {
  if (!event.todo) process.exitCode = 1;
});
stream.compose(reporter).pipe(process.stdout);

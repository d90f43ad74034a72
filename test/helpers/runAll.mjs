// `npm test`'s runner: every test/*.test.ts through node --test, two files at a time, started longest
// first. node --test starts the files in the order given; with the alphabetical order a long file
// drawn last ran alone on one core while the other sat idle. Longest first (by the CPU time each file
// took, measured: see docs/DEVELOPMENT.md), then every other file by name, lets the short ones fill
// in at the end so the two workers finish together. A file missing from the list still runs, in the
// tail; a name in the list that no longer exists is ignored.
import { spawn } from 'node:child_process';
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
const files = [...first, ...all.filter((f) => !first.includes(f))].map((f) => relative(process.cwd(), join(dir, f)));

const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Builds shared by every test file of a run (sharedFixture.ts), each made once while its inputs are
// unchanged: reference firmwares built without a cache, and a warm store.
//
// The warm store is a starting point for tests whose first build is only setup: a store that already holds the
// Arduino core (cores/arduino and variants/standard) compiled for the uno with the default flags, made
// once per run as a shared fixture (sharedFixture.ts) by the bundled CLI, and copied into a test's own
// cache dir. The store holds nothing of any test's project: it was filled by building a project of one
// unit of its own (WARMUP_SKETCH), so a test's own units and its link still miss on a first build.
//
// Never for a test whose point is the cold path, or counts of misses and hits from an empty store.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fbuild } from './buildCli.ts';
import { ARDUINO_AVR, writeFiles } from './fixtures.ts';
import { contentKey, PRODUCT_INPUTS, sharedFixture } from './sharedFixture.ts';

/** The one unit of the warm-up project: nothing any test builds. */
const WARMUP_SKETCH =
  "// fbuild tests: the shared warm store's own unit\nvoid setup() { pinMode(7, OUTPUT); }\nvoid loop() { digitalWrite(7, millis() & 1); }\n";
const WARMUP_INI = '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n';

const made = new Map<string, string>();

/**
 * The shared store's directory (read it, never write into it: copy it with copyUnoCoreStore): the
 * uno core compiled with the default flags, or with the env's options `envLines` (such as
 * `build_flags = -g3\n` or `build_type = debug\n`: options that reach the core's units and so their
 * keys), a store of its own per value.
 */
export function unoCoreStore(envLines = ''): string {
  const known = made.get(envLines);
  if (known) return known;
  const ini = WARMUP_INI + envLines;
  const inputs = [
    ...PRODUCT_INPUTS,
    join(ARDUINO_AVR, 'cores', 'arduino'),
    join(ARDUINO_AVR, 'variants', 'standard'),
    '/usr/bin/avr-gcc',
    '/usr/bin/avr-g++',
  ];
  const root = sharedFixture('uno-core-store', contentKey(inputs, ini + WARMUP_SKETCH), (dir) => {
    const work = mkdtempSync(join(tmpdir(), 'fbuild-test-warmup-'));
    try {
      writeFiles(work, { 'platformio.ini': ini, 'src/warmup.ino': WARMUP_SKETCH });
      const r = fbuild(['build', work, '-e', 'uno', '--cache-dir', join(dir, 'cache'), '--json']);
      if (r.code !== 0 || r.json?.stats?.misses !== r.json?.stats?.compiles)
        throw new Error(`the warm store's build failed (${r.code}): ${r.stderr.slice(0, 2000)}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  const store = join(root, 'cache');
  made.set(envLines, store);
  return store;
}

/**
 * Fills `cacheDir` (missing or empty) with a copy of the shared uno core store: a first uno build with
 * the default flags (or with the env options `envLines`, see unoCoreStore) then hits on the core's
 * units and compiles only its own.
 */
export function copyUnoCoreStore(cacheDir: string, envLines = ''): string {
  if (existsSync(cacheDir) && readdirSync(cacheDir).length > 0) throw new Error(`copyUnoCoreStore: ${cacheDir} is not empty`);
  cpSync(unoCoreStore(envLines), cacheDir, { recursive: true });
  return cacheDir;
}

/** The `build_flags` line of a project's platformio.ini (one line), '' without one: for copyUnoCoreStore. */
export function iniBuildFlags(project: string): string {
  const line = /^build_flags\s*=.*$/m.exec(readFileSync(join(project, 'platformio.ini'), 'utf8'))?.[0];
  return line ? `${line}\n` : '';
}

const references = new Map<string, string>();

/**
 * The firmware (.hex text) of `project` (a directory of the repository: an example or a fixture) as
 * fbuild builds it with no cache at all (`--no-cache`), in a directory of its own: what a test compares
 * a cached build's firmware with. Built once per run for each project and env, as a shared fixture.
 */
export function referenceHex(project: string, env = 'uno'): string {
  const id = `${project}\0${env}`;
  const known = references.get(id);
  if (known !== undefined) return known;
  const inputs = [...PRODUCT_INPUTS, project, ARDUINO_AVR, '/usr/bin/avr-gcc', '/usr/bin/avr-g++'];
  const root = sharedFixture(`reference-${basename(project)}-${env}`, contentKey(inputs, env), (dir) => {
    const work = mkdtempSync(join(tmpdir(), 'fbuild-test-reference-'));
    try {
      const copy = join(work, basename(project));
      cpSync(project, copy, { recursive: true, filter: (src) => !src.includes('.fbuild') });
      const r = fbuild(['build', copy, '-e', env, '--no-cache', '--json']);
      if (r.code !== 0 || !r.json) throw new Error(`the reference build of ${project} failed (${r.code}): ${r.stderr.slice(0, 2000)}`);
      copyFileSync(r.json.artifacts.hex, join(dir, 'firmware.hex'));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  const hex = readFileSync(join(root, 'firmware.hex'), 'utf8');
  references.set(id, hex);
  return hex;
}

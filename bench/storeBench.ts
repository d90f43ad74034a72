// The store's part of a hit (issue 16): reading and verifying a context's manifest and the blob of the
// result used, as a context gathers results (a header edited back and forth, branches built in turn).
// In-process and interleaved with the read a whole-entry store (format v1) made: one file per context
// with every result's outputs inside, read and verified whole.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEntry, encodeEntry } from '../server/cache/entryCodec.ts';
import { LocalStore } from '../server/cache/localStore.ts';
import type { CachedResult } from '../server/cache/store.ts';
import { fmtMs, median, table } from './harness.ts';

const CONTEXTS = 300;
const OBJECT_BYTES = 20_000;
const HEADERS = 30;

function results(context: number, count: number): CachedResult[] {
  return Array.from({ length: count }, (_, j) => ({
    resultKey: `${context}-${j}`,
    files: Array.from({ length: HEADERS }, (_, h) => [`$WS/include/h${h}.h`, (context * 7 + j).toString(16).padStart(64, '0')]),
    object: Buffer.alloc(OBJECT_BYTES, (context + j) & 0xff),
    depfile: { kind: 'deps', deps: Array.from({ length: HEADERS }, (_, h) => `$WS/include/h${h}.h`), phony: false },
    stdout: new Uint8Array(),
    stderr: new Uint8Array(),
    compileMs: 100,
    createdAt: 0,
  }));
}

const key = (i: number) => i.toString(16).padStart(64, 'a');

/** Mean time per hit of one pass over every context: get, then load the oldest result. */
function pass(store: LocalStore): number {
  const t = performance.now();
  for (let i = 0; i < CONTEXTS; i++) {
    const read = store.get(key(i));
    if (read.status !== 'found') throw new Error(`store bench: context ${i} ${read.status}`);
    if (store.load(read.entry.results.at(-1)!).status !== 'found') throw new Error(`store bench: the blob of context ${i} did not load`);
  }
  return (performance.now() - t) / CONTEXTS;
}

/** The same pass over whole-entry files, as v1 read them (readFileSync, then the checksum over all of it). */
function passWhole(dir: string): number {
  const t = performance.now();
  for (let i = 0; i < CONTEXTS; i++) {
    if (decodeEntry(readFileSync(join(dir, key(i))), key(i)) === 'damaged') throw new Error(`store bench: entry ${i} damaged`);
  }
  return (performance.now() - t) / CONTEXTS;
}

export async function storeBench(root: string, iterations: number): Promise<string> {
  const rows: string[][] = [];
  const rounds = Math.max(10, iterations * 4);
  for (const count of [1, 4]) {
    const dir = join(root, `store-bench-${count}`);
    const wholeDir = join(root, `store-bench-whole-${count}`);
    mkdirSync(wholeDir, { recursive: true });
    const writer = LocalStore.open({ dir, maxBytes: 2 ** 40 });
    for (let i = 0; i < CONTEXTS; i++) {
      const entry = { contextKey: key(i), source: `$WS/s${i}.c`, compiler: 'c', flags: 'f', results: results(i, count) };
      await writer.put(entry);
      writeFileSync(join(wholeDir, key(i)), encodeEntry(entry));
    }
    await writer.close();
    const store = LocalStore.open({ dir, maxBytes: 2 ** 40 });
    const split: number[] = [];
    const whole: number[] = [];
    for (let r = 0; r < rounds; r++) {
      split.push(pass(store));
      whole.push(passWhole(wholeDir));
    }
    const [s, w] = [median(split), median(whole)];
    rows.push([`${count}`, fmtMs(s), fmtMs(w), (s / w).toFixed(2)]);
  }
  return [
    `## Store read per hit (issue 16): ${CONTEXTS} contexts, ${OBJECT_BYTES / 1000} kB objects, ${HEADERS} headers, medians of ${rounds} passes\n`,
    table(['results per context', 'v2: manifest + the blob used', 'v1: the whole entry', 'v2 / v1'], rows),
    '',
  ].join('\n');
}

// `npm run bench`: every benchmark, in one run, on this machine. Figures go to stdout as Markdown.
// BENCH_ITERATIONS sets the runs per mode (default 5); BENCH_ONLY=cache|build|process|server|scale|action|remote|image|examples runs one part
// (server includes scale).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheBench } from './cacheBench.ts';
import { buildBench } from './buildBench.ts';
import { serverBench } from './serverBench.ts';
import { scaleBench } from './scaleBench.ts';
import { actionBench } from './actionBench.ts';
import { remoteBench } from './remoteBench.ts';
import { storeBench } from './storeBench.ts';
import { imageBench } from './imageBench.ts';
import { examplesBench } from './examplesBench.ts';
import { processBench } from './processBench.ts';
import { targets, targetsTable } from './harness.ts';

const iterations = Number(process.env.BENCH_ITERATIONS ?? 5);
// BENCH_DIR puts the workspaces and caches elsewhere (e.g. /dev/shm, to take the disk out of the figures).
const root = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'fbuild-bench-'));
try {
  process.stdout.write(`# fbuild benchmark (${new Date().toISOString()}, node ${process.version}, in ${root})\n\n`);
  const only = process.env.BENCH_ONLY; // cache | build
  if (!only || only === 'cache') process.stdout.write((await cacheBench(root, iterations)) + '\n');
  if (!only || only === 'cache') process.stdout.write((await storeBench(root, iterations)) + '\n');
  if (!only || only === 'build') process.stdout.write((await buildBench(root, iterations)) + '\n');
  if (!only || only === 'process') process.stdout.write((await processBench(root, iterations)) + '\n');
  if (!only || only === 'server') process.stdout.write((await serverBench(root, iterations)) + '\n');
  if (!only || only === 'server' || only === 'scale') process.stdout.write((await scaleBench(root, iterations)) + '\n');
  if (!only || only === 'action') process.stdout.write((await actionBench(root, iterations)) + '\n');
  if (!only || only === 'remote') process.stdout.write((await remoteBench(root, iterations)) + '\n');
  if (!only || only === 'image') process.stdout.write((await imageBench(root, iterations)) + '\n');
  if (!only || only === 'examples') process.stdout.write((await examplesBench(root)) + '\n');
  if (targets.length > 0) process.stdout.write(targetsTable() + '\n');
} finally {
  rmSync(root, { recursive: true, force: true });
}

// Issue 16: what a wrapped compile's process start costs. One hit through `fbuild cc` against a real
// `fbuild serve` (dist/), next to a bare `node -e 0` and a ccache hit of the same compile, run one
// after another in turns (so that the machine's load falls on each alike); medians per process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { copyArduinoCore, unoCompileArgs } from '../test/helpers/fixtures.ts';
import { fmtMs, median, table } from './harness.ts';

const DIST = join(import.meta.dirname, '..', 'dist');

function runOnce(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 && !err ? resolve(performance.now() - t0) : reject(new Error(`${cmd} ${args.join(' ')}: ${code} ${err}`)),
    );
  });
}

export interface StartVariant {
  name: string;
  cmd: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Variables taken out of this process's environment for it. */
  unset?: string[];
}

function envFor(v: StartVariant): NodeJS.ProcessEnv {
  const env = { ...process.env, ...v.env };
  for (const k of v.unset ?? []) delete env[k];
  return env;
}

/** Medians of `rounds` runs of each variant, interleaved. */
export async function startCosts(variants: StartVariant[], cwd: string, rounds: number): Promise<Map<string, number>> {
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < rounds; i++) for (const v of variants) times.get(v.name)!.push(await runOnce(v.cmd, v.args, cwd, envFor(v)));
  return new Map([...times].map(([k, v]) => [k, median(v)]));
}

export async function ccStartBench(root: string, url: string, token: string, rounds: number): Promise<string> {
  const ws = join(root, 'cc-start');
  copyArduinoCore(ws);
  mkdirSync(join(ws, 'build'), { recursive: true });
  const args = unoCompileArgs('core/wiring.c', 'build/wiring.o');
  const ccacheDir = join(root, 'cc-start-ccache');
  const ccEnv = { FBUILD_CACHE_URL: url, FBUILD_CACHE_TOKEN: token, FBUILD_WORKSPACE: ws };
  const ccacheEnv = { CCACHE_DIR: ccacheDir, CCACHE_NOHASHDIR: '1', CCACHE_BASEDIR: ws };
  spawnSync('ccache', ['avr-gcc', ...args], { cwd: ws, env: { ...process.env, ...ccacheEnv } });
  const node: StartVariant = { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] };
  const cc: StartVariant = {
    name: 'fbuild cc (dist/cc.cjs), a hit',
    cmd: process.execPath,
    args: [join(DIST, 'cc.cjs'), 'avr-gcc', ...args],
    env: ccEnv,
  };
  const variants: StartVariant[] = [
    node,
    { ...cc, name: 'fbuild cc (dist/cli.js cc), a hit', args: [join(DIST, 'cli.js'), 'cc', 'avr-gcc', ...args] },
    cc,
    // Node reads and parses the whole file this names at every start (~40 ms here): the wrapped backend
    // takes it out of the wrapper's environment (and hands it back to the compiler).
    ...(process.env.NODE_EXTRA_CA_CERTS
      ? [node, cc].map((v) => ({ ...v, name: `${v.name}, without NODE_EXTRA_CA_CERTS`, unset: ['NODE_EXTRA_CA_CERTS'] }))
      : []),
    { name: 'ccache avr-gcc, a hit', cmd: 'ccache', args: ['avr-gcc', ...args], env: ccacheEnv },
  ];
  await startCosts(variants, ws, 2); // warm the page cache and both caches
  const m = await startCosts(variants, ws, rounds);
  const suffix = process.env.NODE_EXTRA_CA_CERTS ? ', without NODE_EXTRA_CA_CERTS' : '';
  const ours = m.get(`${cc.name}${suffix}`)! - m.get(`${node.name}${suffix}`)!;
  return [
    table(
      ['process', `median of ${rounds}`],
      [...m].map(([k, v]) => [k, fmtMs(v)]),
    ),
    '',
    `- the wrapper beyond a bare Node start (its code, node:http, the request and the server's hit): ${fmtMs(ours)}`,
  ].join('\n');
}

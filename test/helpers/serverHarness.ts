// Helpers for the cache server's guard tests: raw HTTP calls, process listings,
// a slow C source, and a cache server in a child process.
//
// Run as a script (`node --import tsx test/helpers/serverHarness.ts '<ServerOptions JSON>'`, or its
// bundle under scripts/test.mjs: helperScript in bundle.ts), this file starts a server, prints one
// JSON line ({url, pid} or {error}) and stops on SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request, type Dispatcher } from 'undici';
import { startServer, type ServerOptions } from '../../server/http/startServer.ts';
import { helperScript } from './bundle.ts';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface SendOptions {
  method?: 'GET' | 'POST';
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** A raw Authorization header (wins over `token`). */
  authorization?: string;
  body?: Uint8Array | string;
  contentType?: string;
  dispatcher?: Dispatcher;
}

/** One HTTP call with undici's `request`; the whole answer body is read. */
export async function send(base: string, path: string, opts: SendOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  else if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await request(`${base}${path}`, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers as Answer['headers'], body };
}

/** The answer's body as JSON, or undefined when it is not JSON. */
export function jsonOf(a: Answer): unknown {
  try {
    return JSON.parse(a.body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export interface ProcessRow {
  pid: number;
  ppid: number;
  stat: string;
  comm: string;
  args: string;
}

/** Every process on the machine (ps), without the ps itself. */
export function listProcesses(): ProcessRow[] {
  const r = spawnSync('ps', ['-ww', '-eo', 'pid=,ppid=,stat=,comm=,args='], { encoding: 'utf8' });
  const rows: ProcessRow[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m || Number(m[1]) === r.pid) continue;
    rows.push({ pid: Number(m[1]), ppid: Number(m[2]), stat: m[3]!, comm: m[4]!, args: m[5]! });
  }
  return rows;
}

/** Names of the GCC driver and the programs it starts. */
const COMPILER_COMMS = /^(avr-gcc|avr-g\+\+|avr-cpp|cc1|cc1plus|cc1obj|avr-as|as|collect2|lto-wrapper|lto1|avr-ld|ld)$/;

/** Live (not zombie) compiler processes whose parent is `ppid`. */
export function compilerChildrenOf(ppid: number): ProcessRow[] {
  return listProcesses().filter((p) => p.ppid === ppid && COMPILER_COMMS.test(p.comm) && !p.stat.startsWith('Z'));
}

/** Live (not zombie) compiler processes anywhere whose command line mentions `marker`. */
export function compilersMentioning(marker: string): ProcessRow[] {
  return listProcesses().filter((p) => COMPILER_COMMS.test(p.comm) && !p.stat.startsWith('Z') && p.args.includes(marker));
}

/**
 * A C file that avr-gcc -O2 is slow on: `functions` small functions with loops (about 2.5 ms each
 * on the development machine; 800 take 1–2 s).
 */
export function slowSource(functions: number): string {
  let text = '';
  for (let i = 0; i < functions; i++) {
    text += `volatile int g${i};\nint f${i}(int x) { int s = 0; for (int k = 0; k < x; k++) s += (k * ${i}) ^ g${i}; return s + ${i}; }\n`;
  }
  return text;
}

/**
 * C that avr-gcc takes seconds on at -O2 without LTO (about 4 ms per function here) and that adds
 * nothing to a linked firmware (unlike slowSource's globals): for builds that must still be compiling.
 */
export function slowFirmwareUnit(functions: number): string {
  let text = '';
  for (let i = 0; i < functions; i++)
    text += `int f${i}(int x, int y) { int s = 0; for (int k = 0; k < x; k++) s += (k * ${i}) ^ (y >> (k & 7)); return s + ${i}; }\n`;
  return text;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every 100 ms until it holds or `ms` passed; returns its last answer. */
export async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await sleep(100);
  }
  return check();
}

/** Resolves with the promise's value, or rejects after `ms` with `what` in the message. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resolves when the child exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the child wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM (graceful shutdown in the child), then SIGKILL if it is still there after 10 s. */
  stop(): Promise<void>;
}

const REPO = join(import.meta.dirname, '..', '..');

/** Starts a cache server in a separate process; rejects with the child's message if it fails. */
export async function startChildServer(opts: ServerOptions): Promise<ChildServer> {
  const child = spawn(process.execPath, [...helperScript('serverHarness'), JSON.stringify(opts)], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal })),
  );
  const first = new Promise<{ url?: string; error?: string }>((resolveLine, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        try {
          resolveLine(JSON.parse(out.slice(0, nl)));
        } catch (e) {
          reject(e);
        }
      }
    });
    void exited.then(({ code, signal }) => reject(new Error(`child server exited (${code ?? signal}) before it started: ${err}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    try {
      await within(exited, 10_000, 'child server stop');
    } catch {
      child.kill('SIGKILL');
      await exited;
    }
  };
  let line: { url?: string; error?: string };
  try {
    line = await within(first, 60_000, 'child server start'); // a hang guard: on a loaded machine tsx alone can take seconds
  } catch (e) {
    await stop();
    throw e;
  }
  if (!line.url) {
    await stop();
    throw new Error(line.error ?? 'child server did not say its URL');
  }
  return { url: line.url, child, exited, stderr: () => err, stop };
}

// ---- child mode ----
// This file run as a script: the source (through tsx) or its bundle (whose import.meta.url is the
// source's, see scripts/test.mjs), never a test file's bundle that imports it.
if (/[\\/]serverHarness\.(ts|mjs)$/.test(process.argv[1] ?? '')) {
  try {
    const server = await startServer(JSON.parse(process.argv[2] ?? '{}') as ServerOptions);
    process.stdout.write(JSON.stringify({ url: server.url, pid: process.pid }) + '\n');
    process.once('SIGTERM', () => void server.shutdown('graceful'));
    await server.closed;
    process.exit(0);
  } catch (e) {
    process.stdout.write(JSON.stringify({ error: (e as Error).message }) + '\n');
    process.exit(1);
  }
}

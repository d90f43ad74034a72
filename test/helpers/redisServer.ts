import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface RunningRedis {
  /** A unix:// URL for fbuild (with the password when one is set). */
  url: string;
  socket: string;
  stop(): Promise<void>;
}

/**
 * A real redis-server for a test, on a Unix socket in the test's own directory (no TCP port, no
 * persistence), stopped by stop(). `redis-server` is a Debian package that .ci/run installs.
 */
export async function startRedis(dir: string, opts: { password?: string; maxmemory?: string } = {}): Promise<RunningRedis> {
  const socket = join(dir, `redis-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sock`);
  const args = ['--port', '0', '--unixsocket', socket, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir];
  if (opts.password) args.push('--requirepass', opts.password);
  if (opts.maxmemory) args.push('--maxmemory', opts.maxmemory, '--maxmemory-policy', 'noeviction');
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 10_000;
  while (!existsSync(socket) || !/ready to accept connections/i.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start: ${log.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const auth = opts.password ? `?password=${encodeURIComponent(opts.password)}` : '';
  return {
    url: `unix://${socket}${auth}`,
    socket,
    async stop() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

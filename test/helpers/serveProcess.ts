// `fbuild serve` as a child process, for tests of what it refuses or what others refuse while it runs.
import { spawnFbuild } from './buildCli.ts';

export interface ServeRun {
  /** The ready line's URL and pid, when the server started. */
  url?: string;
  pid?: number;
  /** The exit code, when it exited before it was ready. */
  code: number | null;
  stderr: string;
  stop(): Promise<void>;
}

/** Starts `fbuild serve ARGS`; resolves once it is ready (still running) or has exited. */
export function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeRun> {
  const child = spawnFbuild(['serve', ...args], { env });
  let stdout = '';
  const run: ServeRun = { code: null, stderr: '', stop: async () => undefined };
  child.stderr.on('data', (b: Buffer) => (run.stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  run.stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolveRun) => {
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (!stdout.includes('\n')) return;
      const ready = JSON.parse(stdout.split('\n')[0]!) as { url: string; pid: number };
      resolveRun(Object.assign(run, { url: ready.url, pid: ready.pid }));
    });
    void exited.then((code) => resolveRun(Object.assign(run, { code })));
  });
}

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { bundledCli } from './bundle.ts';

/** Port 9 (discard) on loopback: nothing listens, so a registry request fails at once. */
const NO_DOWNLOADS = { FBUILD_TOOLCHAIN: 'system', FBUILD_REGISTRY_URL: 'http://127.0.0.1:9' };

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's --json output, read loosely by tests
  json?: Record<string, any>;
}

/** Runs the real `fbuild` CLI (bundled from the sources, see bundle.ts) as a separate process. */
export function fbuild(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(process.execPath, [bundledCli(), ...args], {
    cwd: opts.cwd ?? process.cwd(),
    // The Debian toolchain unless a test asks for another, and a registry that refuses connections:
    // no test reaches for a download by accident.
    env: { ...process.env, FBUILD_DAEMON: '0', ...NO_DOWNLOADS, ...opts.env },
    encoding: 'utf8',
  });
  return withJson(args, { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
}

/** With `--json`, the parsed result; left undefined if stdout is not JSON (the test says what it expected). */
function withJson(args: string[], run: CliRun): CliRun {
  if (args.includes('--json')) {
    try {
      run.json = JSON.parse(run.stdout);
    } catch {
      // left undefined
    }
  }
  return run;
}

/** Starts the CLI as a child process, for a test that must watch or stop it while it runs. */
export function spawnFbuild(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bundledCli(), ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, FBUILD_DAEMON: '0', ...NO_DOWNLOADS, ...opts.env },
  });
}

/** fbuild() without blocking this process: for tests whose own servers must answer the CLI. */
export function fbuildAsync(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawnFbuild(args, opts);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve(withJson(args, { code: code ?? -1, stdout, stderr })));
  });
}

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json?: Record<string, any>;
}

/** Runs the real `fbuild` CLI (from source, through tsx) as a separate process. */
export function fbuild(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
  });
  const run: CliRun = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (args.includes('--json')) {
    try {
      run.json = JSON.parse(r.stdout);
    } catch {
      // left undefined: the test says what it expected
    }
  }
  return run;
}

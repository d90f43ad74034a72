import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * What the runner tells a step about the job, read once. `cacheDir` is where the store lives for the
 * whole job; `cachePathSpec` is the same place as @actions/cache must be given it: the cache entry's
 * version hashes the path text, so it is written `~/...` to mean the same on every runner.
 */
export interface RunnerContext {
  workspace: string;
  temp: string;
  /** This job's files: state, server log, token, stats. */
  jobDir: string;
  cacheDir: string;
  cachePathSpec: string;
  runId: string;
  runAttempt: string;
  ref: string;
  sha: string;
  repository: string;
  apiUrl: string;
  os: string;
  arch: string;
  /** The bundled CLI beside the running step's bundle (dist/cli.js). */
  cliPath: string;
}

export function runnerContext(env: NodeJS.ProcessEnv = process.env): RunnerContext {
  const workspace = resolve(env.GITHUB_WORKSPACE ?? process.cwd());
  const temp = resolve(env.RUNNER_TEMP ?? join(workspace, '..', '_temp'));
  const userDir = env.FBUILD_CACHE_DIR;
  return {
    workspace,
    temp,
    jobDir: join(temp, 'fbuild-action'),
    cacheDir: userDir ? resolve(userDir) : join(homedir(), '.cache', 'fbuild'),
    cachePathSpec: userDir ? resolve(userDir) : '~/.cache/fbuild',
    runId: env.GITHUB_RUN_ID ?? '0',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    ref: env.GITHUB_REF ?? '',
    sha: env.GITHUB_SHA ?? '',
    repository: env.GITHUB_REPOSITORY ?? '',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    os: (env.RUNNER_OS ?? process.platform).toLowerCase().replace('darwin', 'macos'),
    arch: (env.RUNNER_ARCH ?? process.arch).toLowerCase(),
    cliPath: join(dirname(resolve(process.argv[1] ?? '.')), 'cli.js'),
  };
}

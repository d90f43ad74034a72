import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { offlineFromEnv } from '../../server/project/libdeps/offline.js';
import { UserError } from '../../server/util/errors.js';
import { BUILD_USAGE } from './usage.js';
import { remoteCacheConfig } from './remoteCacheOption.js';
import { BUILD_OPTIONS, type BuildCliOptions } from './buildOptions.js';
import { storeMaxBytes } from './maxSize.js';

/** `fbuild build`'s arguments, checked: a mistake is one line naming it and the usage. */
export function parseBuildArgs(argv: string[]): BuildCliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: BUILD_OPTIONS,
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${(e as Error).message.split('\n')[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1)
      throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  const backend = values.backend ?? process.env.FBUILD_BACKEND ?? 'embedded';
  if (backend !== 'embedded' && backend !== 'wrapped')
    throw new UserError(`fbuild build: --backend is 'embedded' or 'wrapped', not '${backend}'`);
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? 'auto';
  if (toolchain !== 'auto' && toolchain !== 'pinned' && toolchain !== 'system') {
    throw new UserError(`fbuild build: --toolchain is auto, pinned or system, not '${toolchain}'`);
  }
  const remote = remoteCacheConfig('fbuild build', values);
  const maxBytes = storeMaxBytes('fbuild build', values['max-size']);
  return {
    ...(remote ? { remote } : {}),
    projectDir: resolve(positionals[0] ?? '.'),
    backend,
    toolchain,
    ...(values.server !== undefined ? { server: values.server } : {}),
    ...(values.environment !== undefined ? { environment: values.environment } : {}),
    ...(values['cache-dir'] !== undefined ? { cacheDir: resolve(values['cache-dir']) } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    noCache: values['no-cache'],
    force: values.force,
    keepObjects: values['keep-objects'],
    verbose: values.verbose,
    json: values.json,
    offline: values.offline || offlineFromEnv(process.env),
    ...(values['no-daemon'] ? { noDaemon: true } : {}),
  };
}

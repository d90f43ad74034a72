import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { BUILD_OPTIONS } from './buildOptions.js';
import { fileIdentity, invocationEnv } from './invocationEnv.js';

/**
 * The name of an invocation's up-to-date stamp (buildUpToDate.ts reads it, a full build writes it):
 * the arguments, the working directory, the environment (but the shell's own bookkeeping) and
 * fbuild itself; any other invocation has its own. Its own module: the full path names the stamp
 * it writes (buildEmbedded.ts) without loading what checks one.
 */

const STAMP_VERSION = 1;

/**
 * Where this invocation's stamp lives, or undefined when the full path must run anyway: a server
 * or a remote tier (the build happens elsewhere, or reports the tier's health), `--force`,
 * `--keep-objects` (the objects are written), `--verbose` (it says more than the stamp knows),
 * `--no-cache`, and arguments the full path will reject.
 */
export function upToDateStampPath(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  return stampFor(argv, env, cwd)?.path;
}

export function stampFor(argv: string[], env: NodeJS.ProcessEnv, cwd: string): { path: string; json: boolean } | undefined {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, allowPositionals: true, options: BUILD_OPTIONS }));
  } catch {
    return undefined;
  }
  if (values.force || values['keep-objects'] || values.verbose || values['no-cache']) return undefined;
  if (values.server !== undefined || env.FBUILD_CACHE_URL) return undefined;
  if (values['remote-cache'] !== undefined || env.FBUILD_REMOTE_CACHE) return undefined;
  const cacheDir = values['cache-dir'] !== undefined ? resolve(cwd, values['cache-dir']) : defaultCacheDir(env);
  const h = createHash('sha256');
  const self = [process.argv[1], fileURLToPath(import.meta.url)].map(fileIdentity);
  const vars = invocationEnv(env);
  h.update(JSON.stringify([STAMP_VERSION, process.execPath, process.version, self, cwd, argv, vars]));
  return { path: join(cacheDir, 'uptodate', `${h.digest('hex').slice(0, 40)}.json`), json: values.json };
}

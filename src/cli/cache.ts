import { parseArgs } from 'node:util';
import { pruneStore } from '../../server/cache/storePrune.js';
import { formatByteSize, parseByteSize } from '../../server/util/byteSize.js';
import { defaultCacheDir } from '../../server/util/cacheDir.js';
import { UserError } from '../../server/util/errors.js';
import { CACHE_USAGE } from './usage.js';

/**
 * `fbuild cache prune`: bounds the store to a size (least recently used out first) and, with
 * `--evict-unused-since`, drops what was not used since then. Run it while no server has the store open.
 */
export async function runCache(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'prune') throw new UserError(`fbuild cache: unknown subcommand '${sub ?? ''}'; usage: ${CACHE_USAGE}`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { 'cache-dir': { type: 'string' }, 'max-size': { type: 'string' }, 'evict-unused-since': { type: 'string' } },
    }));
  } catch (e) {
    throw new UserError(`fbuild cache prune: ${(e as Error).message.split('\n')[0]}; usage: ${CACHE_USAGE}`);
  }
  const maxBytes = parseByteSize(values['max-size'] ?? '');
  if (!maxBytes) throw new UserError(`fbuild cache prune: --max-size takes a size such as 1G or 500M, not '${values['max-size'] ?? ''}'`);
  let unusedBefore: number | undefined;
  if (values['evict-unused-since'] !== undefined) {
    const text = values['evict-unused-since'];
    unusedBefore = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (Number.isNaN(unusedBefore)) {
      throw new UserError(`fbuild cache prune: --evict-unused-since takes a time (ISO 8601 or ms since 1970), not '${text}'`);
    }
  }
  const r = await pruneStore({
    cacheDir: values['cache-dir'] ?? defaultCacheDir(),
    maxBytes,
    ...(unusedBefore !== undefined ? { unusedBefore } : {}),
  });
  process.stdout.write(
    `store: ${r.before.entries} entries (${formatByteSize(r.before.bytes)}) -> ${r.after.entries} entries (${formatByteSize(r.after.bytes)})` +
      (unusedBefore !== undefined ? `, ${r.unused} unused dropped` : '') +
      '\n',
  );
  return 0;
}

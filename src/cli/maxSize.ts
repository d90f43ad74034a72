import { parseByteSize } from '../../server/util/byteSize.js';
import { UserError } from '../../server/util/errors.js';

/** The store's size limit from `--max-size`, else FBUILD_CACHE_MAX_SIZE; undefined keeps the default (2 GiB). */
export function storeMaxBytes(command: string, option: string | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const [text, from] = option !== undefined ? [option, '--max-size'] : [env.FBUILD_CACHE_MAX_SIZE, 'FBUILD_CACHE_MAX_SIZE'];
  if (text === undefined || text === '') return undefined;
  const bytes = parseByteSize(text);
  if (!bytes) throw new UserError(`${command}: ${from} takes a size such as 2G or 500M, not '${text}'`);
  return bytes;
}

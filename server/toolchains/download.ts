import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';

/**
 * Verified downloads, shared by the toolchain installer and the library installer: one file over
 * undici (redirects followed, a stall timeout, progress), its size and SHA-256 checked before
 * anyone extracts it, retried with backoff when another attempt may help (a 413, 429 or 5xx answer,
 * a broken or stalled connection, a short body), and archives extracted by their magic bytes.
 */

export interface DownloadOptions {
  /** The expected size; when unknown, the answer's Content-Length (if any) is what must arrive. */
  size?: number;
  /** The expected SHA-256 (hex); unchecked when unknown. */
  sha256?: string;
  /** Attempts after the first. Default 3. */
  retries?: number;
  /** The first retry waits this long, doubling after. Default 500 ms. */
  backoffMs?: number;
  /** No byte for this long ends the attempt. Default 30 s. */
  stallTimeoutMs?: number;
  onProgress?: (received: number, total: number | undefined) => void;
  /** Names the disk in a "no space left" message. */
  diskOf?: string;
  /** Said after a checksum mismatch: what the file should have been. */
  mismatchHint?: string;
  /** Sent with the request (e.g. `authorization`; undici drops it on a redirect to another host). */
  headers?: Record<string, string>;
}

/** Why a download failed; `permanent` when another attempt will not fix it (a 404, a wrong checksum, a full disk). */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DownloadError';
  }
}

// undici is loaded on the first download: a build that downloads nothing (the usual one) does not
// pay its module load (50–120 ms of every process start, measured in docs/PERFORMANCE.md).
let undiciModule: Promise<Undici> | undefined;
type Undici = typeof import('undici');
export const loadUndici = (): Promise<Undici> =>
  // A bundle that splits a CommonJS package off gives it as the default export only.
  (undiciModule ??= import('undici').then((m) => ('Agent' in m ? m : (m as unknown as { default: Undici }).default)));

// Release downloads (GitHub, Arduino's CDN, the registry's mirrors) answer with redirects.
let following: Dispatcher | undefined;
export async function redirectingDispatcher(): Promise<Dispatcher> {
  const { Agent, interceptors } = await loadUndici();
  return (following ??= new Agent().compose(interceptors.redirect({ maxRedirections: 5 })));
}

/** HTTP statuses worth another attempt, as PlatformIO's HTTP client retries them. */
export const isRetryableStatus = (status: number): boolean => status === 413 || status === 429 || status >= 500;

/** A wait before attempt `attempt + 1`: backoff, doubling. */
export const backoff = (ms: number, attempt: number): Promise<void> => new Promise((r) => setTimeout(r, ms * 2 ** attempt));

/**
 * Runs `attempt` until it succeeds, a DownloadError says it is permanent, or the retries are spent.
 * The error thrown last carries `attempts` in its message when there were several.
 */
export async function withRetries<T>(run: () => Promise<T>, opts: Pick<DownloadOptions, 'retries' | 'backoffMs'>): Promise<T> {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const permanent = e instanceof DownloadError && e.permanent;
      if (permanent || attempt >= retries) {
        const message = (e as Error).message;
        throw new DownloadError(attempt ? `${message} (after ${attempt + 1} attempts)` : message, true, { cause: e });
      }
      await backoff(opts.backoffMs ?? 500, attempt);
    }
  }
}

/** Downloads `url` into `file` (overwritten), verified, retrying as DownloadOptions say. */
export function downloadFile(url: string, file: string, opts: DownloadOptions = {}): Promise<void> {
  return withRetries(() => downloadOnce(url, file, opts), opts);
}

async function downloadOnce(url: string, file: string, opts: DownloadOptions): Promise<void> {
  const controller = new AbortController();
  const stallMs = opts.stallTimeoutMs ?? 30_000;
  let stalled = false;
  let timer = setTimeout(() => ((stalled = true), controller.abort()), stallMs);
  const fd = openSync(file, 'w');
  const hash = createHash('sha256');
  let received = 0;
  let total = opts.size;
  const of = () => (total === undefined ? '' : ` of ${total}`);
  try {
    const { request } = await loadUndici();
    const res = await request(url, {
      signal: controller.signal,
      dispatcher: await redirectingDispatcher(),
      ...(opts.headers ? { headers: opts.headers } : {}),
    });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      throw new DownloadError(`the server answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
    }
    const length = Number(res.headers['content-length']);
    if (total === undefined && Number.isInteger(length) && length >= 0) total = length;
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      clearTimeout(timer);
      timer = setTimeout(() => ((stalled = true), controller.abort()), stallMs);
      received += chunk.length;
      if (total !== undefined && received > total) throw new DownloadError(`the download is larger than the expected ${total} bytes`, true);
      hash.update(chunk);
      try {
        writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOSPC') {
          throw new DownloadError(`no space left on the device of ${opts.diskOf ?? file}; free some space and try again`, true);
        }
        throw e;
      }
      opts.onProgress?.(received, total);
    }
  } catch (e) {
    if (stalled) throw new Error(`no data for ${Math.round(stallMs / 1000)} s (stalled after ${received}${of()} bytes)`, { cause: e });
    if (e instanceof DownloadError) throw e;
    const why = (e as Error).message;
    throw new Error(received ? `the download broke off after ${received}${of()} bytes (${why})` : `could not download it (${why})`, {
      cause: e,
    });
  } finally {
    clearTimeout(timer);
    closeSync(fd);
  }
  if (total !== undefined && received !== total) throw new Error(`truncated download: ${received} of ${total} bytes`);
  const got = hash.digest('hex');
  if (opts.sha256 && got !== opts.sha256.toLowerCase()) {
    throw new DownloadError(
      `checksum mismatch: expected SHA-256 ${opts.sha256}, got ${got}${opts.mismatchHint ? `; ${opts.mismatchHint}` : ''}`,
      true,
    );
  }
}

export type ArchiveKind = 'tar.gz' | 'tar.bz2' | 'tar.xz' | 'zip';

/** What an archive is, by its first bytes (a name can lie; registries serve `.tar.gz` as anything). */
export function archiveKind(file: string): ArchiveKind | undefined {
  const head = Buffer.alloc(6);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'tar.bz2';
  if (head.equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'tar.xz';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'zip';
  return undefined;
}

/**
 * Extracts with the system's tar (gz, bz2, xz) or unzip into `into` (created); returns the archive's
 * single top directory if it has one, else `into`. Throws an Error with a one-line reason.
 */
export function extractArchive(file: string, into: string): string {
  mkdirSync(into, { recursive: true });
  const kind = archiveKind(file);
  if (!kind) throw new Error('it is not a tar.gz, tar.bz2, tar.xz or zip archive');
  const isZip = kind === 'zip';
  const r = isZip
    ? spawnSync('unzip', ['-q', file, '-d', into], { encoding: 'utf8' })
    : spawnSync('tar', ['-xf', file, '-C', into], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const tool = isZip ? 'unzip' : 'tar';
    const why = r.error
      ? `${tool} could not run (${(r.error as NodeJS.ErrnoException).code}); install it`
      : (r.stderr || '').trim().split('\n')[0];
    throw new Error(`extracting failed: ${why}`);
  }
  const top = readdirSync(into);
  if (top.length === 1 && statSync(join(into, top[0]!)).isDirectory()) return join(into, top[0]!);
  return into;
}

import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { UserError } from '../util/errors.js';

/**
 * Installs pinned packages (toolchains, frameworks): download with undici (progress, retries with
 * backoff, a stall timeout), check size and SHA-256 before anything is extracted, extract into a
 * temporary directory and move it into `<toolchains dir>/<name>-<version>/` with one rename. A
 * failure leaves nothing behind; installing again is a no-op.
 */

export interface PackageArchive {
  /** Arduino-style host name (`x86_64-linux-gnu`, ...) or `any`. */
  host: string;
  url: string;
  archiveFileName: string;
  size: number;
  sha256: string;
}

export interface PackageSpec {
  name: string;
  version: string;
  systems: PackageArchive[];
}

export interface InstallProgress {
  name: string;
  received: number;
  total: number;
}

export interface InstallOptions {
  toolchainsDir: string;
  /** A base URL serving the archives by file name (`FBUILD_PACKAGE_MIRROR`). */
  mirror?: string;
  host?: string;
  /** Attempts after the first. Default 3. */
  retries?: number;
  /** The first retry waits this long, doubling after. Default 500 ms. */
  backoffMs?: number;
  /** No byte for this long ends the attempt. Default 30 s. */
  stallTimeoutMs?: number;
  onProgress?: (p: InstallProgress) => void;
}

/** A package could not be installed: the message names the package, the URL and the reason. */
export class InstallError extends UserError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'InstallError';
  }
}

const MARKER = '.fbuild-package.json';

// Release downloads (GitHub, Arduino's CDN) answer with redirects.
let downloader: Dispatcher | undefined;
const dispatcher = () => (downloader ??= new Agent().compose(interceptors.redirect({ maxRedirections: 5 })));

/** This machine as Arduino's package index names hosts. */
export function hostTriple(platform: string = process.platform, arch: string = process.arch): string {
  if (platform === 'linux') return { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', arm: 'arm-linux-gnueabihf', ia32: 'i686-linux-gnu' }[arch] ?? `${arch}-linux-gnu`;
  if (platform === 'darwin') return arch === 'arm64' ? 'arm64-apple-darwin' : 'x86_64-apple-darwin14';
  if (platform === 'win32') return arch === 'x64' ? 'x86_64-mingw32' : 'i686-mingw32';
  return `${arch}-${platform}`;
}

export function packageDir(toolchainsDir: string, spec: Pick<PackageSpec, 'name' | 'version'>): string {
  return join(toolchainsDir, `${spec.name}-${spec.version}`);
}

/** The installed package's directory if it is there and complete, else undefined. */
export function installedPackage(toolchainsDir: string, spec: PackageSpec, archive?: PackageArchive): string | undefined {
  const dir = packageDir(toolchainsDir, spec);
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { sha256?: string };
    if (!archive || marker.sha256 === archive.sha256) return dir;
  } catch {
    // not installed, or half a directory from something else
  }
  return undefined;
}

function chooseArchive(spec: PackageSpec, host: string): PackageArchive {
  const archive = spec.systems.find((s) => s.host === host) ?? spec.systems.find((s) => s.host === 'any');
  if (!archive) {
    throw new InstallError(`${spec.name} ${spec.version} has no archive for this machine (${host}); known hosts: ${spec.systems.map((s) => s.host).join(', ')}`);
  }
  return archive;
}

export async function installPackage(spec: PackageSpec, opts: InstallOptions): Promise<{ dir: string; downloaded: boolean }> {
  const archive = chooseArchive(spec, opts.host ?? hostTriple());
  const existing = installedPackage(opts.toolchainsDir, spec, archive);
  if (existing) return { dir: existing, downloaded: false };

  const url = opts.mirror ? `${opts.mirror.replace(/\/$/, '')}/${archive.archiveFileName}` : archive.url;
  const what = `${spec.name} ${spec.version} from ${url}`;
  mkdirSync(opts.toolchainsDir, { recursive: true });
  const work = join(opts.toolchainsDir, `.tmp-${spec.name}-${randomBytes(6).toString('hex')}`);
  mkdirSync(work);
  try {
    const file = join(work, archive.archiveFileName);
    const retries = opts.retries ?? 3;
    let lastError = '';
    for (let attempt = 0; ; attempt++) {
      try {
        await download(url, file, archive, spec.name, opts);
        break;
      } catch (e) {
        lastError = (e as Error).message;
        if (e instanceof PermanentDownloadError || attempt >= retries) {
          throw new InstallError(`cannot install ${what}: ${lastError}${attempt ? ` (after ${attempt + 1} attempts)` : ''}`);
        }
        await new Promise((r) => setTimeout(r, (opts.backoffMs ?? 500) * 2 ** attempt));
      }
    }
    const root = extract(file, join(work, 'x'), what);
    writeFileSync(join(root, MARKER), JSON.stringify({ name: spec.name, version: spec.version, sha256: archive.sha256, url, installedAt: new Date().toISOString() }));
    const dir = packageDir(opts.toolchainsDir, spec);
    try {
      renameSync(root, dir);
    } catch (e) {
      // Another process finished the same install first: theirs is as good as ours.
      const other = installedPackage(opts.toolchainsDir, spec, archive);
      if (other) return { dir: other, downloaded: true };
      throw new InstallError(`cannot install ${what}: ${dir} is in the way (${(e as NodeJS.ErrnoException).code}); remove it and try again`);
    }
    return { dir, downloaded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A failure that another attempt will not fix (the server says the file is not there, a full disk). */
class PermanentDownloadError extends Error {}

/** The server answered 5xx: worth another attempt. */
class ServerStatusError extends Error {}

async function download(url: string, file: string, archive: PackageArchive, name: string, opts: InstallOptions): Promise<void> {
  const controller = new AbortController();
  const stallMs = opts.stallTimeoutMs ?? 30_000;
  let stalled = false;
  let timer = setTimeout(() => ((stalled = true), controller.abort()), stallMs);
  const fd = openSync(file, 'w');
  const hash = createHash('sha256');
  let received = 0;
  try {
    const res = await request(url, { signal: controller.signal, dispatcher: dispatcher() });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      const message = `the server answered HTTP ${res.statusCode}`;
      throw res.statusCode >= 400 && res.statusCode < 500 ? new PermanentDownloadError(message) : new ServerStatusError(message);
    }
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      clearTimeout(timer);
      timer = setTimeout(() => ((stalled = true), controller.abort()), stallMs);
      received += chunk.length;
      if (received > archive.size) throw new PermanentDownloadError(`the download is larger than the expected ${archive.size} bytes`);
      hash.update(chunk);
      try {
        writeSync(fd, chunk);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOSPC') throw new PermanentDownloadError(`no space left on the device of ${opts.toolchainsDir}; free some space and try again`);
        throw e;
      }
      opts.onProgress?.({ name, received, total: archive.size });
    }
  } catch (e) {
    if (stalled) throw new Error(`no data for ${Math.round(stallMs / 1000)} s (stalled after ${received} of ${archive.size} bytes)`, { cause: e });
    if (e instanceof PermanentDownloadError || e instanceof ServerStatusError) throw e;
    const why = (e as Error).message;
    throw new Error(received ? `the download broke off after ${received} of ${archive.size} bytes (${why})` : `could not download it (${why})`, { cause: e });
  } finally {
    clearTimeout(timer);
    closeSync(fd);
  }
  if (received !== archive.size) throw new Error(`truncated download: ${received} of ${archive.size} bytes`);
  const got = hash.digest('hex');
  if (got !== archive.sha256.toLowerCase()) {
    throw new PermanentDownloadError(`checksum mismatch: expected SHA-256 ${archive.sha256}, got ${got}; the file is not the pinned one`);
  }
}

/** Extracts with the system's tar (gz, bz2, xz) or unzip; returns the archive's single top directory if it has one. */
function extract(file: string, into: string, what: string): string {
  mkdirSync(into, { recursive: true });
  const isZip = file.endsWith('.zip');
  if (!isZip && !/\.(tar\.(gz|bz2|xz)|tgz|tbz2|txz)$/.test(file)) throw new InstallError(`cannot install ${what}: unknown archive type (${file})`);
  const r = isZip ? spawnSync('unzip', ['-q', file, '-d', into], { encoding: 'utf8' }) : spawnSync('tar', ['-xf', file, '-C', into], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const tool = isZip ? 'unzip' : 'tar';
    const why = r.error ? `${tool} could not run (${(r.error as NodeJS.ErrnoException).code}); install it` : (r.stderr || '').trim().split('\n')[0];
    throw new InstallError(`cannot install ${what}: extracting failed: ${why}`);
  }
  const top = readdirSync(into);
  if (top.length === 1 && statSync(join(into, top[0]!)).isDirectory()) return join(into, top[0]!);
  return into;
}


import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { downloadFile, extractArchive } from './download.js';

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

/** This machine as Arduino's package index names hosts. */
export function hostTriple(platform: string = process.platform, arch: string = process.arch): string {
  if (platform === 'linux')
    return (
      { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', arm: 'arm-linux-gnueabihf', ia32: 'i686-linux-gnu' }[arch] ??
      `${arch}-linux-gnu`
    );
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
    throw new InstallError(
      `${spec.name} ${spec.version} has no archive for this machine (${host}); known hosts: ${spec.systems.map((s) => s.host).join(', ')}`,
    );
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
    try {
      await downloadFile(url, file, {
        size: archive.size,
        sha256: archive.sha256,
        retries: opts.retries ?? 3,
        backoffMs: opts.backoffMs ?? 500,
        stallTimeoutMs: opts.stallTimeoutMs ?? 30_000,
        diskOf: opts.toolchainsDir,
        mismatchHint: 'the file is not the pinned one',
        ...(opts.onProgress
          ? { onProgress: (received: number) => opts.onProgress!({ name: spec.name, received, total: archive.size }) }
          : {}),
      });
    } catch (e) {
      throw new InstallError(`cannot install ${what}: ${(e as Error).message}`);
    }
    let root: string;
    try {
      root = extractArchive(file, join(work, 'x'));
    } catch (e) {
      throw new InstallError(`cannot install ${what}: ${(e as Error).message}`);
    }
    writeFileSync(
      join(root, MARKER),
      JSON.stringify({ name: spec.name, version: spec.version, sha256: archive.sha256, url, installedAt: new Date().toISOString() }),
    );
    const dir = packageDir(opts.toolchainsDir, spec);
    try {
      renameSync(root, dir);
    } catch (e) {
      // Another process finished the same install first: theirs is as good as ours.
      const other = installedPackage(opts.toolchainsDir, spec, archive);
      if (other) return { dir: other, downloaded: true };
      throw new InstallError(
        `cannot install ${what}: ${dir} is in the way (${(e as NodeJS.ErrnoException).code}); remove it and try again`,
      );
    }
    return { dir, downloaded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

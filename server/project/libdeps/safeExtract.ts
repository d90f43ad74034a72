import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, posix, relative, sep } from 'node:path';
import { archiveKind } from '../../toolchains/download.js';
import { formatByteSize, parseByteSize } from '../../util/byteSize.js';
import { UserError } from '../../util/errors.js';

/**
 * Unpacks a library archive that came from a project (a registry file, an archive URL, a `file://`
 * archive) without trusting it: what it may unpack to is capped (bytes and files; a 1 MB archive
 * must not become 1 GB in the project), no entry may land outside the target (absolute names, `..`,
 * a link out, an entry written through a link), and no device or fifo is made. Checked from the
 * listing before anything is written, again on the tree after, and each file is capped while it is
 * written (the archive's sizes could lie). Every refusal is one line an Error carries.
 */

export interface UnpackLimits {
  maxBytes: number;
  maxFiles: number;
}

/** Big enough for the largest libraries (LVGL unpacks to about 60 MB in 3,000 files). */
export const DEFAULT_UNPACK_LIMITS: UnpackLimits = { maxBytes: 512 * 1024 ** 2, maxFiles: 50_000 };

/** `FBUILD_MAX_UNPACK_SIZE` (`1G`, `800M`, bytes) and `FBUILD_MAX_UNPACK_FILES` raise (or lower) the caps. */
export function unpackLimitsFromEnv(env: NodeJS.ProcessEnv): UnpackLimits {
  const size = env.FBUILD_MAX_UNPACK_SIZE ? parseByteSize(env.FBUILD_MAX_UNPACK_SIZE) : undefined;
  const files = env.FBUILD_MAX_UNPACK_FILES ? Number(env.FBUILD_MAX_UNPACK_FILES) : undefined;
  if (env.FBUILD_MAX_UNPACK_SIZE && size === undefined)
    throw new UserError(`FBUILD_MAX_UNPACK_SIZE=${env.FBUILD_MAX_UNPACK_SIZE} is not a size; write it like 1G or 800M`);
  if (env.FBUILD_MAX_UNPACK_FILES && !(Number.isInteger(files) && files! > 0))
    throw new UserError(`FBUILD_MAX_UNPACK_FILES=${env.FBUILD_MAX_UNPACK_FILES} is not a count; write a whole number like 100000`);
  return { maxBytes: size ?? DEFAULT_UNPACK_LIMITS.maxBytes, maxFiles: files ?? DEFAULT_UNPACK_LIMITS.maxFiles };
}

export class UnpackError extends Error {}

interface Entry {
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  name: string;
  size: number;
  /** A link's target, as written. */
  target?: string;
}

const tooBig = (limits: UnpackLimits) =>
  `it unpacks to more than ${formatByteSize(limits.maxBytes)} (FBUILD_MAX_UNPACK_SIZE); raise FBUILD_MAX_UNPACK_SIZE if the library really is that big`;
const tooMany = (limits: UnpackLimits) =>
  `it holds more than ${limits.maxFiles} files (FBUILD_MAX_UNPACK_FILES); raise FBUILD_MAX_UNPACK_FILES if the library really has that many`;

/** Unpacks `file` into `into` within `limits`; returns the single top folder if there is one, else `into`. */
export function unpackLibraryArchive(file: string, into: string, limits: UnpackLimits = DEFAULT_UNPACK_LIMITS): string {
  const kind = archiveKind(file);
  if (!kind) throw new UnpackError('it is not a tar.gz, tar.bz2, tar.xz or zip archive');
  const entries = kind === 'zip' ? zipEntries(file) : tarEntries(file);
  checkListing(entries, limits);
  mkdirSync(into, { recursive: true });
  // Each file capped as it is written (sh's ulimit -f counts 512-byte blocks; bash's 1024: a backstop either way).
  const blocks = Math.ceil(limits.maxBytes / 512) + 1;
  const tool =
    kind === 'zip' ? ['unzip', '-q', file, '-d', into] : ['tar', '--no-same-owner', '--no-same-permissions', '-xf', file, '-C', into];
  const r = spawnSync('sh', ['-c', 'ulimit -f "$1"; shift; exec "$@"', 'sh', String(blocks), ...tool], { encoding: 'utf8' });
  if (r.signal === 'SIGXFSZ') throw new UnpackError(tooBig(limits));
  if (r.error || r.status !== 0) {
    const why = r.error
      ? `${tool[0]} could not run (${(r.error as NodeJS.ErrnoException).code}); install it`
      : (r.stderr || '').trim().split('\n')[0];
    throw new UnpackError(`extracting failed: ${why}`);
  }
  checkTree(into, limits);
  const top = readdirSync(into);
  if (top.length === 1 && statSync(join(into, top[0]!)).isDirectory()) return join(into, top[0]!);
  return into;
}

/** `a/b/../c` stays inside; `../x`, `/x`, `C:\x` do not. */
function leaves(name: string): boolean {
  const n = posix.normalize(name.replace(/\\/g, '/'));
  return posix.isAbsolute(n) || /^[A-Za-z]:/.test(n) || n === '..' || n.startsWith('../');
}

function checkListing(entries: Entry[], limits: UnpackLimits): void {
  let bytes = 0;
  let files = 0;
  const links = new Set<string>();
  for (const e of entries) {
    const name = posix.normalize(e.name.replace(/\\/g, '/')).replace(/\/$/, '');
    if (leaves(e.name)) throw new UnpackError(`its entry ${JSON.stringify(e.name)} would be written outside the library's folder`);
    if (e.type === 'other') throw new UnpackError(`its entry ${JSON.stringify(e.name)} is a device or a fifo, not a file`);
    if ((e.type === 'symlink' || e.type === 'hardlink') && e.target !== undefined) {
      const base = e.type === 'symlink' ? posix.dirname(name) : '.';
      if (posix.isAbsolute(e.target) || leaves(posix.join(base, e.target)))
        throw new UnpackError(`its link ${JSON.stringify(e.name)} points outside the library's folder (${e.target})`);
    }
    for (const l of links) {
      if (name.startsWith(`${l}/`)) throw new UnpackError(`its entry ${JSON.stringify(e.name)} would be written through the link ${l}`);
    }
    if (e.type === 'symlink') links.add(name);
    if (e.type !== 'dir') files++;
    bytes += e.size;
    if (files > limits.maxFiles) throw new UnpackError(tooMany(limits));
    if (bytes > limits.maxBytes) throw new UnpackError(tooBig(limits));
  }
}

/** The tree as written: sizes and counts for real, and every link resolving inside. */
function checkTree(root: string, limits: UnpackLimits): void {
  const top = realpathSync(root);
  let bytes = 0;
  let files = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) {
        walk(path);
        continue;
      }
      files++;
      if (st.isSymbolicLink()) {
        const target = readlinkSync(path);
        const resolved = normalize(join(dirname(path), target));
        const rel = relative(top, resolved);
        if (isAbsolute(target) || rel === '..' || rel.startsWith(`..${sep}`))
          throw new UnpackError(`its link ${JSON.stringify(relative(root, path))} points outside the library's folder (${target})`);
      } else if (!st.isFile()) {
        throw new UnpackError(`its entry ${JSON.stringify(relative(root, path))} is a device or a fifo, not a file`);
      } else {
        bytes += st.size;
      }
      if (files > limits.maxFiles) throw new UnpackError(tooMany(limits));
      if (bytes > limits.maxBytes) throw new UnpackError(tooBig(limits));
    }
  };
  walk(top);
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 ** 2 });
  if (r.error) throw new UnpackError(`${cmd} could not run (${(r.error as NodeJS.ErrnoException).code}); install it`);
  if (r.status !== 0) throw new UnpackError(`it cannot be read: ${(r.stderr || '').trim().split('\n')[0]}`);
  return r.stdout;
}

/** GNU tar's verbose listing: `-rw-r--r-- 0/0 123 2026-01-01 00:00 name[ -> target| link to target]`. */
function tarEntries(file: string): Entry[] {
  return run('tar', ['-tvf', file, '--numeric-owner'])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\S)\S*\s+\S+\s+(\d+)\s+\S+\s+\S+\s(.*)$/.exec(line);
      if (!m) throw new UnpackError(`its listing has a line tar did not explain: ${line.slice(0, 80)}`);
      const [, t, size, rest] = m as unknown as [string, string, string, string];
      if (t === 'l') {
        const [name, target] = splitOnce(rest, ' -> ');
        return { type: 'symlink', name, size: 0, target } as Entry;
      }
      if (t === 'h') {
        const [name, target] = splitOnce(rest, ' link to ');
        return { type: 'hardlink', name, size: 0, target } as Entry;
      }
      const type = t === '-' ? 'file' : t === 'd' ? 'dir' : 'other';
      return { type, name: rest, size: Number(size) } as Entry;
    });
}

/** zipinfo's long listing: `-rw-r--r--  3.0 unx  123 tx  45 defN 26-Jan-01 00:00 name`. */
function zipEntries(file: string): Entry[] {
  // The header and summary lines do not have the entry's shape.
  return run('unzip', ['-Z', '-l', file])
    .split('\n')
    .flatMap((line) => {
      const m = /^(\S)\S*\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s(.*)$/.exec(line);
      return m ? [m as unknown as [string, string, string, string]] : [];
    })
    .map(([, t, size, name]) => {
      const type = t === '-' ? 'file' : t === 'd' ? 'dir' : t === 'l' ? 'symlink' : 'other';
      return { type, name, size: type === 'symlink' ? 0 : Number(size) } as Entry;
    });
}

function splitOnce(text: string, sepText: string): [string, string] {
  const i = text.indexOf(sepText);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + sepText.length)];
}

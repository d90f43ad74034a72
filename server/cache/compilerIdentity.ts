import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pack, unpack } from 'msgpackr';
import { KeyHasher, sha256Hex } from './hash.js';
import { onPath } from '../util/pathLookup.js';
import { childEnv } from '../util/childEnv.js';
import { writeFileAtomic } from '../util/atomicWrite.js';

/**
 * Who the compiler is, by content: the driver binary's hash, plus a signature of the system header
 * directories it searches. The second part matters because `-MMD` depfiles leave system headers out,
 * so a changed avr-libc header would otherwise go unnoticed. Identities are remembered per binary
 * (path, size, mtime), in memory and in a small file in the cache dir, so that a one-shot
 * `fbuild cc` does not re-probe the compiler on every call.
 */

export class CompilerNotFoundError extends Error {}

interface Remembered {
  stamp: string;
  identity: string;
}

export class CompilerIdentities {
  private readonly memory = new Map<string, Remembered>();
  private dirty = false;

  constructor(private readonly persistPath?: string) {
    for (const [k, v] of this.persistedEntries()) this.memory.set(k, v);
  }

  /** The stat of the memo file when it was last read, so that it is read again only once another process rewrote it. */
  private persistedStat = '';
  /** The memo file's entries as last read: all of them stay usable until the file changes again. */
  private persisted = new Map<string, Remembered>();

  /** The memo file's entries, read again only if another process rewrote it since this one last read it. */
  private persistedEntries(): ReadonlyMap<string, Remembered> {
    if (!this.persistPath) return this.persisted;
    try {
      const st = statSync(this.persistPath);
      const seen = `${st.size}:${st.mtimeMs}:${st.ino}`;
      if (seen !== this.persistedStat) {
        this.persistedStat = seen;
        this.persisted = new Map(Object.entries(unpack(readFileSync(this.persistPath)) as Record<string, Remembered>));
      }
    } catch {
      // None yet, or a damaged one: only a lost speed-up.
    }
    return this.persisted;
  }

  private readonly resolved = new Map<string, string>();

  /**
   * Resolves a compiler name as a shell would (PATH lookup for a bare name), remembered per name,
   * directory and PATH; identify() still stats the binary on every call, so a replaced one is seen.
   */
  resolveCompiler(compiler: string, cwd: string, env: NodeJS.ProcessEnv): string {
    const memo = `${compiler}\0${compiler.includes('/') ? cwd : ''}\0${env.PATH ?? ''}`;
    const known = this.resolved.get(memo);
    if (known !== undefined) return known;
    const found = CompilerIdentities.findCompiler(compiler, cwd, env);
    if (this.resolved.size > 1000) this.resolved.clear();
    this.resolved.set(memo, found);
    return found;
  }

  static findCompiler(compiler: string, cwd: string, env: NodeJS.ProcessEnv): string {
    let candidate: string | undefined;
    if (compiler.includes('/') || isAbsolute(compiler)) {
      candidate = resolve(cwd, compiler);
      if (!existsSync(candidate)) candidate = undefined;
    } else candidate = onPath(compiler, env);
    if (!candidate) throw new CompilerNotFoundError(`compiler not found: ${compiler}`);
    return realpathSync(candidate);
  }

  identify(compilerPath: string): string {
    const st = statSync(compilerPath);
    // Size and mtime, not the inode: a cache dir restored on another runner with the same packages
    // keeps its identities and skips the probe (ccache judges compilers the same way by default).
    const stamp = `${st.size}:${st.mtimeMs}`;
    const known = this.memory.get(compilerPath);
    if (known && known.stamp === stamp) return known.identity;
    // Another process (a build beside a long-lived server) may have probed it since this one started.
    const probed = this.persistedEntries().get(compilerPath);
    if (probed && probed.stamp === stamp) {
      this.memory.set(compilerPath, probed);
      return probed.identity;
    }
    const identity = new KeyHasher('fbuild-compiler-v1')
      .field(sha256Hex(readFileSync(compilerPath)))
      .field(systemHeaderSignature(compilerPath))
      .hex();
    this.memory.set(compilerPath, { stamp, identity });
    this.dirty = true;
    return identity;
  }

  private readonly includeDirs = new Map<string, string[]>();

  /** The compiler's own include directories (see toolchainIncludeDirs), probed once per compiler. */
  toolchainDirs(compilerPath: string): string[] {
    let dirs = this.includeDirs.get(compilerPath);
    if (!dirs) {
      dirs = toolchainIncludeDirs(compilerPath);
      this.includeDirs.set(compilerPath, dirs);
    }
    return dirs;
  }

  save(): void {
    if (!this.persistPath || !this.dirty) return;
    try {
      mkdirSync(dirname(this.persistPath), { recursive: true });
      writeFileAtomic(this.persistPath, pack(Object.fromEntries(this.memory)));
      this.dirty = false;
    } catch {
      // best effort
    }
  }
}

/**
 * The include directories the compiler searches by itself, as `-v` prints them. One probe as C++
 * (its list includes the C directories); a compiler without C++ support is probed as C.
 */
export function systemIncludeDirs(compilerPath: string): string[] {
  return [...new Set(probeIncludeDirs(compilerPath).map((d) => realpathSync(d)))].sort();
}

/**
 * The compiler's own include directories in both spellings, as printed (resolved: GCC prints
 * `lib/gcc/avr/5.4.0/../../../avr/include`) and real: a depfile may name a header either way.
 */
export function toolchainIncludeDirs(compilerPath: string): string[] {
  return [...new Set(probeIncludeDirs(compilerPath).flatMap((d) => [resolve(d), realpathSync(d)]))];
}

/** The `#include <...>` search list that `-v` prints (directories that exist). */
function probeIncludeDirs(compilerPath: string): string[] {
  for (const lang of ['c++', 'c']) {
    const r = spawnSync(compilerPath, ['-E', '-v', '-x', lang, '/dev/null', '-o', '/dev/null'], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: childEnv(),
    });
    const stderr = r.stderr ?? '';
    const start = stderr.indexOf('#include <...> search starts here:');
    const end = stderr.indexOf('End of search list.');
    if (r.status !== 0 || start < 0 || end < start) continue;
    const dirs: string[] = [];
    for (const line of stderr.slice(start, end).split('\n').slice(1)) {
      const d = line.trim();
      if (d && existsSync(d) && !dirs.includes(d)) dirs.push(d);
    }
    return dirs;
  }
  return []; // not GCC-like: no system directories known
}

function systemHeaderSignature(compilerPath: string): string {
  const h = new KeyHasher('fbuild-system-headers-v1');
  for (const dir of systemIncludeDirs(compilerPath)) {
    h.field(dir);
    const walk = (d: string, rel: string): void => {
      let names: string[];
      try {
        names = readdirSync(d).sort();
      } catch {
        return;
      }
      for (const name of names) {
        const p = join(d, name);
        let st;
        try {
          st = statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory()) walk(p, `${rel}${name}/`);
        else if (st.isFile()) h.field(`${rel}${name}:${st.size}:${Math.floor(st.mtimeMs / 1000)}`);
      }
    };
    walk(dir, '');
  }
  return h.hex();
}

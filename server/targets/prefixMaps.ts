import { spawnSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import { gccLayoutVersion } from '../toolchains/avrToolchain.js';
import { childEnv } from '../util/childEnv.js';

/**
 * The flags fbuild adds so that what a compile or a link writes does not name the checkout, decided
 * by what the compiler is (its version), not by the target it builds for:
 * - `-fmacro-prefix-map=<project>=.` (GCC ≥ 8, clang ≥ 10) on a unit whose command line names a file
 *   of the project by its absolute path (`-I${PROJECT_DIR}/vendor`): `__FILE__` of a header found
 *   there then reads `./vendor/…` in every checkout, so the object is the same and another checkout
 *   hits. An older compiler (avr-gcc 5.4 and 7.3) has no such option: the cache then ties such a
 *   unit to its checkout (see server/cache/unitInputs.ts). Only when such a path is there: with LTO
 *   the options are part of the object, and an unneeded absolute path would only make it differ.
 * - `-fdebug-prefix-map=<project>=.` on an LTO link with debug info: the link compiles the program
 *   (LTO), so it writes the debug info, and without the map the ELF names the directory the link ran
 *   in; the link is cached, and another checkout would get an ELF naming the first one.
 */

export interface CompilerVersion {
  kind: 'gcc' | 'clang' | 'unknown';
  major: number;
}

const versions = new Map<string, { stamp: string; version: CompilerVersion }>();

/**
 * What a compiler is and its major version: from its installation's layout when it is GCC's
 * (`<prefix>/lib/gcc/<target>/<version>`, no process started), else from its predefined macros
 * (`-dM -E`, one process per compiler binary and process). Remembered per binary (path, size, mtime).
 */
export function compilerVersion(compiler: string): CompilerVersion {
  let real: string;
  let stamp: string;
  try {
    real = realpathSync(compiler);
    const st = statSync(real);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    return { kind: 'unknown', major: 0 };
  }
  const known = versions.get(real);
  if (known && known.stamp === stamp) return known.version;
  const version = fromLayout(real) ?? fromMacros(compiler);
  versions.set(real, { stamp, version });
  return version;
}

function fromLayout(real: string): CompilerVersion | undefined {
  const name = basename(real);
  if (!/(^|-)(gcc|g\+\+|cc|c\+\+)(-\d+)?$/.test(name) || /clang/.test(name)) return undefined;
  // The target this driver is for: its name's prefix (`avr-gcc` → avr), else the only one there.
  const prefix = name.replace(/-?(gcc|g\+\+|cc|c\+\+)(-\d+)?$/, '');
  const dir = dirname(real);
  const version = (prefix && gccLayoutVersion(dir, prefix)) || gccLayoutVersion(dir, undefined);
  return version ? { kind: 'gcc', major: Number.parseInt(version, 10) } : undefined;
}

function fromMacros(compiler: string): CompilerVersion {
  const r = spawnSync(compiler, ['-dM', '-E', '-x', 'c', '/dev/null'], { encoding: 'utf8', env: childEnv(), timeout: 30_000 });
  const macro = (name: string) => new RegExp(`^#define ${name} (\\d+)$`, 'm').exec(r.stdout ?? '')?.[1];
  const clang = macro('__clang_major__');
  if (clang) return { kind: 'clang', major: Number.parseInt(clang, 10) };
  const gnu = macro('__GNUC__');
  return gnu ? { kind: 'gcc', major: Number.parseInt(gnu, 10) } : { kind: 'unknown', major: 0 };
}

/** Whether the compiler has `-fmacro-prefix-map` (GCC 8, clang 10). */
export function hasMacroPrefixMap(v: CompilerVersion): boolean {
  return (v.kind === 'gcc' && v.major >= 8) || (v.kind === 'clang' && v.major >= 10);
}

/** Whether a word of a command line names `projectDir` or a path inside it. */
const namesProject = (projectDir: string) => {
  const inside = projectDir.endsWith(sep) ? projectDir : projectDir + sep;
  return (arg: string) => !/^-f(debug|macro|file)-prefix-map=/.test(arg) && (arg.includes(inside) || arg.endsWith(projectDir));
};

/**
 * `-fmacro-prefix-map=<project>=.` for a unit's arguments when its compiler has it and the command
 * line names a file of the project by its absolute path; else nothing.
 */
export function macroPrefixMap(version: CompilerVersion, projectDir: string, args: readonly string[]): string[] {
  if (!hasMacroPrefixMap(version) || !args.some(namesProject(projectDir))) return [];
  return [`-fmacro-prefix-map=${projectDir}=.`];
}

/** Whether flags ask for debug info (a `-g` other than `-g0`). */
export const hasDebugInfo = (flags: readonly string[]): boolean => {
  let on = false;
  for (const f of flags) if (/^-g/.test(f)) on = f !== '-g0';
  return on;
};

/** Whether a link line runs LTO (`-flto` and no later `-fno-lto`). */
const linksWithLto = (flags: readonly string[]): boolean => {
  let on = false;
  for (const f of flags) {
    if (f === '-flto' || f.startsWith('-flto=')) on = true;
    else if (f === '-fno-lto') on = false;
  }
  return on;
};

/** `-fdebug-prefix-map=<project>=.` for a link that compiles (LTO) with debug info; else nothing. */
export function linkDebugPrefixMap(projectDir: string, linkFlags: readonly string[]): string[] {
  return linksWithLto(linkFlags) && hasDebugInfo(linkFlags) ? [`-fdebug-prefix-map=${projectDir}=.`] : [];
}

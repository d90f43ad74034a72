import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { StepCommand } from '../cache/stepsCache.js';
import { UserError } from '../util/errors.js';
import { inoToCpp } from '../project/inoToCpp.js';
import { resolveLibraries, type Library } from '../project/libraries.js';
import type { EnvConfig } from '../project/platformioIni.js';
import { applySrcFilter, listFiles, SOURCE_EXTENSIONS } from '../project/sourceFilter.js';

/** One translation unit: its source (workspace-relative, or absolute outside it) and compile command. */
export interface Unit {
  source: string;
  object: string;
  compiler: string;
  args: string[];
}

/**
 * What differs between a board build (uno) and a host build (native): the units and their flags,
 * the link steps, what the outputs are and how big they may be. The orchestrator does the rest.
 */
export interface BuildTarget {
  /** For the start event and the fingerprint: which toolchain, from where. */
  description: string;
  /** Binaries whose change must invalidate the whole-build fingerprint. */
  tools: string[];
  /** Other things the fingerprint depends on (flags that come from the toolchain). */
  fingerprintParts: string[];
  artifacts: { elf: string; hex: string };
  /** More files the link steps write that a cached link must restore (esp32: bootloader, partitions). */
  extraOutputs?: string[];
  /** More files whose content decides the link (a project's own partition table). */
  extraInputs?: string[];
  limits: { name: string; flashMax: number; ramMax: number };
  planUnits(): Unit[];
  linkSteps(objects: string[]): StepCommand[];
  size(linkStdout: Buffer[]): { flash: number; ram: number; flashMax: number; ramMax: number };
  /** A one-line explanation of a failed link, when the target knows better than "see above". */
  explainLinkFailure(stderr: string): string | undefined;
}

export interface ProjectSources {
  /** Workspace-relative translation units of src/ (the converted sketch first, if any). */
  sources: string[];
  libraries: Library[];
  /** Paths for -I, workspace-relative where inside it. */
  projectIncludes: string[];
  libIncludes: string[];
  rel(p: string): string;
}

/**
 * The project's own code: `src/` through `build_src_filter` (a `.ino` sketch made into one C++ unit
 * in the build dir, rewritten only when it changes), and the libraries its `#include`s need.
 */
export function projectSources(opts: { projectDir: string; buildDir: string; env: EnvConfig; frameworkLibrariesDir?: string; allowIno: boolean }): ProjectSources {
  const { projectDir, buildDir, env } = opts;
  const srcDir = join(projectDir, 'src');
  const srcFiles = applySrcFilter(listFiles(srcDir), env.buildSrcFilter);
  const inoFiles = opts.allowIno ? srcFiles.filter((f) => f.endsWith('.ino') && !f.includes('/')) : [];
  const srcSources = srcFiles.filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)));
  if (inoFiles.length === 0 && srcSources.length === 0) {
    throw new UserError(`no source files in ${srcDir}; add src/main.cpp${opts.allowIno ? ' or a .ino sketch' : ''}`);
  }
  const sources = srcSources.map((f) => `src/${f}`);
  if (inoFiles.length) {
    const sketchName = basename(projectDir);
    const cpp = inoToCpp(
      inoFiles.map((f) => ({ path: `src/${f}`, text: readFileSync(join(srcDir, f), 'utf8') })),
      inoFiles.some((f) => f === `${sketchName}.ino`) ? sketchName : undefined,
    );
    const relPath = join(buildDir, 'sketch', `${basename(inoFiles[0]!, '.ino')}.ino.cpp`);
    const abs = join(projectDir, relPath);
    mkdirSync(dirname(abs), { recursive: true });
    if (!existsSync(abs) || readFileSync(abs, 'utf8') !== cpp) writeFileSync(abs, cpp);
    sources.unshift(relPath);
  }
  const { libraries } = resolveLibraries({
    projectDir,
    frameworkLibrariesDir: opts.frameworkLibrariesDir ?? join(projectDir, '.fbuild', 'no-framework-libraries'),
    projectFiles: [...sources, ...srcFiles.filter((f) => /\.(h|hpp|ino)$/.test(f)).map((f) => `src/${f}`)].map((p) => join(projectDir, p)),
    libDeps: env.libDeps,
    libIgnore: env.libIgnore,
  });
  const rel = (p: string) => {
    const r = relative(projectDir, p);
    return r.startsWith('..') ? p : r.split(sep).join('/');
  };
  return {
    sources,
    libraries,
    projectIncludes: [...(existsSync(join(projectDir, 'include')) ? ['-Iinclude'] : []), '-Isrc'],
    libIncludes: libraries.map((l) => `-I${rel(l.includeDir)}`),
    rel,
  };
}

/** `build_unflags` removes default flags, as in PlatformIO (e.g. `-w` to see warnings). */
export function unflagsOf(env: EnvConfig): Set<string> {
  return new Set((env.raw.build_unflags ?? []).flatMap((l) => l.split(/\s+/)).filter(Boolean));
}

/** Where a unit's object goes: `<build dir>/<group>/<path>.o`. */
export function objectPath(buildDir: string, group: string, relPath: string): string {
  return `${buildDir}/${group}/${relPath.replace(/^\.\.\//, '')}.o`;
}

export function libraryUnits(ps: ProjectSources, buildDir: string, unit: (source: string, object: string, includes: string[]) => Unit, extraIncludes: string[]): Unit[] {
  return ps.libraries.flatMap((lib) =>
    lib.sources.map((s) => unit(ps.rel(s), objectPath(buildDir, `lib/${lib.name}`, relative(lib.includeDir, s).split(sep).join('/')), [...ps.libIncludes, ...extraIncludes])),
  );
}

export function sourceUnits(ps: ProjectSources, buildDir: string, unit: (source: string, object: string, includes: string[]) => Unit, extraIncludes: string[]): Unit[] {
  return ps.sources.map((s) =>
    unit(s, objectPath(buildDir, 'src', s.replace(/^src\//, '').replace(/^\.fbuild\/build\/[^/]+\/sketch\//, '')), [...ps.projectIncludes, ...ps.libIncludes, ...extraIncludes]),
  );
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { UserError } from '../util/errors.js';
import type { EnvConfig, ProjectDirs } from '../project/platformioIni.js';
import { onPath } from '../util/pathLookup.js';
import { childEnv } from '../util/childEnv.js';
import {
  archiveSteps,
  libraryUnits,
  projectSources,
  sourceUnits,
  unflagsOf,
  type BuildTarget,
  type Unit,
  type UnitExtra,
  libraryLinkFlags,
  type LibraryLinkFlags,
} from './target.js';

/**
 * `platform = native`: a host program built with the system gcc/g++ through the same cache
 * (PlatformIO's native platform, for unit tests and tools). `fbuild test -e native` runs it.
 */
export function nativeTarget(opts: {
  projectDir: string;
  buildDir: string;
  dirs: ProjectDirs;
  env: EnvConfig;
  processEnv: NodeJS.ProcessEnv;
}): BuildTarget {
  const { projectDir, buildDir, env, dirs } = opts;
  const cc = opts.processEnv.CC && !opts.processEnv.CC.includes(' ') ? opts.processEnv.CC : 'gcc';
  const cxx = opts.processEnv.CXX && !opts.processEnv.CXX.includes(' ') ? opts.processEnv.CXX : 'g++';
  const gcc = onPath(cc, opts.processEnv) ?? (existsSync(cc) ? cc : undefined);
  const gxx = onPath(cxx, opts.processEnv) ?? (existsSync(cxx) ? cxx : undefined);
  if (!gcc || !gxx)
    throw new UserError(`${!gcc ? cc : cxx} not found on PATH; install a host compiler (apt-get install gcc g++) for platform = native`);
  const version = spawnSync(gcc, ['-dumpversion'], { encoding: 'utf8', env: childEnv() }).stdout.trim();
  const program = `${buildDir}/program`;
  let libLink: LibraryLinkFlags = { linkflags: [], libpath: [], libs: [] };
  return {
    description: `host gcc ${version} (${gcc}, ${gxx})`,
    tools: [gcc, gxx],
    fingerprintParts: ['native'],
    artifacts: { elf: program, hex: '' },
    limits: { name: 'native', flashMax: 0, ramMax: 0 },
    planUnits(): Unit[] {
      const ps = projectSources({ projectDir, buildDir, env, dirs, allowIno: false });
      libLink = libraryLinkFlags(ps.libraries);
      const unflags = unflagsOf(env);
      const unit = (source: string, object: string, includes: string[], extra: UnitExtra): Unit => {
        const isC = source.endsWith('.c');
        const drop = new Set(extra.unflags);
        const defaults = ['-O1', '-MMD', ...(isC ? ['-std=gnu11'] : ['-std=gnu++17'])].filter((f) => !unflags.has(f) && !drop.has(f));
        return {
          source,
          object,
          compiler: isC ? gcc : gxx,
          args: ['-c', ...defaults, ...env.buildFlags, ...extra.flags, ...includes, source, '-o', object],
        };
      };
      return [...sourceUnits(ps, buildDir, dirs.src, unit, []), ...libraryUnits(ps, buildDir, unit, [])];
    },
    linkSteps(units) {
      const { steps, archives, objects } = archiveSteps(units, { ar: 'ar', deterministic: true });
      const link = [
        '-o',
        program,
        ...libLink.linkflags,
        ...objects,
        ...libLink.libpath,
        ...(archives.length || libLink.libs.length ? ['-Wl,--start-group', ...archives, ...libLink.libs, '-Wl,--end-group'] : []),
      ];
      return {
        archives,
        steps: [...steps, { command: gxx, args: [...link, ...env.buildFlags.filter((f) => /^-(l|L|Wl,|pthread$)/.test(f))] }],
      };
    },
    size: () => ({ flash: 0, ram: 0, flashMax: 0, ramMax: 0 }),
    explainLinkFailure: () => undefined,
  };
}

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCacheDir } from '../util/cacheDir.js';
import { UserError } from '../util/errors.js';
import type { AvrToolchain } from './avrToolchain.js';
import { gccVersion, systemAvrToolchain } from './avrToolchain.js';
import { hostTriple, installedPackage, installPackage, type InstallProgress, type PackageSpec } from './installer.js';
import { findPackage, loadManifest } from './manifest.js';

export type ToolchainMode = 'auto' | 'pinned' | 'system';

/** A mode from the environment (`FBUILD_TOOLCHAIN`), `auto` when unset or unknown. */
export function toolchainMode(value: string | undefined): ToolchainMode {
  return value === 'pinned' || value === 'system' ? value : 'auto';
}

export const AVR_GCC = 'avr-gcc';
export const ARDUINO_AVR_CORE = 'framework-arduino-avr';

export interface ResolveOptions {
  mode: ToolchainMode;
  env?: NodeJS.ProcessEnv;
  /** Default `$FBUILD_TOOLCHAINS_DIR`, else `<cache dir>/toolchains`. */
  toolchainsDir?: string;
  onProgress?: (p: InstallProgress) => void;
  /**
   * Told which toolchain was chosen, in one short line; `detail` says why (for --verbose), and
   * `repeat` marks a notice this cache dir has already shown (a front end prints it only when verbose).
   */
  onNotice?: (message: string, more?: NoticeDetail) => void;
}

export interface NoticeDetail {
  detail?: string;
  repeat?: boolean;
}

const AUTO_RETRY_MS = 60 * 60 * 1000;

function lastFailure(path: string): { at: number; mirror: string; reason: string; noticed?: boolean } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { at: number; mirror: string; reason: string; noticed?: boolean };
  } catch {
    return undefined;
  }
}

/** The one short line a fallback to the system toolchain prints. */
function systemFallbackLine(): string {
  return "using the system toolchain: the pinned one is not installed ('fbuild toolchains install uno'; --verbose says why)";
}

/** `$FBUILD_TOOLCHAINS_DIR`, else `<cache dir>/toolchains`: `--cache-dir` (given as `cacheDir`) moves it too. */
export function toolchainsDirFor(env: NodeJS.ProcessEnv, cacheDir?: string): string {
  return env.FBUILD_TOOLCHAINS_DIR || join(cacheDir ?? defaultCacheDir(env), 'toolchains');
}

/** The pinned avr-gcc and ArduinoCore-avr as installed packages. */
function pinnedFrom(gccDir: string, coreDir: string, gcc: PackageSpec, core: PackageSpec): AvrToolchain {
  const bin = (t: string) => join(gccDir, 'bin', t);
  for (const t of ['avr-gcc', 'avr-g++', 'avr-gcc-ar', 'avr-gcc-ranlib', 'avr-objcopy', 'avr-size']) {
    if (!existsSync(bin(t)))
      throw new UserError(`the installed ${gcc.name} ${gcc.version} has no bin/${t}; remove ${gccDir} and install again`);
  }
  const version = gccVersion(bin('avr-gcc'), 'avr');
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: 'pinned',
    description: `pinned ${gcc.name} ${gcc.version} (gcc ${version}) with ArduinoCore-avr ${core.version}, in ${gccDir}`,
    gcc: bin('avr-gcc'),
    gxx: bin('avr-g++'),
    ar: bin('avr-gcc-ar'),
    ranlib: bin('avr-gcc-ranlib'),
    objcopy: bin('avr-objcopy'),
    size: bin('avr-size'),
    gccMajor,
    frameworkDir: coreDir,
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ['-DDECIMAL_DIG=__DECIMAL_DIG__'] : [],
  };
}

/**
 * `system`: the Debian packages. `pinned`: the manifest's packages, installed if needed (an error if
 * that fails). `auto`: installed pinned packages, else an install, else the system toolchain, with a
 * notice saying which was used. The compiler's identity is in every cache key, so pinned and system
 * builds never share entries.
 */
export async function resolveAvrToolchain(opts: ResolveOptions): Promise<AvrToolchain> {
  const env = opts.env ?? process.env;
  if (opts.mode === 'system') return systemAvrToolchain(env);
  const specs = loadManifest(env);
  const gcc = findPackage(specs, AVR_GCC);
  const core = findPackage(specs, ARDUINO_AVR_CORE);
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(env);
  const installed = [gcc, core].map((s) => installedPackage(toolchainsDir, s));
  if (installed[0] && installed[1]) return pinnedFrom(installed[0], installed[1], gcc, core);

  const mirror = env.FBUILD_PACKAGE_MIRROR;
  // auto on a machine that cannot download: try once an hour, not on every build.
  const failedMark = join(toolchainsDir, '.auto-install-failed');
  if (opts.mode === 'auto') {
    const last = lastFailure(failedMark);
    if (last && Date.now() - last.at < AUTO_RETRY_MS && last.mirror === (mirror ?? '')) {
      const system = systemAvrToolchain(env);
      opts.onNotice?.(systemFallbackLine(), {
        detail: `${system.description}; installing the pinned toolchain failed ${Math.round((Date.now() - last.at) / 60000)} min ago (${last.reason}); 'fbuild toolchains install uno' retries now`,
        repeat: last.noticed === true,
      });
      return system;
    }
  }
  try {
    const install = (s: PackageSpec) =>
      installPackage(s, {
        toolchainsDir,
        ...(mirror ? { mirror } : {}),
        host: hostTriple(),
        // auto falls back at once rather than retrying a network that is not there
        ...(opts.mode === 'auto' ? { retries: 0, stallTimeoutMs: 15_000 } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      });
    const [g, c] = [await install(gcc), await install(core)];
    opts.onNotice?.(`installed ${gcc.name} ${gcc.version} and ArduinoCore-avr ${core.version} into ${toolchainsDir}`);
    rmSync(failedMark, { force: true });
    return pinnedFrom(g.dir, c.dir, gcc, core);
  } catch (e) {
    if (opts.mode === 'pinned') throw e;
    const system = systemAvrToolchain(env);
    // The fallback is said once per toolchains dir (until the pinned install works), not on every build.
    const noticedBefore = lastFailure(failedMark)?.noticed === true;
    try {
      mkdirSync(toolchainsDir, { recursive: true });
      writeFileSync(failedMark, JSON.stringify({ at: Date.now(), mirror: mirror ?? '', reason: (e as Error).message, noticed: true }));
    } catch {
      // only a lost shortcut
    }
    opts.onNotice?.(systemFallbackLine(), {
      detail: `${system.description}; the pinned toolchain could not be installed: ${(e as Error).message}`,
      repeat: noticedBefore,
    });
    return system;
  }
}

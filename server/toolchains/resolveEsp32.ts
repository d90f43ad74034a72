import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { UserError } from '../util/errors.js';
import { onPath } from '../util/pathLookup.js';
import { ESP32_TOOLCHAIN, esp32PackagePlan, type Esp32Packages } from './esp32Packages.js';
import { hostTriple, installedPackage, installPackage } from './installer.js';
import { loadManifest } from './manifest.js';
import { toolchainsDirFor, type ResolveOptions } from './resolveAvr.js';

/** PlatformIO's package directory names, for `FBUILD_ESP32_PACKAGES_DIR` (e.g. ~/.platformio/packages). */
const PIO_NAMES = {
  toolchain: 'toolchain-xtensa-esp-elf',
  framework: 'framework-arduinoespressif32',
  sdk: 'framework-arduinoespressif32-libs',
};

/**
 * A user's own esptool, only when asked for with `$FBUILD_ESPTOOL` (a path, or a name on PATH):
 * fbuild writes the images itself, byte for byte as esptool 5.1.0 does, so nothing is looked for
 * otherwise and neither esptool nor Python is needed.
 */
export function findEsptool(env: NodeJS.ProcessEnv): string | undefined {
  const named = env.FBUILD_ESPTOOL;
  if (!named) return undefined;
  const found = isAbsolute(named) ? (existsSync(named) ? named : undefined) : onPath(named, env);
  if (!found)
    throw new UserError(
      `FBUILD_ESPTOOL is '${named}', which is not an executable; point it at esptool 5.1.0, or unset it and fbuild writes the images itself`,
    );
  return found;
}

function checkLayout(p: { toolchainDir: string; frameworkDir: string; sdkDir: string }, where: string): void {
  const need = [
    [join(p.toolchainDir, 'bin', 'xtensa-esp32-elf-gcc'), 'the Xtensa toolchain'],
    [join(p.frameworkDir, 'cores', 'esp32'), 'framework-arduinoespressif32'],
    [join(p.sdkDir, 'esp32', 'pioarduino-build.py'), 'framework-arduinoespressif32-libs'],
  ] as const;
  for (const [path, what] of need) {
    if (!existsSync(path))
      throw new UserError(`${what} is incomplete in ${where}: ${path} is missing; install it again ('fbuild toolchains install esp32dev')`);
  }
}

/**
 * The esp32 packages: a PlatformIO packages dir named by `$FBUILD_ESP32_PACKAGES_DIR` (a machine
 * that has pioarduino installed builds with its packages), else the pinned packages installed in
 * the toolchains dir, downloaded first unless the mode is `system` (there is no system esp32
 * toolchain: `system` only uses what is already there).
 */
export async function resolveEsp32Packages(opts: ResolveOptions): Promise<Esp32Packages> {
  const env = opts.env ?? process.env;
  const dirs = await esp32PackageDirs(opts);
  const esptool = findEsptool(env);
  return { ...dirs, ...(esptool ? { esptool } : {}) };
}

/** The three package directories (toolchain, framework, libs). */
export async function esp32PackageDirs(
  opts: ResolveOptions,
): Promise<{ toolchainDir: string; frameworkDir: string; sdkDir: string; description: string }> {
  const env = opts.env ?? process.env;
  const pioDir = env.FBUILD_ESP32_PACKAGES_DIR;
  if (pioDir) {
    const dirs = {
      toolchainDir: join(pioDir, PIO_NAMES.toolchain),
      frameworkDir: join(pioDir, PIO_NAMES.framework),
      sdkDir: join(pioDir, PIO_NAMES.sdk),
    };
    checkLayout(dirs, `FBUILD_ESP32_PACKAGES_DIR (${pioDir})`);
    return { ...dirs, description: `esp32 packages from ${pioDir}` };
  }
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(env);
  const plan = esp32PackagePlan(loadManifest(env), hostTriple());
  const lacking = [ESP32_TOOLCHAIN, PIO_NAMES.framework, PIO_NAMES.sdk].filter((n) => plan.missing.includes(n));
  if (lacking.length)
    throw new UserError(
      `the package manifest has no verified archive of ${lacking.join(', ')} for this machine (${hostTriple()}); use FBUILD_ESP32_PACKAGES_DIR or another FBUILD_PACKAGE_MANIFEST`,
    );
  const dirs = new Map<string, string>();
  for (const { spec, archive } of plan.install) {
    let dir = installedPackage(toolchainsDir, spec, archive);
    if (!dir) {
      if (opts.mode === 'system') {
        throw new UserError(
          `${spec.name} ${spec.version} is not installed and --toolchain system does not download; run 'fbuild toolchains install esp32dev' or set FBUILD_ESP32_PACKAGES_DIR to a PlatformIO packages dir`,
        );
      }
      const mirror = env.FBUILD_PACKAGE_MIRROR;
      dir = (
        await installPackage(spec, {
          toolchainsDir,
          host: hostTriple(),
          ...(mirror ? { mirror } : {}),
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        })
      ).dir;
      opts.onNotice?.(`installed ${spec.name} ${spec.version} into ${dir}`);
    }
    dirs.set(spec.name, dir);
  }
  const [toolchainDir, frameworkDir, sdkDir] = [ESP32_TOOLCHAIN, PIO_NAMES.framework, PIO_NAMES.sdk].map((n) => dirs.get(n)!) as [
    string,
    string,
    string,
  ];
  checkLayout({ toolchainDir, frameworkDir, sdkDir }, toolchainsDir);
  const names = plan.install.map(({ spec }) => `${spec.name} ${spec.version}`).join(', ');
  return { toolchainDir, frameworkDir, sdkDir, description: `pinned ${names}, in ${toolchainsDir}` };
}

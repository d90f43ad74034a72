import type { PackageArchive, PackageSpec } from './installer.js';

/** Where the esp32 packages are (installed pinned ones, or a PlatformIO packages dir). */
export interface Esp32Packages {
  /** The Xtensa toolchain: holds bin/xtensa-esp32-elf-gcc. */
  toolchainDir: string;
  /** framework-arduinoespressif32: cores/, variants/, libraries/, tools/. */
  frameworkDir: string;
  /** framework-arduinoespressif32-libs: <mcu>/pioarduino-build.py, include/, lib/, ld/, bin/. */
  sdkDir: string;
  /** A user's esptool (`$FBUILD_ESPTOOL`), used for elf2image instead of fbuild's own writer. */
  esptool?: string;
  description: string;
}

/**
 * What esp32dev needs installed, per pioarduino 55.03.31-2's platform.json. The toolchain is taken
 * from Espressif's own per-host archives (xtensa-esp-elf, checksums published in ESP-IDF's
 * tools.json) rather than pioarduino's zip, which has no published checksum; nothing is installed
 * unverified, so a package without a checksummed archive is reported missing.
 */
export const ESP32_TOOLCHAIN = 'xtensa-esp-elf';
// tool-esptoolpy is not among them: fbuild writes the images itself (server/targets/esp32/).
export const ESP32_PACKAGE_NAMES = [ESP32_TOOLCHAIN, 'framework-arduinoespressif32', 'framework-arduinoespressif32-libs'];

export interface Esp32PackagePlan {
  install: { spec: PackageSpec; archive: PackageArchive }[];
  /** Packages with no verified archive for this host: the build cannot be set up until they have one. */
  missing: string[];
}

export function esp32PackagePlan(specs: PackageSpec[], host: string): Esp32PackagePlan {
  const plan: Esp32PackagePlan = { install: [], missing: [] };
  for (const name of ESP32_PACKAGE_NAMES) {
    const spec = specs.find((s) => s.name === name);
    const archive = spec?.systems.find((s) => s.host === host) ?? spec?.systems.find((s) => s.host === 'any');
    if (spec && archive) plan.install.push({ spec, archive });
    else plan.missing.push(name);
  }
  return plan;
}

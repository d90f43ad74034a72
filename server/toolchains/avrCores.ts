import { readFileSync } from 'node:fs';
import { UserError } from '../util/errors.js';

/**
 * The Arduino framework packages of platform-atmelavr 5.2.0 (commit 97b4fe51): which package a
 * board's `build.core` needs (platform.py's configure_default_packages and arduino.py's
 * FRAMEWORK_DIR), the version requirement platform.json pins, the exact version fbuild installs
 * and, where it could be found published, that archive's SHA-256. Every package comes from the
 * PlatformIO registry (owner `platformio`, type `tool`), whose API gives each file's size and
 * checksum; a pinned checksum must equal the registry's, else nothing is installed.
 */
export interface AvrCorePackage {
  /** The registry package, e.g. `framework-arduino-avr-minicore`. */
  name: string;
  /** platform.json's requirement, e.g. `~3.1.0`. */
  requirement: string;
  /** The release inside the requirement fbuild installs. */
  version: string;
  /** The archive's SHA-256 as published, or null where none was found (the registry's own is then checked). */
  sha256: string | null;
  /** Where the pinned facts come from. */
  source: string;
}

const FASTLED_FIXTURE =
  'registry metadata captured 2026-09-27, in github.com/FastLED/fbuild (test fixture avr_and_megaavr_board_packages_resolve_exact_payloads_offline)';

export const AVR_CORE_PACKAGES: Record<string, AvrCorePackage> = {
  'framework-arduino-avr': {
    name: 'framework-arduino-avr',
    requirement: '~5.3.0',
    version: '5.3.0',
    sha256: null,
    source: 'platform.json ~5.3.0 (commit 6ca280c "Update Arduino AVR core to v1.8.7"); no published checksum found',
  },
  'framework-arduino-avr-minicore': {
    name: 'framework-arduino-avr-minicore',
    requirement: '~3.1.0',
    version: '3.1.2',
    sha256: '3cc43553f35d2d00a277d488eefba628816104ae61a9ca9cecd60470f555c9f6',
    source: `platform.json ~3.1.0, MiniCore v3.1.2 (commit a16767a); sha256 from ${FASTLED_FIXTURE}`,
  },
  'framework-arduino-avr-megacore': {
    name: 'framework-arduino-avr-megacore',
    requirement: '~3.1.0',
    version: '3.1.0',
    sha256: null,
    source: 'platform.json ~3.1.0, MegaCore v3.1.0 (commit a16767a); no published checksum found',
  },
  'framework-arduino-avr-mightycore': {
    name: 'framework-arduino-avr-mightycore',
    requirement: '~3.1.0',
    version: '3.1.0',
    sha256: null,
    source: 'platform.json ~3.1.0, MightyCore v3.1.0 (commit a16767a); no published checksum found',
  },
  'framework-arduino-avr-majorcore': {
    name: 'framework-arduino-avr-majorcore',
    requirement: '~3.1.0',
    version: '3.1.0',
    sha256: null,
    source: 'platform.json ~3.1.0, MajorCore v3.1.0 (commit a16767a); no published checksum found',
  },
  'framework-arduino-avr-microcore': {
    name: 'framework-arduino-avr-microcore',
    requirement: '~2.5.0',
    version: '2.5.2',
    sha256: null,
    source: 'platform.json ~2.5.0, MicroCore v2.5.2 (commit a16767a); no published checksum found',
  },
  'framework-arduino-avr-attiny': {
    name: 'framework-arduino-avr-attiny',
    requirement: '~1.5.2',
    version: '1.5.2',
    sha256: '06665ec79058cd180b82d76a2bc6bd30fc5311d9eebaed56dc57389f325822ee',
    source: `platform.json ~1.5.2; sha256 from ${FASTLED_FIXTURE}`,
  },
};

/**
 * The pins, with `$FBUILD_CORE_PACKAGES` (a JSON file of entries like these, by package name) over
 * them: a self-hosted registry with its own builds, and the tests' stand-in packages.
 */
export function corePackages(env: NodeJS.ProcessEnv = process.env): Record<string, AvrCorePackage> {
  const path = env.FBUILD_CORE_PACKAGES;
  if (!path) return AVR_CORE_PACKAGES;
  try {
    return { ...AVR_CORE_PACKAGES, ...(JSON.parse(readFileSync(path, 'utf8')) as Record<string, AvrCorePackage>) };
  } catch (e) {
    throw new UserError(`cannot read FBUILD_CORE_PACKAGES ${path}: ${(e as Error).message}; fix the file or unset it`);
  }
}

/** The package platform-atmelavr's builder takes a core from (platform.py, arduino.py). */
export function corePackageName(core: string): string {
  if (core === 'arduino') return 'framework-arduino-avr';
  if (core === 'dtiny' || core === 'pro') return 'framework-arduino-avr-digistump';
  if (core === 'tiny' || core === 'tinymodern') return 'framework-arduino-avr-attiny';
  return `framework-arduino-avr-${core.toLowerCase()}`;
}

/** platform.json's requirement for the packages fbuild does not build with (vendor cores). */
export const UNSUPPORTED_CORE_PACKAGES: Record<string, string> = {
  'framework-arduino-avr-bean': '~2.0.3',
  'framework-arduino-avr-core13': '~0.0.22',
  'framework-arduino-avr-digistump': '~1.7.2',
  'framework-arduino-avr-dwenguino': '~2.2.1',
  'framework-arduino-avr-nicai': '~3.5.0',
  'framework-arduino-avr-panstamp': '~1.5.7',
  'framework-arduino-avr-prusa_rambo': '~1.0.3',
};

/** The cores whose C++ is built as gnu++17 (arduino.py); every other core gets gnu++11. */
export const GNU17_CORES: ReadonlySet<string> = new Set(['MiniCore', 'MegaCore', 'MightyCore', 'MajorCore']);

import { readFileSync } from 'node:fs';
import { UserError } from '../util/errors.js';
import type { PackageSpec } from './installer.js';
// Bundled into dist/ by esbuild, so the CLI finds it wherever it is installed.
import bundled from './manifest.json' with { type: 'json' };

interface ManifestFile {
  packages: (PackageSpec & {
    board?: string;
    systems: (PackageSpec['systems'][number] & { size: number | null; sha256: string | null })[];
  })[];
}

/** Directory-safe install names for the manifest's package names. */
const INSTALL_NAMES: Record<string, string> = { 'Arduino AVR Boards': 'framework-arduino-avr' };

/**
 * The pinned packages, from the manifest in the repository, or from `$FBUILD_PACKAGE_MANIFEST` (a
 * self-hosted mirror with its own builds, and the tests). Archives without a published checksum are
 * left out: nothing is installed unverified.
 */
export function loadManifest(env: NodeJS.ProcessEnv = process.env): PackageSpec[] {
  const path = env.FBUILD_PACKAGE_MANIFEST;
  let file = bundled as unknown as ManifestFile;
  if (path) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as ManifestFile;
    } catch (e) {
      throw new UserError(`cannot read the package manifest ${path}: ${(e as Error).message}; fix FBUILD_PACKAGE_MANIFEST or unset it`);
    }
  }
  return file.packages.map((p) => ({
    name: INSTALL_NAMES[p.name] ?? p.name,
    version: p.version,
    systems: p.systems.filter((s): s is PackageSpec['systems'][number] => s.sha256 !== null && s.size !== null),
  }));
}

export function findPackage(specs: PackageSpec[], name: string): PackageSpec {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new UserError(`the package manifest has no ${name}; add it or use --toolchain system`);
  return spec;
}

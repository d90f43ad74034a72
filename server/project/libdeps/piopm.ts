import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../../util/redact.js';

/**
 * The `.piopm` file PlatformIO writes into each package it installs (PackageMetadata.dump): what
 * the package is and the spec it was installed for. fbuild writes it byte for byte as PlatformIO
 * does (Python's json.dump: `", "` and `": "` separators, ASCII only, keys in this order), so a
 * libdeps dir is shared with `pio run` both ways.
 */
export interface PackageSpecRecord {
  owner: string | null;
  id: number | null;
  name: string | null;
  requirements: string | null;
  uri: string | null;
}

export interface PackageMetadata {
  type: 'library';
  name: string;
  version: string;
  spec: PackageSpecRecord | null;
}

export const PIOPM = '.piopm';

/** json.dumps with Python's defaults: `{"a": 1, "b": [1, 2]}`, non-ASCII as \uXXXX. */
export function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string')
    return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value);
}

export function piopmText(meta: PackageMetadata): string {
  const spec = meta.spec && {
    owner: meta.spec.owner,
    id: meta.spec.id,
    name: meta.spec.name,
    requirements: meta.spec.requirements,
    uri: meta.spec.uri,
  };
  return pythonJson({ type: meta.type, name: meta.name, version: meta.version, spec });
}

/** Where PlatformIO keeps the file: inside `.git/` (or `.hg/`, `.svn/`) of a checkout, else the package root. */
export function piopmPath(pkgDir: string): string {
  for (const vcs of ['.git', '.hg', '.svn']) if (existsSync(join(pkgDir, vcs))) return join(pkgDir, vcs, PIOPM);
  return join(pkgDir, PIOPM);
}

/** Written as PlatformIO does, except that a URL's credentials are masked (PlatformIO writes them in clear). */
export function writePiopm(pkgDir: string, meta: PackageMetadata): void {
  const spec = meta.spec && { ...meta.spec, uri: meta.spec.uri === null ? null : redact(meta.spec.uri) };
  writeFileSync(piopmPath(pkgDir), piopmText({ ...meta, spec }));
}

/** The metadata of an installed package, or undefined when it has none (not installed by a package manager). */
export function readPiopm(pkgDir: string): PackageMetadata | undefined {
  for (const dir of ['.git', '.hg', '.svn', '.']) {
    const path = join(pkgDir, dir, PIOPM);
    if (!existsSync(path)) continue;
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as PackageMetadata & { spec: (PackageSpecRecord & { url?: string }) | null };
      // Core < 5.3 wrote `url` for `uri`.
      if (data.spec && data.spec.url !== undefined && data.spec.uri === undefined) data.spec.uri = data.spec.url;
      return data;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** PackageItem.get_safe_dirname: the folder a package is installed in. */
export const safeDirname = (name: string): string => name.replace(/[^\da-z_\-. ]/gi, '_');

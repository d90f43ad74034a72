/**
 * Which `.ino` file of a sketch is the main one and in which order the files are merged, as
 * PlatformIO Core 6.1.18 does it (`platformio/builder/tools/pioino.py`, `FindInoNodes` and
 * `InoToCPPConverter.merge`):
 * - the files are the `*.ino` of the source dir sorted by name, then its `*.pde` sorted by name
 *   (two SCons globs, each sorted);
 * - a file is a main file when its raw text (comments included) matches `void\s+(setup|loop)\s*\(`,
 *   case-insensitively; going through the files in that order, each main file is put before all
 *   the files taken so far, and every other file after them;
 * - the last main file met is the sketch's main file (its name names the `.ino.cpp`); with none,
 *   the first file is.
 * So with one main file: that file first, then the others in name order, `.pde` last.
 */

/** PlatformIO's DETECTMAIN_RE. */
const DEFINES_SETUP_OR_LOOP = /void\s+(setup|loop)\s*\(/im;

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The basename of a path, either separator. */
const baseOf = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function isMainSketchFile(text: string): boolean {
  return DEFINES_SETUP_OR_LOOP.test(text);
}

/** The files in PlatformIO's merge order; the first is the main file. */
export function platformioSketchOrder<T extends { path: string; text: string }>(files: T[]): T[] {
  const ext = (f: T) => (/\.pde$/.test(f.path) ? 1 : 0);
  const found = [...files].sort((a, b) => ext(a) - ext(b) || byName(baseOf(a.path), baseOf(b.path)) || byName(a.path, b.path));
  let merged: T[] = [];
  for (const f of found) merged = isMainSketchFile(f.text) ? [f, ...merged] : [...merged, f];
  return merged;
}

import { codeOnly } from './clockMacros.js';

/**
 * What a file's text says about inputs and outputs a depfile does not show, found while the file is
 * hashed (once per content): `__FILE__` (a path that may reach the object), `.incbin` (a file the
 * assembler embeds, never named in a depfile) and `#pragma GCC system_header` (what it includes is left
 * out of `-MMD` depfiles). Each is a cheap byte search first; only a file that has the word is decoded.
 */

const FILE_WORDS = [Buffer.from('__FILE__'), Buffer.from('__BASE_FILE__')];
const FILE_TOKEN = /\b__(BASE_)?FILE__\b/;
const INCBIN = Buffer.from('.incbin');
const SYSTEM_HEADER = Buffer.from('system_header');
const SYSTEM_HEADER_PRAGMA = /^[ \t]*#[ \t]*pragma[ \t]+GCC[ \t]+system_header\b/m;
/** `.incbin "path"`, as written in an assembler file or inside a C string (`".incbin \"path\""`). */
const INCBIN_PATH = /\.incbin\s+\\?"((?:[^"\\\n]|\\[^"])*)\\?"/g;

export interface SourceMarkers {
  usesFile: boolean;
  /** Paths named by `.incbin` directives; `null` inside when a directive's path cannot be read from the text. */
  incbin: (string | null)[] | undefined;
  systemHeader: boolean;
}

export function sourceMarkers(data: Buffer): SourceMarkers {
  const usesFile = FILE_WORDS.some((w) => data.includes(w)) && FILE_TOKEN.test(codeOnly(data.toString('latin1')));
  const incbin = data.includes(INCBIN) ? incbinPaths(data.toString('latin1')) : undefined;
  const systemHeader = data.includes(SYSTEM_HEADER) && SYSTEM_HEADER_PRAGMA.test(data.toString('latin1'));
  return { usesFile, incbin, systemHeader };
}

/**
 * The files `.incbin` directives name. A directive whose path is not one plain literal (a macro that
 * builds it, as incbin.h does) gives `null`: the unit cannot be cached, as ccache refuses it too.
 */
export function incbinPaths(text: string): (string | null)[] {
  const found: (string | null)[] = [];
  const plain = new Set<number>();
  for (const m of text.matchAll(INCBIN_PATH)) {
    plain.add(m.index);
    const path = m[1]!.replace(/\\\\/g, '\\');
    found.push(path.length > 0 && !path.includes('\\') ? path : null);
  }
  // Every `.incbin` must be one of the plain ones; any other (`.incbin` followed by a macro) is unreadable.
  for (let i = text.indexOf('.incbin'); i >= 0; i = text.indexOf('.incbin', i + 1)) {
    if (!plain.has(i)) found.push(null);
  }
  return found;
}

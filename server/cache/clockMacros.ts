/**
 * `__DATE__`, `__TIME__` and `__TIMESTAMP__` make a compile's result depend on the clock. Only a real
 * use counts: the name as a token outside comments and string or character literals (FastLED has it
 * in a commented-out line). A file with such a token is then checked the way ccache falls back to the
 * preprocessor: the unit is preprocessed with the macros redefined to a marker, and only if the
 * marker survives (the use is not under an inactive `#if`) is the unit uncacheable.
 */

const NAMES = ['__DATE__', '__TIME__', '__TIMESTAMP__'] as const;
const RAW_NAMES = NAMES.map((n) => Buffer.from(n));
const TOKEN = /\b__(DATE|TIME|TIMESTAMP)__\b/;

/** Whether the file's text uses a clock macro as a token (not in a comment or a literal). */
export function usesClockMacro(data: Buffer): boolean {
  // Almost every file: no occurrence at all, decided without decoding.
  if (!RAW_NAMES.some((n) => data.includes(n))) return false;
  return TOKEN.test(codeOnly(data.toString('latin1')));
}

/**
 * The text with comments, string literals and character literals replaced by spaces (line splices
 * and raw strings are rare enough around these macros to be read as plain code).
 */
export function codeOnly(text: string): string {
  let out = '';
  let i = 0;
  let start = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      out += text.slice(start, i) + ' ';
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
      start = i;
    } else if (c === '/' && text[i + 1] === '*') {
      out += text.slice(start, i) + ' ';
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
      start = i;
    } else if (c === '"' || c === "'") {
      out += text.slice(start, i) + ' ';
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      start = i;
    } else i++;
  }
  return out + text.slice(start);
}

/** The marker the clock macros expand to in the preprocessor check. */
export const CLOCK_MARKER = 'fbuild_clock_macro_marker_';

/** Defines that turn each clock macro into a marker the preprocessed output can be searched for. */
export function clockMarkerDefines(): string[] {
  return ['-Wno-builtin-macro-redefined', ...NAMES.map((n) => `-D${n}=${CLOCK_MARKER}${n.replace(/_/g, '')}`)];
}

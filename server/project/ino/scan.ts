/**
 * The lexical pass of the sketch conversion: one scan of a file that blanks out comments, string
 * and char literals (raw strings included) and preprocessor directives, keeping every offset, so
 * the later passes see only code at its own place.
 */

export interface Directive {
  start: number;
  end: number;
  /** The directive with comments removed, continuations joined and whitespace collapsed. */
  text: string;
  /** `if`, `ifdef`, `define`, ... (empty for a null directive). */
  kind: string;
}

export interface Scanned {
  text: string;
  /** `text` with comments and directives replaced by spaces (newlines kept). Same length. */
  code: string;
  /** `code` with the inside of string and char literals replaced by `_`. Same length. */
  skel: string;
  directives: Directive[];
}

export const isIdentChar = (c: string | undefined): boolean => c !== undefined && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127);
export const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';

export function scan(text: string): Scanned {
  const n = text.length;
  const code = text.split('');
  const skel = text.split('');
  const directives: Directive[] = [];

  /** Blanks [from, to) in both views, keeping newlines. */
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      if (text[k] !== '\n') {
        code[k] = ' ';
        skel[k] = ' ';
      }
    }
  };
  /** Marks the inside of a literal in the skeleton. */
  const hide = (from: number, to: number) => {
    for (let k = from; k < to; k++) skel[k] = '_';
  };
  /** Is the newline at `k` spliced away by a preceding backslash? */
  const spliced = (k: number): boolean => {
    let p = k - 1;
    if (text[p] === '\r') p--;
    return text[p] === '\\';
  };
  /** End (exclusive, at the newline) of a `//` comment starting at `i`. */
  const lineCommentEnd = (i: number): number => {
    let j = i + 2;
    while (j < n) {
      if (text[j] === '\n' && !spliced(j)) break;
      j++;
    }
    return j;
  };
  const blockCommentEnd = (i: number): number => {
    const j = text.indexOf('*/', i + 2);
    return j < 0 ? n : j + 2;
  };
  /** End of a quoted literal whose opening quote is at `i` (stops at an unescaped newline). */
  const quotedEnd = (i: number, quote: string): number => {
    let j = i + 1;
    while (j < n) {
      const c = text[j];
      if (c === '\\') j += 2;
      else if (c === quote) return j + 1;
      else if (c === '\n') return j;
      else j++;
    }
    return n;
  };
  /** End of a raw string whose quote is at `i`, or -1 if this is not a valid raw string. */
  const rawEnd = (i: number): number => {
    const open = text.indexOf('(', i + 1);
    if (open < 0 || open - i - 1 > 16) return -1;
    const delim = text.slice(i + 1, open);
    if (/[\s\\()"]/.test(delim)) return -1;
    const close = text.indexOf(`)${delim}"`, open + 1);
    return close < 0 ? n : close + delim.length + 2;
  };
  const directiveEnd = (i: number): { end: number; body: string } => {
    let j = i + 1;
    let body = '#';
    while (j < n) {
      const c = text[j];
      if (c === '\\' && (text[j + 1] === '\n' || (text[j + 1] === '\r' && text[j + 2] === '\n'))) {
        j += text[j + 1] === '\n' ? 2 : 3;
        body += ' ';
      } else if (c === '\n') {
        break;
      } else if (c === '/' && text[j + 1] === '/') {
        j = lineCommentEnd(j);
      } else if (c === '/' && text[j + 1] === '*') {
        j = blockCommentEnd(j);
        body += ' ';
      } else if (c === '"' || c === "'") {
        const e = quotedEnd(j, c);
        body += text.slice(j, e);
        j = e;
      } else {
        body += c;
        j++;
      }
    }
    return { end: j, body: body.replace(/\s+/g, ' ').trim() };
  };

  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const e = lineCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = blockCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === '#' && lineStart) {
      const { end, body } = directiveEnd(i);
      const kind = /^#\s*([A-Za-z_]\w*)/.exec(body)?.[1] ?? '';
      directives.push({ start: i, end, text: body, kind });
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      lineStart = false;
      const e = quotedEnd(i, c);
      hide(i + 1, Math.max(i + 1, text[e - 1] === c && e - 1 > i ? e - 1 : e));
      i = e;
    } else if (/[0-9]/.test(c!) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      // A pp-number, including digit separators (1'000) and exponents (1e+5).
      lineStart = false;
      let j = i + 1;
      while (j < n) {
        const d = text[j]!;
        if (isIdentChar(d) || d === '.') j++;
        else if ((d === '+' || d === '-') && /[eEpP]/.test(text[j - 1]!)) j++;
        else if (d === "'" && isIdentChar(text[j + 1])) j += 2;
        else break;
      }
      i = j;
    } else if (isIdentChar(c)) {
      lineStart = false;
      let j = i + 1;
      while (j < n && isIdentChar(text[j])) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === '"' && /^(u8|u|U|L)?R$/.test(word)) {
        const e = rawEnd(j);
        if (e >= 0) {
          hide(j + 1, Math.max(j + 1, e - 1));
          i = e;
          continue;
        }
      }
      i = j;
    } else {
      lineStart = false;
      i++;
    }
  }
  return { text, code: code.join(''), skel: skel.join(''), directives };
}

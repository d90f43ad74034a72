/**
 * Make-style dependency files as GCC writes them. A cached depfile is stored as data (its dependency
 * paths) and written back for the current checkout with GCC's own line-wrapping rule, so that a hit
 * gives the bytes the compiler would have written there. The store side checks that rule against
 * what the compiler really wrote and keeps the raw text when they disagree (another GCC version).
 */

export interface Depfile {
  targets: string[];
  /** Real paths, unescaped; the first is the main source. */
  deps: string[];
  phony: boolean;
}

/** Make-quoting of a file name, as GCC's mkdeps does it. */
export function makeQuote(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    if (ch === ' ' || ch === '\t') {
      // A blank preceded by N backslashes needs those doubled, then one more.
      for (let j = i - 1; j >= 0 && name[j] === '\\'; j--) out += '\\';
      out += '\\';
    } else if (ch === '$') out += '$';
    else if (ch === '#') out += '\\';
    out += ch;
  }
  return out;
}

/** Splits the text of a make rule into words, undoing makeQuote(). */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let i = 0;
  const flush = () => {
    if (word.length) words.push(word);
    word = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      let n = 0;
      while (text[i + n] === '\\') n++;
      const after = text[i + n];
      if (after === '\n') {
        // line continuation: backslashes before it (minus one) belong to the word
        word += '\\'.repeat(n - 1);
        flush();
        i += n + 1;
      } else if (after === ' ' || after === '\t') {
        word += '\\'.repeat(n >> 1);
        if (n & 1) {
          word += after;
        } else flush();
        i += n + 1;
      } else if (after === '#' && n === 1) {
        word += '#';
        i += 2;
      } else {
        word += '\\'.repeat(n);
        i += n;
      }
    } else if (ch === '$' && text[i + 1] === '$') {
      word += '$';
      i += 2;
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      flush();
      i++;
    } else {
      word += ch;
      i++;
    }
  }
  flush();
  return words;
}

/** Parses the first rule (targets: deps) and notices `-MP` phony rules after it. */
export function parseDepfile(text: string): Depfile | undefined {
  // The first rule ends at the first newline not escaped by a backslash.
  let end = 0;
  while (end < text.length) {
    const nl = text.indexOf('\n', end);
    if (nl < 0) {
      end = text.length;
      break;
    }
    let bs = 0;
    for (let j = nl - 1; j >= 0 && text[j] === '\\'; j--) bs++;
    if (bs % 2 === 1) {
      end = nl + 1;
      continue;
    }
    end = nl;
    break;
  }
  const rule = text.slice(0, end);
  // The target list ends at the first ": " (or ":" at the end): a Windows drive colon has no blank after it.
  const colon = rule.search(/:(\s|$)/);
  if (colon < 0) return undefined;
  const targets = splitWords(rule.slice(0, colon));
  const deps = splitWords(rule.slice(colon + 1));
  const phony = /\n[^\n]+:\n/.test(text.slice(end));
  return { targets, deps, phony };
}

/**
 * Writes a depfile with the wrapping of GCC's mkdeps (`deps_write`, column limit 72): a word that would
 * pass the limit starts a new line, indented by one blank.
 */
export function formatDepfile(targetsQuoted: readonly string[], deps: readonly string[], phony: boolean): string {
  const colmax = 72;
  let out = '';
  let column = 0;
  targetsQuoted.forEach((t, i) => {
    column += t.length;
    if (i) {
      if (column > colmax) {
        out += ' \\\n ';
        column = 1 + t.length;
      } else {
        out += ' ';
        column++;
      }
    }
    out += t;
  });
  out += ':';
  column++;
  const quoted = deps.map(makeQuote);
  for (const d of quoted) {
    column += d.length;
    if (column > colmax) {
      out += ' \\\n ';
      column = 1 + d.length;
    } else {
      out += ' ';
      column++;
    }
    out += d;
  }
  out += '\n';
  if (phony) for (const d of quoted.slice(1)) out += `\n${d}:\n`;
  return out;
}

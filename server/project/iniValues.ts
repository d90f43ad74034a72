import { split as shlexSplit } from 'shlex';

/**
 * How PlatformIO splits an option's value into items (ProjectConfigBase.parse_multi_values in
 * platformio/project/config.py) and the finer splits the builder applies to some options.
 */

/** A value's items: its non-empty lines, trimmed. */
export function toItems(value: string): string[] {
  return value
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Names separated by commas and/or newlines. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * lib_deps entries on one line are separated by commas, but a comma inside a version
 * requirement (`foo @ >=1.0,<2.0`, `bar @ ~5.6,!=5.4`) belongs to the entry: a comma followed by
 * a version operator or digit does not split.
 */
export function splitLibDeps(item: string): string[] {
  return item
    .split(/,(?!\s*[<>=!~^*\d])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Splits one item into words as Python's shlex.split does (PlatformIO's SCons ParseFlags applies it
 * to build flags): the `shlex` package is a port of Python's lexer in POSIX mode, so `"x\\$y"` keeps
 * its backslash as Python's does, where a POSIX shell would drop it. Undefined when a quote is not closed.
 */
export function shellWords(item: string): string[] | undefined {
  try {
    return shlexSplit(item);
  } catch {
    return undefined;
  }
}

/** The `+<...>` / `-<...>` tokens of one build_src_filter item, or the first text that is not one. */
export function filterTokens(item: string): string[] | string {
  const tokens: string[] = [];
  const re = /([+-])<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const between = item.slice(last, m.index).trim();
    if (between !== '') return between;
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  const rest = item.slice(last).trim();
  return rest === '' ? tokens : rest;
}

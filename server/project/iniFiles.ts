import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { excerpt, UserError } from '../util/errors.js';
import { splitList, toItems } from './iniValues.js';

/**
 * Reading `platformio.ini` and its `extra_configs` into sections of raw lines, as Python's
 * configparser does for PlatformIO (ProjectConfigBase.read in platformio/project/config.py).
 * Nothing here resolves a value: inheritance and interpolation are iniInterpolation.ts's job.
 */

/** A mistake in platformio.ini: a user error (exit code 2), printed as one line. */
export class ProjectConfigError extends UserError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'ProjectConfigError';
  }
}

export const INI_NAME = 'platformio.ini';
const MAX_INI_BYTES = 16 << 20;

/** The ini file of a project (a directory or the file itself) and its text; one-line errors otherwise. */
export function readIniFile(projectDir: string): { file: string; text: string } {
  const given = resolve(projectDir);
  // A path to the ini file itself is accepted too.
  let isFile = false;
  try {
    isFile = statSync(given).isFile();
  } catch {
    // Missing or unreadable: reported below when the ini file cannot be read.
  }
  const file = isFile ? given : join(given, INI_NAME);
  let text: string;
  try {
    // A FIFO or a device would block the read forever (or never end): only a regular file is read.
    const st = statSync(file);
    if (!st.isFile()) throw new ProjectConfigError(`${file} is not a regular file; make ${INI_NAME} a plain text file`);
    if (st.size > MAX_INI_BYTES) throw new ProjectConfigError(`${file} is ${st.size} bytes; a ${INI_NAME} over 16 MiB is not read`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ProjectConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
      throw new ProjectConfigError(`no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`);
    }
    throw new ProjectConfigError(`cannot read ${file}: ${(err as Error).message}; check its permissions`);
  }
  return { file, text };
}

/** An extra config file's text, read by readProjectConfig (tests pass their own). */
export interface ExtraConfig {
  path: string;
  text: string;
}

/**
 * `[platformio] extra_configs`: each pattern (a glob, relative to the project, `~` for home) names
 * files read after the main one, in order. As Python's configparser reads several files: a section
 * seen again gets the new file's options, replacing those of the same name.
 */
export function readExtraConfigs(projectDir: string, pattern: string): ExtraConfig[] {
  const expanded = pattern.startsWith('~') ? join(homedir(), pattern.slice(1)) : pattern;
  return globFiles(projectDir, expanded).map((path) => {
    try {
      return { path, text: readFileSync(path, 'utf8') };
    } catch (err) {
      throw new ProjectConfigError(`cannot read extra config ${path}: ${(err as Error).message}; fix extra_configs in [platformio]`);
    }
  });
}

/** Files matching a glob (`*`, `?`, `**` for any depth), sorted; a pattern without wildcards names one file. */
export function globFiles(baseDir: string, pattern: string): string[] {
  const abs = isAbsolute(pattern) ? pattern : join(baseDir, pattern);
  if (!/[*?[]/.test(abs)) {
    try {
      return statSync(abs).isFile() ? [abs] : [];
    } catch {
      return [];
    }
  }
  const parts = abs.split('/').filter((p) => p !== '');
  const out: string[] = [];
  const walk = (dir: string, i: number): void => {
    if (i === parts.length) {
      try {
        if (statSync(dir).isFile()) out.push(dir);
      } catch {
        // gone
      }
      return;
    }
    const part = parts[i]!;
    if (!/[*?[]/.test(part)) return walk(join(dir, part), i + 1);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    if (part === '**') {
      walk(dir, i + 1);
      for (const n of names) if (!n.startsWith('.') && isDir(join(dir, n))) walk(join(dir, n), i);
      return;
    }
    const re = segmentRegExp(part);
    for (const n of names) if (re.test(n)) walk(join(dir, n), i + 1);
  };
  walk('/', 0);
  return [...new Set(out)];
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** One path segment of a glob as a regular expression (`*` and `?` do not match a leading dot, as in Python's glob). */
export function segmentRegExp(part: string): RegExp {
  let re = part.startsWith('.') ? '' : '(?!\\.)';
  for (let i = 0; i < part.length; i++) {
    const c = part[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = part.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = part.slice(i + 1, end);
        re += `[${body.startsWith('!') ? '^' + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Merges the sections of the main file's `extra_configs` into it (read before anything is
 * resolved, as PlatformIO does); returns the extra files read, absolute, in order.
 */
export function mergeExtraConfigs(parsed: ParsedIni, absPath: string, extraConfigs: (pattern: string) => ExtraConfig[]): string[] {
  const patterns = parsed.sections.get('platformio')?.entries.get('extra_configs');
  const extraPaths: string[] = [];
  for (const pattern of patterns ? toItems(patterns.lines.join('\n')).flatMap(splitList) : []) {
    for (const extra of extraConfigs(pattern)) {
      if (extra.path === absPath || extraPaths.includes(extra.path)) continue;
      extraPaths.push(extra.path);
      mergeIni(parsed, parseIni(extra.text, relative(dirname(absPath), extra.path) || basename(extra.path)));
    }
  }
  return extraPaths;
}

export interface Entry {
  key: string;
  /** 1-based line of `key = ...`. */
  line: number;
  /** The value on the key's line (omitted when empty) and each continuation line, trimmed. */
  lines: string[];
}

export interface Section {
  name: string;
  line: number;
  entries: Map<string, Entry>;
}

export interface ParsedIni {
  fileName: string;
  sections: Map<string, Section>;
}

/** What an indented line must look like to be read as a key when no key is open. */
const KEYISH = /^[A-Za-z_][\w.-]*$/;

/** Adds a later file's sections to `into`: new sections are appended, options of known ones replaced. */
function mergeIni(into: ParsedIni, extra: ParsedIni): void {
  for (const [name, section] of extra.sections) {
    const known = into.sections.get(name);
    if (!known) into.sections.set(name, section);
    else for (const [key, entry] of section.entries) known.entries.set(key, entry);
  }
}

export function parseIni(text: string, fileName: string): ParsedIni {
  const sections = new Map<string, Section>();
  const fail = (line: number, msg: string): never => {
    throw new ProjectConfigError(`${fileName}:${line}: ${msg}`);
  };
  let section: Section | undefined;
  let entry: Entry | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!;
    const trimmed = raw.trim();
    // Blank and full-line comment lines are skipped; they do not end a multi-line value.
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) continue;
    const content = stripInlineComment(raw).trim();
    const indented = /^[ \t]/.test(raw);
    if (indented && entry) {
      if (content !== '') entry.lines.push(content);
      continue;
    }
    if (content.startsWith('[')) {
      if (!content.endsWith(']')) fail(lineNo, `malformed section header '${excerpt(content)}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === '' || name === 'env:') fail(lineNo, `empty section name in '${excerpt(content)}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${excerpt(name)}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: new Map() };
      sections.set(name, section);
      entry = undefined;
      continue;
    }
    const eq = content.indexOf('=');
    const key = eq >= 0 ? content.slice(0, eq).trim() : '';
    if (key !== '' && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${excerpt(key)}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${excerpt(key)}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === '' ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${excerpt(content)}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${excerpt(content)}'; expected [section], key = value, an indented continuation line or a ; comment`);
  }
  return { fileName, sections };
}

/** Drops an inline comment: a `;` preceded by whitespace, and everything after it. */
function stripInlineComment(line: string): string {
  const m = /\s;/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

/**
 * Turns an Arduino sketch (one or more `.ino` files) into a single C++ translation unit, the way the
 * Arduino IDE does: `#include <Arduino.h>`, the files concatenated (main file first, the others sorted
 * by name), and forward declarations ("prototypes") of the sketch's file-scope functions inserted
 * before the first function definition, so a function may be called before it is defined.
 * `#line` directives keep every line of user code at its own file and line for compiler diagnostics.
 *
 * There is no C++ parser here. Each file is scanned once to blank out comments, string/char literals
 * (raw strings included) and preprocessor directives; what remains is split at brace depth 0 into
 * statements (ended by `;`) and headers (ended by `{`), and each header is matched against the shape
 * `<return type and specifiers> <name>(<params>) [qualifiers] {`.
 *
 * No prototype is generated for (the definition may still serve as the insertion point):
 * - anything nested in braces (class/struct bodies, namespaces, `extern "C" { }` blocks, function bodies);
 * - out-of-line methods (`Foo::bar`), operators, templates, lambdas, `auto` without a trailing return;
 * - definitions with default arguments (the default may appear only once);
 * - headers without a return type (e.g. `ISR(vector) {`), or with a preprocessor directive inside;
 * - functions that already have a declaration at depth 0 (same name and parameter count);
 * - functions whose header names a type (struct/class/union/enum/typedef/using) that the sketch
 *   declares only after the insertion point; the prototype would not compile there.
 *
 * Known limitations:
 * - A parameter or return type that is not visible at the insertion point and is not recognisably
 *   declared by the sketch (e.g. a type from an `#include` placed after the first function, or a
 *   typedef produced by a macro) yields a prototype that does not compile, as in the Arduino IDE.
 * - Preprocessor conditionals are not evaluated. A prototype of a function defined inside `#if`
 *   blocks is wrapped in the same conditions, re-evaluated at the insertion point; when a macro used
 *   by such a condition is (re)defined in between, that condition is dropped instead. When the first
 *   function definition itself is inside a conditional block (other than an include guard), the
 *   prototypes are emitted again (under a once-only guard macro) before the next definitions until
 *   one outside any conditional block, so whichever branch is compiled gets them.
 * - Headers whose braces are split across `#if` branches confuse the depth tracking.
 * - Functions returning function pointers (`void (*f(int))(int) {`) are not recognised.
 * - Overloads are told apart by parameter count only when matching existing declarations.
 */

export interface InoFile {
  /** The path as it should appear in `#line` directives (absolute or workspace-relative). */
  path: string;
  text: string;
}

/** The name of the once-only guard used when prototypes have to be emitted at several places. */
const ONCE_MACRO = 'INO_TO_CPP_PROTOTYPES_EMITTED';

/** Basename without the `.ino` (or legacy `.pde`) extension. */
function sketchName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.(ino|pde)$/i, '');
}

/** `path` as a C string literal for a `#line` directive. */
function quotePath(path: string): string {
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, ' ')}"`;
}

// ---------------------------------------------------------------------------------------------
// Lexical scan: blank comments, literals and directives

interface Directive {
  start: number;
  end: number;
  /** The directive with comments removed, continuations joined and whitespace collapsed. */
  text: string;
  /** `if`, `ifdef`, `define`, ... (empty for a null directive). */
  kind: string;
}

interface Scanned {
  text: string;
  /** `text` with comments and directives replaced by spaces (newlines kept). Same length. */
  code: string;
  /** `code` with the inside of string and char literals replaced by `_`. Same length. */
  skel: string;
  directives: Directive[];
}

const isIdentChar = (c: string | undefined): boolean => c !== undefined && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127);
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\f' || c === '\v';

function scan(text: string): Scanned {
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

// ---------------------------------------------------------------------------------------------
// Tokens of a header (taken from the skeleton)

type TokKind = 'ident' | 'number' | 'string' | 'punct';
interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

const PUNCT2 = ['::', '->', '&&', '||', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '|=', '&=', '^=', '%=', '++', '--'];

function tokenize(skel: string, from: number, to: number): Tok[] {
  const toks: Tok[] = [];
  let i = from;
  while (i < to) {
    const c = skel[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let kind: TokKind = 'punct';
    if (c === '"' || c === "'") {
      kind = 'string';
      while (j < to && skel[j] === '_') j++;
      if (j < to && skel[j] === c) j++;
    } else if (/[0-9]/.test(c)) {
      kind = 'number';
      while (j < to && (isIdentChar(skel[j]) || skel[j] === '.')) j++;
    } else if (isIdentChar(c)) {
      kind = 'ident';
      while (j < to && isIdentChar(skel[j])) j++;
      // An encoding prefix (L"..", u8R"..") is dropped; the literal follows as its own token.
      if (j < to && (skel[j] === '"' || skel[j] === "'") && /^(u8|u|U|L)?R?$/.test(skel.slice(i, j))) {
        i = j;
        continue;
      }
    } else if (c === '.' && skel.slice(i, i + 3) === '...') {
      j = i + 3;
    } else if (PUNCT2.includes(skel.slice(i, i + 2))) {
      j = i + 2;
    }
    toks.push({ kind, text: skel.slice(i, j), start: i, end: j });
    i = j;
  }
  return toks;
}

/** Index of the token closing the bracket opened at `i` (`(`→`)`, `<`→`>`, `[`→`]`), or -1. */
function matchForward(t: Tok[], i: number): number {
  const open = t[i]!.text;
  const close = open === '(' ? ')' : open === '<' ? '>' : ']';
  let depth = 0;
  let paren = 0;
  for (let k = i; k < t.length; k++) {
    const x = t[k]!.text;
    if (open === '<' && (x === '(' || x === '[')) paren++;
    else if (open === '<' && (x === ')' || x === ']')) paren--;
    else if (open === '<' && paren > 0) continue;
    else if (x === open) depth++;
    else if (x === close && --depth === 0) return k;
  }
  return -1;
}

/** Index of the token opening the bracket closed at `i` (`)`→`(`, `>`→`<`, `]`→`[`), or -1. */
function matchBackward(t: Tok[], i: number): number {
  const close = t[i]!.text;
  const open = close === ')' ? '(' : close === '>' ? '<' : '[';
  let depth = 0;
  for (let k = i; k >= 0; k--) {
    const x = t[k]!.text;
    if (x === close) depth++;
    else if (x === open && --depth === 0) return k;
  }
  return -1;
}

const CONTROL = new Set([
  'if',
  'while',
  'for',
  'switch',
  'catch',
  'return',
  'sizeof',
  'do',
  'else',
  'alignof',
  'decltype',
  'static_assert',
  'defined',
]);
const SPECIFIERS = new Set([
  'static',
  'inline',
  'extern',
  'constexpr',
  'virtual',
  'explicit',
  'friend',
  'register',
  'thread_local',
  'mutable',
  '__inline',
  '__inline__',
  '__extension__',
]);
const NOT_IN_TYPE = new Set([
  'return',
  'else',
  'do',
  'typedef',
  'using',
  'goto',
  'case',
  'default',
  'if',
  'while',
  'for',
  'switch',
  'catch',
  'try',
  'throw',
  'new',
  'delete',
  'sizeof',
  'namespace',
  'template',
  'operator',
  'public',
  'private',
  'protected',
  'asm',
  '__asm__',
  'static_assert',
  'this',
  'true',
  'false',
  'nullptr',
  'break',
  'continue',
]);
const PAREN_ATTRS = new Set(['__attribute__', '__attribute', 'decltype', 'alignas', '__declspec', '__typeof__', 'typeof']);

/** Checks a run of tokens that should be a return type with specifiers. */
function checkType(t: Tok[]): { ok: boolean; hasType: boolean; isAuto: boolean } {
  const bad = { ok: false, hasType: false, isAuto: false };
  let hasType = false;
  let isAuto = false;
  let i = 0;
  while (i < t.length) {
    const tok = t[i]!;
    if (tok.kind === 'ident') {
      if (NOT_IN_TYPE.has(tok.text)) return bad;
      if (PAREN_ATTRS.has(tok.text)) {
        if (t[i + 1]?.text !== '(') return bad;
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        if (tok.text === 'decltype' || tok.text === 'typeof' || tok.text === '__typeof__') hasType = true;
        i = e + 1;
        continue;
      }
      if (!SPECIFIERS.has(tok.text)) hasType = true;
      if (tok.text === 'auto') isAuto = true;
      if (t[i + 1]?.text === '<') {
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        i = e + 1;
        continue;
      }
      i++;
    } else if (tok.kind === 'string') {
      if (t[i - 1]?.text !== 'extern') return bad;
      i++;
    } else if (tok.text === '*' || tok.text === '&' || tok.text === '&&' || tok.text === '::') {
      i++;
    } else if (tok.text === '[' && t[i + 1]?.text === '[') {
      const e = matchForward(t, i);
      if (e < 0) return bad;
      i = e + 1;
    } else {
      return bad;
    }
  }
  return { ok: true, hasType, isAuto };
}

interface HeaderInfo {
  /** 'def': a function definition (or declaration) shape. */
  kind: 'def';
  name: string;
  paramCount: number;
  /** Whether a prototype may be generated (for a definition). */
  protoOk: boolean;
  /** Why no prototype, for debugging. */
  reason?: string;
  hasDefault: boolean;
  identifiers: string[];
}

/**
 * Classifies the tokens of a header (everything from the end of the previous statement up to a `{`
 * or `;` at depth 0). Returns null if it does not look like a function.
 */
function classify(t: Tok[]): HeaderInfo | null {
  if (t.length === 0) return null;
  let i0 = 0;
  let template = false;
  while (t[i0]?.text === 'template') {
    if (t[i0 + 1]?.text !== '<') return null;
    const e = matchForward(t, i0 + 1);
    if (e < 0) return null;
    i0 = e + 1;
    template = true;
  }
  let core = t.slice(i0);
  const noProto = (reason: string, name: string, paramCount = 0): HeaderInfo => ({
    kind: 'def',
    name,
    paramCount,
    protoOk: false,
    reason,
    hasDefault: false,
    identifiers: [],
  });

  // Operators: accepted as definitions, never prototyped.
  if (core.some((x) => x.text === 'operator')) {
    return core.some((x) => x.text === '(') ? noProto('operator', 'operator') : null;
  }

  // Trailing return type.
  let trailing: Tok[] = [];
  {
    let depth = 0;
    for (let k = 0; k < core.length; k++) {
      const x = core[k]!.text;
      if (x === '(' || x === '[') depth++;
      else if (x === ')' || x === ']') depth--;
      else if (x === '->' && depth === 0) {
        trailing = core.slice(k + 1);
        core = core.slice(0, k);
        break;
      }
    }
  }

  // Constructor member-initialiser list: `Foo::Foo(int a) : x(a) {`.
  let ctorInit = false;
  {
    let depth = 0;
    for (let k = 0; k < core.length; k++) {
      const x = core[k]!.text;
      if (x === '(' || x === '[' || x === '<') depth++;
      else if (x === ')' || x === ']' || x === '>') depth--;
      else if (x === ':' && depth === 0) {
        if (core[k - 1]?.text !== ')') return null;
        core = core.slice(0, k);
        ctorInit = true;
        break;
      }
    }
  }

  // Strip trailing qualifiers and attributes to find the parameter list.
  let end = core.length - 1;
  let open = -1;
  while (end >= 0) {
    const x = core[end]!;
    if (x.kind === 'ident' && ['const', 'volatile', 'noexcept', 'override', 'final'].includes(x.text)) {
      end--;
    } else if (x.text === '&' || x.text === '&&') {
      end--;
    } else if (x.text === ']' && core[end - 1]?.text === ']') {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      end = s - 1;
    } else if (x.text === ')') {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      const before = core[s - 1]?.text;
      if (before === 'noexcept' || before === 'throw' || before === '__attribute__' || before === '__attribute') {
        end = s - 2;
      } else {
        open = s;
        break;
      }
    } else {
      return null;
    }
  }
  if (open < 0) return null;
  const close = end;

  // The name: identifier, possibly qualified (`Foo::bar`, `Foo<T>::~Foo`).
  let k = open - 1;
  const nameTok = core[k];
  if (!nameTok || nameTok.kind !== 'ident') return null;
  if (CONTROL.has(nameTok.text) || NOT_IN_TYPE.has(nameTok.text) || SPECIFIERS.has(nameTok.text)) return null;
  let qualified = false;
  k--;
  if (core[k]?.text === '~') k--;
  while (core[k]?.text === '::') {
    qualified = true;
    k--;
    if (core[k]?.text === '>') {
      const s = matchBackward(core, k);
      if (s < 0) return null;
      k = s - 1;
    }
    if (core[k]?.kind === 'ident') k--;
  }
  const name = nameTok.text;
  const prefix = core.slice(0, k + 1);

  // Parameters.
  const params = core.slice(open + 1, close);
  let paramCount = 0;
  let hasDefault = false;
  {
    let depth = 0;
    let any = false;
    for (const p of params) {
      if (p.text === '(' || p.text === '[' || p.text === '<' || p.text === '{') depth++;
      else if (p.text === ')' || p.text === ']' || p.text === '>' || p.text === '}') depth--;
      else if (p.text === ',' && depth === 0) paramCount++;
      if (p.text === '=') hasDefault = true;
      any = true;
    }
    if (any) paramCount++;
    if (params.length === 1 && params[0]!.text === 'void') paramCount = 0;
  }

  const type = checkType(prefix);
  if (!type.ok) return null;
  if (trailing.length > 0 && !checkType(trailing).ok) return null;
  const info: HeaderInfo = {
    kind: 'def',
    name,
    paramCount,
    protoOk: true,
    hasDefault,
    identifiers: t.filter((x) => x.kind === 'ident').map((x) => x.text),
  };
  const refuse = (reason: string): HeaderInfo => ({ ...info, protoOk: false, reason });
  if (qualified || ctorInit) return refuse('method');
  if (template) return refuse('template');
  if (!type.hasType) return refuse('no return type');
  if (type.isAuto && trailing.length === 0) return refuse('deduced return type');
  if (hasDefault) return refuse('default arguments');
  return info;
}

// ---------------------------------------------------------------------------------------------
// Structure of one file

interface Level {
  id: number;
  /** The directives of this level seen so far (`#if`, then `#elif`/`#else`). */
  lines: Directive[];
  /** An include guard (`#ifndef X` immediately followed by `#define X`). */
  guard: boolean;
}

interface LevelSnap {
  id: number;
  lines: string[];
  /** Global positions of the opening and of the latest directive of the level. */
  openPos: number;
  lastPos: number;
  /** Macro names the conditions so far depend on. */
  idents: string[];
  /** In the first branch of an include guard: assumed active. */
  guardActive: boolean;
}

interface FuncDef {
  file: number;
  /** Where the header starts (first character). */
  start: number;
  /** Where to insert text before this definition: start of its line, or `start` if code precedes it. */
  insertAt: number;
  info: HeaderInfo;
  /** The prototype text (when info.protoOk). */
  proto: string;
  context: LevelSnap[];
}

interface FileStructure {
  defs: FuncDef[];
  /** `name/paramCount` of depth-0 function declarations. */
  decls: Set<string>;
  /** Type names declared at depth 0, with their global position. */
  types: Map<string, number>;
  /** #define / #undef with their global positions. */
  macroChanges: { name: string; pos: number }[];
}

const FILE_STRIDE = 2 ** 32;
/** How many later line starts of a statement are tried as the start of a function header. */
const MAX_RETRY = 32;
const globalPos = (file: number, offset: number) => file * FILE_STRIDE + offset;

const DIRECTIVE_WORDS = new Set(['if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'defined', 'elifdef', 'elifndef']);

function directiveIdents(d: Directive): string[] {
  return (d.text.replace(/^#\s*\w+/, '').match(/[A-Za-z_]\w*/g) ?? []).filter((w) => !DIRECTIVE_WORDS.has(w));
}

/** `ids` numbers the conditional blocks uniquely across the files of one conversion. */
function analyse(file: number, s: Scanned, ids: { next: number }): FileStructure {
  const { text, code, skel, directives } = s;
  const defs: FuncDef[] = [];
  const decls = new Set<string>();
  const types = new Map<string, number>();
  const macroChanges: { name: string; pos: number }[] = [];
  const addType = (name: string | undefined, offset: number) => {
    if (name && !types.has(name)) types.set(name, globalPos(file, offset));
  };

  const stack: Level[] = [];
  const snapshot = (): LevelSnap[] =>
    stack.map((l) => ({
      id: l.id,
      lines: l.lines.map((d) => d.text),
      openPos: globalPos(file, l.lines[0]!.start),
      lastPos: globalPos(file, l.lines[l.lines.length - 1]!.start),
      idents: l.lines.flatMap(directiveIdents),
      guardActive: l.guard && l.lines.length === 1,
    }));
  const onDirective = (d: Directive, index: number) => {
    const macro = /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(d.text)?.[1];
    switch (d.kind) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        const next = directives[index + 1];
        const guard =
          d.kind === 'ifndef' &&
          next?.kind === 'define' &&
          macro !== undefined &&
          /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(next.text)?.[1] === macro;
        stack.push({ id: ids.next++, lines: [d], guard });
        break;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else':
        stack[stack.length - 1]?.lines.push(d);
        break;
      case 'endif':
        stack.pop();
        break;
      case 'define':
      case 'undef':
        if (macro) macroChanges.push({ name: macro, pos: globalPos(file, d.start) });
        break;
    }
  };

  /** Classifies a header [from, to), retrying from later lines when leading junk (a macro call) spoils it. */
  const classifyAt = (from: number, to: number): { info: HeaderInfo; start: number } | null => {
    // Candidate starts: the first non-space character, then the first one of each later line
    // (only the last MAX_RETRY lines, to stay linear on very long statements).
    const starts: number[] = [];
    const nextNonSpace = (k: number) => {
      while (k < to && isSpace(skel[k])) k++;
      return k;
    };
    const first = nextNonSpace(from);
    if (first >= to) return null;
    starts.push(first);
    const later: number[] = [];
    for (let k = skel.indexOf('\n', first); k >= 0 && k < to; k = skel.indexOf('\n', k + 1)) {
      const st = nextNonSpace(k + 1);
      if (st < to && st !== later[later.length - 1]) later.push(st);
    }
    starts.push(...later.slice(-MAX_RETRY));
    let best: { info: HeaderInfo; start: number } | null = null;
    for (const st of starts) {
      const info = classify(tokenize(skel, st, to));
      if (!info) continue;
      if (!best) {
        best = { info, start: st };
        // A lone ALL_CAPS macro on the line(s) before a complete header: prefer the header.
        const firstLine = skel.slice(st, skel.indexOf('\n', st) < 0 ? to : Math.min(to, skel.indexOf('\n', st))).trim();
        if (!/^[A-Z][A-Z0-9_]*$/.test(firstLine)) break;
        continue;
      }
      if (info.protoOk) best = { info, start: st };
      break;
    }
    return best;
  };

  const lineStartOf = (offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

  let depth = 0;
  let paren = 0;
  let stmtStart = 0;
  let typedefPending = false;
  let di = 0;
  for (let i = 0; i < skel.length; i++) {
    while (di < directives.length && directives[di]!.start <= i) {
      onDirective(directives[di]!, di);
      di++;
    }
    const c = skel[i];
    if (c === '(') paren++;
    else if (c === ')') paren = Math.max(0, paren - 1);
    else if (c === '{') {
      if (depth === 0 && paren === 0) {
        const found = classifyAt(stmtStart, i);
        if (found) {
          const { info, start } = found;
          const ls = lineStartOf(start);
          const insertAt = /^\s*$/.test(text.slice(ls, start)) ? ls : start;
          let protoOk = info.protoOk;
          let reason = info.reason;
          if (protoOk && directives.some((d) => d.start >= start && d.start < i)) {
            protoOk = false;
            reason = 'directive inside header';
          }
          const proto = collapse(code, skel, start, i) + ';';
          defs.push({ file, start, insertAt, info: { ...info, protoOk, reason }, proto, context: snapshot() });
          typedefPending = false;
        } else {
          const toks = tokenize(skel, stmtStart, i);
          typedefPending = toks[0]?.text === 'typedef';
          let t0 = 0;
          while (toks[t0]?.text === 'template' && toks[t0 + 1]?.text === '<') {
            const e = matchForward(toks, t0 + 1);
            if (e < 0) break;
            t0 = e + 1;
          }
          const kw = toks.findIndex((x, k) => k >= t0 && ['struct', 'class', 'union', 'enum'].includes(x.text));
          if (kw >= 0) {
            let k = kw + 1;
            if (toks[kw]!.text === 'enum' && (toks[k]?.text === 'class' || toks[k]?.text === 'struct')) k++;
            while (toks[k]?.text === '[' || PAREN_ATTRS.has(toks[k]?.text ?? '')) {
              const e = matchForward(toks, toks[k]!.text === '[' ? k : k + 1);
              if (e < 0) break;
              k = e + 1;
            }
            if (toks[k]?.kind === 'ident' && toks[k]!.text !== 'final') addType(toks[k]!.text, toks[k]!.start);
          }
        }
      }
      depth++;
    } else if (c === '}') {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && paren === 0) stmtStart = i + 1;
    } else if (c === ';' && depth === 0 && paren === 0) {
      const toks = tokenize(skel, stmtStart, i);
      if (typedefPending) {
        // `typedef struct { ... } Name, *PName;`
        for (const x of toks) if (x.kind === 'ident') addType(x.text, x.start);
      } else if (toks[0]?.text === 'typedef') {
        const star = toks.findIndex((x, k) => x.text === '(' && toks[k + 1]?.text === '*');
        const nameTok = star >= 0 ? toks.slice(star + 2).find((x) => x.kind === 'ident') : toks.filter((x) => x.kind === 'ident').pop();
        addType(nameTok?.text, nameTok?.start ?? i);
      } else if (toks[0]?.text === 'using' && toks[2]?.text === '=') {
        addType(toks[1]?.text, toks[1]?.start ?? i);
      } else if (['struct', 'class', 'union', 'enum'].includes(toks[0]?.text ?? '') && !toks.some((x) => x.text === '(')) {
        // forward declaration `struct Foo;` / `enum class E : uint8_t;`
        const k = toks[1]?.text === 'class' || toks[1]?.text === 'struct' ? 2 : 1;
        if (toks[k]?.kind === 'ident' && (toks.length === k + 1 || toks[k + 1]?.text === ':')) addType(toks[k]!.text, toks[k]!.start);
      } else {
        const found = classifyAt(stmtStart, i);
        if (found && found.info.reason !== 'method' && found.info.reason !== 'no return type' && found.info.reason !== 'template') {
          decls.add(`${found.info.name}/${found.info.paramCount}`);
        }
      }
      typedefPending = false;
      stmtStart = i + 1;
    }
  }
  while (di < directives.length) {
    onDirective(directives[di]!, di);
    di++;
  }
  return { defs, decls, types, macroChanges };
}

/** The text of [from, to) on one line: comments dropped, whitespace outside literals collapsed. */
function collapse(code: string, skel: string, from: number, to: number): string {
  let out = '';
  let space = false;
  for (let k = from; k < to; k++) {
    if (isSpace(skel[k])) {
      space = true;
      continue;
    }
    if (space && out.length > 0) out += ' ';
    space = false;
    out += code[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Assembly

/** Orders the files: `mainName` first, then the others by name. */
function orderFiles(files: InoFile[], mainName?: string): InoFile[] {
  if (files.length === 0) throw new Error('inoToCpp: no .ino files');
  const main = mainName ?? sketchName(files[0]!.path);
  const mi = files.findIndex((f) => sketchName(f.path) === main);
  if (mi < 0) throw new Error(`inoToCpp: no file named ${main}.ino among ${files.map((f) => f.path).join(', ')}`);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rest = files.filter((_, k) => k !== mi).sort((a, b) => cmp(sketchName(a.path), sketchName(b.path)) || cmp(a.path, b.path));
  return [files[mi]!, ...rest];
}

/** Maps offsets to 1-based line numbers. */
function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const withNewline = (s: string) => (s.length === 0 || s.endsWith('\n') ? s : s + '\n');

/**
 * Converts the `.ino` files of a sketch into one C++ translation unit (see the file comment).
 * `mainName` is the sketch name (the main file's basename without `.ino`); it defaults to the first
 * file's. Throws if `files` is empty or no file has that name.
 */
export function inoToCpp(files: InoFile[], mainName?: string): string {
  const ordered = orderFiles(files, mainName).map((f) => ({
    path: f.path,
    text: f.text.charCodeAt(0) === 0xfeff ? f.text.slice(1) : f.text,
  }));
  const scanned = ordered.map((f) => scan(f.text));
  const ids = { next: 0 };
  const structs = scanned.map((s, k) => analyse(k, s, ids));
  const lineOf = scanned.map((s) => lineCounter(s.text));
  const main = ordered[0]!;

  // Insertion points in the first file: before the first definition, and again before the first
  // definition of each further conditional region until one outside any (non-guard) #if block.
  const points: number[] = [];
  {
    let lastRegion: string | undefined;
    let settled = false;
    for (const d of structs[0]!.defs) {
      const region = d.context
        .filter((l) => !l.guardActive)
        .map((l) => `${l.id}.${l.lines.length}`)
        .join('/');
      if (region !== lastRegion) points.push(d.insertAt);
      lastRegion = region;
      if (region === '') {
        settled = true;
        break;
      }
    }
    if (!settled) points.push(main.text.length);
  }
  const first = globalPos(0, points[0]!);
  const last = globalPos(0, points[points.length - 1]!);

  const declared = new Set<string>();
  const typesAt = new Map<string, number>();
  const macroChanges: { name: string; pos: number }[] = [];
  for (const st of structs) {
    for (const d of st.decls) declared.add(d);
    for (const [name, pos] of st.types) if (!typesAt.has(name)) typesAt.set(name, pos);
    macroChanges.push(...st.macroChanges);
  }

  interface Proto {
    text: string;
    line: number;
    path: string;
    wrap: string[][];
  }
  const protos: Proto[] = [];
  const seen = new Set<string>();
  for (const st of structs) {
    for (const d of st.defs) {
      if (!d.info.protoOk) continue;
      if (declared.has(`${d.info.name}/${d.info.paramCount}`)) continue;
      const late = d.info.identifiers.some((id) => {
        const pos = typesAt.get(id);
        return pos !== undefined && pos > first;
      });
      if (late) continue;
      const defPos = globalPos(d.file, d.start);
      const wrap = d.context
        .filter((l) => !l.guardActive)
        .filter((l) => {
          const lo = Math.min(first, l.openPos);
          const hi = Math.max(defPos, last, l.lastPos);
          return !macroChanges.some((m) => m.pos > lo && m.pos < hi && l.idents.includes(m.name));
        })
        .map((l) => l.lines);
      const key = JSON.stringify([wrap, d.proto]);
      if (seen.has(key)) continue;
      seen.add(key);
      protos.push({ text: d.proto, line: lineOf[d.file]!(d.start), path: ordered[d.file]!.path, wrap });
    }
  }

  let block = '';
  for (const p of protos) {
    for (const level of p.wrap) block += level.join('\n') + '\n';
    block += `#line ${p.line} ${quotePath(p.path)}\n${p.text}\n`;
    for (let k = 0; k < p.wrap.length; k++) block += '#endif\n';
  }
  if (points.length > 1 && block) block = `#ifndef ${ONCE_MACRO}\n#define ${ONCE_MACRO}\n${block}#endif\n`;

  let out = `#include <Arduino.h>\n#line 1 ${quotePath(main.path)}\n`;
  let pos = 0;
  if (block) {
    for (const at of points) {
      out = withNewline(out + main.text.slice(pos, at)) + block;
      if (at < main.text.length) out += `#line ${lineOf[0]!(at)} ${quotePath(main.path)}\n`;
      pos = at;
    }
  }
  out = withNewline(out + main.text.slice(pos));
  for (const f of ordered.slice(1)) out = withNewline(`${out}#line 1 ${quotePath(f.path)}\n${f.text}`);
  return out;
}

/**
 * Function headers: the tokens of what precedes a `{` or `;` at depth 0, and whether they have the
 * shape `<return type and specifiers> <name>(<params>) [qualifiers]` that gets a prototype.
 */
import { isIdentChar, isSpace } from './scan.js';

export type TokKind = 'ident' | 'number' | 'string' | 'punct';
export interface Tok {
  kind: TokKind;
  text: string;
  start: number;
  end: number;
}

const PUNCT2 = ['::', '->', '&&', '||', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '|=', '&=', '^=', '%=', '++', '--'];

export function tokenize(skel: string, from: number, to: number): Tok[] {
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
export function matchForward(t: Tok[], i: number): number {
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
export const PAREN_ATTRS = new Set(['__attribute__', '__attribute', 'decltype', 'alignas', '__declspec', '__typeof__', 'typeof']);

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

export interface HeaderInfo {
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
export function classify(t: Tok[]): HeaderInfo | null {
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

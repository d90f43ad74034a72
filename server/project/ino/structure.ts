/**
 * The structure of one sketch file: its function definitions (with the prototype text and the
 * `#if` blocks around each), its depth-0 declarations and type names, and its macro changes.
 */
import { classify, matchForward, PAREN_ATTRS, tokenize, type HeaderInfo } from './header.js';
import { isSpace, type Directive, type Scanned } from './scan.js';

interface Level {
  id: number;
  /** The directives of this level seen so far (`#if`, then `#elif`/`#else`). */
  lines: Directive[];
  /** An include guard (`#ifndef X` immediately followed by `#define X`). */
  guard: boolean;
}

export interface LevelSnap {
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

export interface FuncDef {
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

export interface FileStructure {
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
export const globalPos = (file: number, offset: number) => file * FILE_STRIDE + offset;

const DIRECTIVE_WORDS = new Set(['if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'defined', 'elifdef', 'elifndef']);

function directiveIdents(d: Directive): string[] {
  return (d.text.replace(/^#\s*\w+/, '').match(/[A-Za-z_]\w*/g) ?? []).filter((w) => !DIRECTIVE_WORDS.has(w));
}

/** `ids` numbers the conditional blocks uniquely across the files of one conversion. */
export function analyse(file: number, s: Scanned, ids: { next: number }): FileStructure {
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

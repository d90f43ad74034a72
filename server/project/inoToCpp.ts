import { analyse, globalPos } from './ino/structure.js';
import { scan } from './ino/scan.js';

/**
 * Turns an Arduino sketch (one or more `.ino` files) into a single C++ translation unit, the way the
 * Arduino IDE does: `#include <Arduino.h>`, the files concatenated (main file first, the others sorted
 * by name; `mergeSketch` takes them in PlatformIO's order instead, see ino/sketchOrder.ts), and forward declarations ("prototypes") of the sketch's file-scope functions inserted
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
  return mergeSketch(orderFiles(files, mainName));
}

/**
 * Converts the `.ino` files of a sketch, already in their merge order (the main file first, as
 * `platformioSketchOrder` or `inoToCpp` puts them), into one C++ translation unit.
 */
export function mergeSketch(files: InoFile[]): string {
  if (files.length === 0) throw new Error('inoToCpp: no .ino files');
  const ordered = files.map((f) => ({
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

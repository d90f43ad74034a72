import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  segmentRegExp
} from "./chunk-54IFNC2C.js";

// server/project/sourceFilter.ts
import { readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
var SOURCE_EXTENSIONS = [".c", ".cpp", ".cc", ".cxx", ".S"];
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".svn", ".fbuild", ".pio"]);
var MAX_DEPTH = 24;
function listFiles(dir, onSkip) {
  const out = [];
  const visited = /* @__PURE__ */ new Set();
  let root;
  try {
    root = realpathSync(dir);
  } catch {
    return out;
  }
  visited.add(root);
  const walk = (d, real, depth) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      const link = e.isSymbolicLink();
      if (link) {
        try {
          const st = statSync(path);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || depth >= MAX_DEPTH) continue;
        let target;
        try {
          target = link ? realpathSync(path) : join(real, e.name);
        } catch {
          continue;
        }
        if (visited.has(target)) {
          onSkip?.(
            `skipping ${relative(dir, path).split(sep).join("/")}: a link to ${target}, which is walked already (a symlink loop, or the same folder twice)`
          );
          continue;
        }
        visited.add(target);
        walk(path, target, depth + 1);
      } else if (isFile) out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir, root, 0);
  return out.sort();
}
function listedUnder(dir, path) {
  const rel = relative(dir, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return false;
  const parts = rel.split(sep);
  return parts.length - 1 < MAX_DEPTH && !parts.slice(0, -1).some((p) => SKIP_DIRS.has(p));
}
function patternMatcher(pattern) {
  const pat = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
  if (pat === "" || pat === ".") return () => true;
  const segments = pat.split("/");
  let re = "";
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg === "**") re += last ? ".*" : "(?:[^/]+/)*";
    else re += segmentRegExp(seg).source.slice(1, -1) + (last ? "" : "/");
  });
  const exact = new RegExp(`^${re}(?:/.*)?$`);
  return (file) => exact.test(file);
}
function applySrcFilter(files, filter) {
  const rules = (filter.length ? filter : ["+<*>"]).flatMap((tok) => [...tok.matchAll(/([+-])<([^>]*)>/g)]).map((m) => ({ include: m[1] === "+", test: patternMatcher(m[2]) }));
  return files.filter((f) => {
    let included = false;
    for (const r of rules) if (r.test(f)) included = r.include;
    return included;
  });
}
var DEFAULT_SRC_FILTER = ["+<*>", "-<.git/>", "-<.svn/>"];
function matchSrcFiles(srcDir, filter, opts = {}) {
  const walked = /* @__PURE__ */ new Map();
  const filesUnder = (base) => {
    let files = walked.get(base);
    if (!files) walked.set(base, files = listFiles(base, opts.onSkip));
    return files;
  };
  const candidates = (pattern) => {
    const segments = pattern.replace(/\/+$/, "").split("/");
    const head = [];
    while (segments.length > 0 && !/[*?[]/.test(segments[0])) head.push(segments.shift());
    const base = resolve(srcDir, ...head);
    const rest = segments.join("/");
    if (head.some((h) => SKIP_DIRS.has(h))) return [];
    let isFile;
    try {
      isFile = statSync(base).isFile();
    } catch {
      return [];
    }
    const found = isFile ? rest === "" ? [""] : [] : filesUnder(base).filter(patternMatcher(rest));
    return found.map((f) => relative(srcDir, join(base, f)).split(sep).join("/"));
  };
  const result = /* @__PURE__ */ new Set();
  const tokens = (filter.length ? filter : DEFAULT_SRC_FILTER).flatMap((tok) => [...tok.matchAll(/([+-])<([^>]*)>/g)]);
  for (const m of tokens) {
    const pattern = m[2].replace(/^(\.\/)+/, "");
    for (const f of candidates(pattern === "." ? "" : pattern)) {
      if (m[1] === "+") result.add(f);
      else result.delete(f);
    }
  }
  const excluded = (opts.exclude ?? []).map((d) => relative(srcDir, d).split(sep).join("/"));
  return [...result].filter((f) => !excluded.some((d) => d !== "" && (f === d || f.startsWith(`${d}/`)))).sort();
}

export {
  SOURCE_EXTENSIONS,
  listFiles,
  listedUnder,
  applySrcFilter,
  matchSrcFiles
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  require_semver
} from "./chunk-5G66G5GG.js";
import {
  __toESM
} from "./chunk-ZATFCR4X.js";

// server/project/versionRequirement.ts
var import_semver = __toESM(require_semver(), 1);
var RequirementError = class extends Error {
};
function partial(text, req) {
  const t = text.trim().replace(/(\.\*)+$/, "");
  if (t === "*" || t === "") return { parts: [] };
  const full = import_semver.default.valid(t);
  if (full) return { parts: [import_semver.default.major(full), import_semver.default.minor(full), import_semver.default.patch(full)], exact: full };
  if (!/^\d+(\.\d+){0,2}$/.test(t)) throw new RequirementError(`'${text.trim()}' in '${req}' is not a version`);
  return { parts: t.split(".").map(Number) };
}
var v = (p) => `${p[0] ?? 0}.${p[1] ?? 0}.${p[2] ?? 0}`;
function after(p) {
  const q = [...p];
  q[q.length - 1] += 1;
  return v(q);
}
function clause(c, req) {
  const m = /^(\^|~=|~|==|!=|<=|>=|<|>|=)?\s*(.*)$/.exec(c.trim());
  const op = m[1] ?? "==";
  const p = partial(m[2], req);
  const n = p.parts.length;
  if (n === 0) {
    if (op === "==" || op === "=" || op === ">=" || op === "<=" || op === "^" || op === "~") return ["*"];
    throw new RequirementError(`'${c.trim()}' in '${req}' needs a version`);
  }
  const lo = p.exact ?? v(p.parts);
  const whole = n === 3;
  switch (op) {
    case "==":
    case "=":
      return [whole ? `=${lo}` : `>=${lo} <${after(p.parts)}`];
    case "!=":
      return whole ? [`<${lo}`, `>${lo}`] : [`<${lo}`, `>=${after(p.parts)}`];
    case "<":
      return [`<${lo}`];
    case "<=":
      return [whole ? `<=${lo}` : `<${after(p.parts)}`];
    case ">":
      return [whole ? `>${lo}` : `>=${after(p.parts)}`];
    case ">=":
      return [`>=${lo}`];
    case "^": {
      const nz = p.parts.findIndex((x) => x !== 0);
      const keep = nz < 0 ? n : Math.min(nz + 1, n);
      return [`>=${lo} <${after(p.parts.slice(0, keep))}`];
    }
    case "~":
      return [`>=${lo} <${after(p.parts.slice(0, n === 1 ? 1 : 2))}`];
    case "~=":
      if (n < 2) throw new RequirementError(`'${c.trim()}' in '${req}': ~= needs at least two parts`);
      return [`>=${lo} <${after(p.parts.slice(0, n - 1))}`];
    default:
      throw new RequirementError(`unknown operator in '${req}'`);
  }
}
function requirementRange(req) {
  const alternatives = req.split("||").map((alt) => {
    let sets = [""];
    for (const c of alt.split(",").filter((s) => s.trim() !== "")) {
      const options = clause(c, req);
      sets = sets.flatMap((s) => options.map((o) => `${s} ${o}`.trim()));
    }
    return sets.map((s) => s || "*");
  });
  return new import_semver.default.Range(alternatives.flat().join(" || "));
}
function castVersion(version) {
  const t = version.trim().replace(/^v/i, "");
  const valid = import_semver.default.valid(t);
  if (valid) return valid;
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[.+-](.+))?$/.exec(t);
  if (!m) return void 0;
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4] ? `+${m[4].replace(/[^0-9A-Za-z.-]/g, "-")}` : ""}`;
}
function satisfiesRequirement(version, req) {
  const range = requirementRange(req);
  if (range.range === "" || req.trim() === "*") return true;
  const cast = version === void 0 ? void 0 : castVersion(version);
  return cast !== void 0 && range.test(cast);
}

export {
  RequirementError,
  castVersion,
  satisfiesRequirement
};

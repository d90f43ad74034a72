import semver from 'semver';

/**
 * Version requirements as PlatformIO reads them: python-semanticversion's `SimpleSpec`, mapped onto
 * node-semver comparators (the `semver` package, npm's own and the one every Node tool uses). Rules:
 * clauses joined by `,` must all hold, `||` separates alternatives; `^ ~ ~= == != < <= > >=`, a bare
 * version meaning `==`; partial versions (`1.2`, `1`, `1.2.*`) stand for every version they start.
 */

/** A requirement that could not be read, with the reason (for one-line errors). */
export class RequirementError extends Error {}

interface Partial {
  parts: number[];
  /** The full text after the operator, for prerelease versions (`1.0.0-beta`). */
  exact?: string;
}

function partial(text: string, req: string): Partial {
  const t = text.trim().replace(/(\.\*)+$/, '');
  if (t === '*' || t === '') return { parts: [] };
  const full = semver.valid(t);
  if (full) return { parts: [semver.major(full), semver.minor(full), semver.patch(full)], exact: full };
  if (!/^\d+(\.\d+){0,2}$/.test(t)) throw new RequirementError(`'${text.trim()}' in '${req}' is not a version`);
  return { parts: t.split('.').map(Number) };
}

const v = (p: number[]) => `${p[0] ?? 0}.${p[1] ?? 0}.${p[2] ?? 0}`;
/** The first version after everything `p` (a partial version) covers: 1.2 → 1.3.0, 1 → 2.0.0. */
function after(p: number[]): string {
  const q = [...p];
  q[q.length - 1]! += 1;
  return v(q);
}

/** One SimpleSpec clause as node-semver comparators (a space-separated AND), or a list of ORs for `!=`. */
function clause(c: string, req: string): string[] {
  const m = /^(\^|~=|~|==|!=|<=|>=|<|>|=)?\s*(.*)$/.exec(c.trim())!;
  const op = m[1] ?? '==';
  const p = partial(m[2]!, req);
  const n = p.parts.length;
  if (n === 0) {
    if (op === '==' || op === '=' || op === '>=' || op === '<=' || op === '^' || op === '~') return ['*'];
    throw new RequirementError(`'${c.trim()}' in '${req}' needs a version`);
  }
  const lo = p.exact ?? v(p.parts);
  const whole = n === 3;
  switch (op) {
    case '==':
    case '=':
      return [whole ? `=${lo}` : `>=${lo} <${after(p.parts)}`];
    case '!=':
      return whole ? [`<${lo}`, `>${lo}`] : [`<${lo}`, `>=${after(p.parts)}`];
    case '<':
      return [`<${lo}`];
    case '<=':
      return [whole ? `<=${lo}` : `<${after(p.parts)}`];
    case '>':
      return [whole ? `>${lo}` : `>=${after(p.parts)}`];
    case '>=':
      return [`>=${lo}`];
    case '^': {
      // The left-most non-zero part may not change: ^1.2.3 <2.0.0, ^0.2.3 <0.3.0, ^0.0.3 <0.0.4.
      const nz = p.parts.findIndex((x) => x !== 0);
      const keep = nz < 0 ? n : Math.min(nz + 1, n);
      return [`>=${lo} <${after(p.parts.slice(0, keep))}`];
    }
    case '~':
      return [`>=${lo} <${after(p.parts.slice(0, n === 1 ? 1 : 2))}`];
    case '~=':
      // PEP 440: ~=1.2.3 is >=1.2.3,<1.3.0; ~=1.2 is >=1.2,<2.0.
      if (n < 2) throw new RequirementError(`'${c.trim()}' in '${req}': ~= needs at least two parts`);
      return [`>=${lo} <${after(p.parts.slice(0, n - 1))}`];
    default:
      throw new RequirementError(`unknown operator in '${req}'`);
  }
}

/** The requirement as a node-semver range; throws RequirementError when it cannot be read. */
export function requirementRange(req: string): semver.Range {
  const alternatives = req.split('||').map((alt) => {
    // A clause list: every clause must hold; a `!=` clause is itself an OR, so expand the product.
    let sets: string[] = [''];
    for (const c of alt.split(',').filter((s) => s.trim() !== '')) {
      const options = clause(c, req);
      sets = sets.flatMap((s) => options.map((o) => `${s} ${o}`.trim()));
    }
    return sets.map((s) => s || '*');
  });
  return new semver.Range(alternatives.flat().join(' || '));
}

/**
 * A library's version as semver: what PlatformIO's cast_version_to_semver does for the common cases
 * (`1.2` → `1.2.0`, `v1.2.3` → `1.2.3`, `1.2.3.4` → `1.2.3+4`). Undefined when it is not a version.
 */
export function castVersion(version: string): string | undefined {
  const t = version.trim().replace(/^v/i, '');
  const valid = semver.valid(t);
  if (valid) return valid;
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[.+-](.+))?$/.exec(t);
  if (!m) return undefined;
  return `${m[1]}.${m[2] ?? 0}.${m[3] ?? 0}${m[4] ? `+${m[4].replace(/[^0-9A-Za-z.-]/g, '-')}` : ''}`;
}

/** Whether `version` is inside `req` (an unreadable version is inside nothing but `*`). */
export function satisfiesRequirement(version: string | undefined, req: string): boolean {
  const range = requirementRange(req);
  if (range.range === '' || req.trim() === '*') return true;
  const cast = version === undefined ? undefined : castVersion(version);
  return cast !== undefined && range.test(cast);
}

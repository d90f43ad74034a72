import { RequirementError, satisfiesRequirement } from './versionRequirement.js';

/**
 * `platform = …` as PlatformIO writes it: a name (`atmelavr`), with an owner and a version
 * requirement (`platformio/atmelavr@^5.0.0`), or a URL or path of the platform's repository or
 * archive (`https://github.com/pioarduino/platform-espressif32/releases/download/55.03.31-2/platform-espressif32.zip`,
 * `…/platform-atmelavr.git#v5.2.0`). fbuild knows a platform by its name.
 */
export interface PlatformSpec {
  /** `atmelavr`, `espressif32`, `native`, … */
  name: string;
  /** The requirement after `@`, when one is given. */
  requirements?: string;
  /** Set when the platform is named by a URL or a path. */
  uri?: string;
}

export function parsePlatformSpec(raw: string): PlatformSpec {
  const text = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('/') || text.startsWith('.') || text.startsWith('~')) {
    // The last path segment, without `#ref`, `?query`, `.git` or an archive extension, and
    // without the `platform-` of the repository's name.
    const path = text.split(/[#?]/)[0]!.replace(/\/+$/, '');
    const last = path.slice(path.lastIndexOf('/') + 1);
    const name = last.replace(/\.(git|zip|tar\.gz|tgz|tar\.bz2|tar\.xz)$/i, '').replace(/^platform-/, '');
    return { name: name.toLowerCase(), uri: text };
  }
  const at = text.indexOf('@');
  const spec = at >= 0 ? text.slice(0, at).trim() : text;
  const requirements = at >= 0 ? text.slice(at + 1).trim() : undefined;
  const name = spec.slice(spec.lastIndexOf('/') + 1).trim();
  return { name, ...(requirements ? { requirements } : {}) };
}

/**
 * A notice when the project asks for another platform release than the one whose rules fbuild
 * follows (`version`), or names one by URL; nothing when the requirement holds for `version`.
 */
export function platformNotice(raw: string, version: string): string | undefined {
  const spec = parsePlatformSpec(raw);
  const rules = `fbuild builds with platform-${spec.name} ${version}'s flags and its own packages`;
  if (spec.uri) return `platform = ${raw.trim()}: ${rules}, not that platform's`;
  if (!spec.requirements) return undefined;
  try {
    if (satisfiesRequirement(version, spec.requirements)) return undefined;
  } catch (e) {
    if (!(e instanceof RequirementError)) throw e;
  }
  return `platform = ${raw.trim()}: ${rules}, which that requirement does not allow`;
}

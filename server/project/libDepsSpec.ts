import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';

/**
 * One `lib_deps` item, parsed as PlatformIO's PackageSpec._parse does, in its order: a path with a
 * separator that exists is `file://`; `@` splits off the requirement (unless the right side has `:`
 * or `/`); `Name=` gives a custom name; digits or `id=N` an id; exactly one `/` and no `@` an
 * `owner/name`; anything else with `@ : /` is a URI (`git+` for `.git` paths or GitHub, GitLab and
 * Bitbucket paths that are not archives); what is left is a name.
 */
export interface LibDepSpec {
  /** The item as written, for messages. */
  raw: string;
  owner?: string;
  name?: string;
  id?: number;
  /** A SimpleSpec requirement (`^1.2.3`, `>=1.0,<2`). */
  requirements?: string;
  /** `file://…`, `symlink://…`, `git+https://…`, an archive URL. */
  uri?: string;
}

export type LibDepKind = 'registry' | 'id' | 'local' | 'vcs' | 'archive';

export function parseLibDep(raw: string, projectDir: string): LibDepSpec {
  const spec: LibDepSpec = { raw };
  let rest: string | undefined = raw.trim();
  let nameIsCustom = false;

  // A local file or directory given as a plain path.
  if (!rest.startsWith('file://') && !rest.startsWith('symlink://') && /[/\\]/.test(rest) && existsSync(resolve(projectDir, rest))) {
    rest = `file://${rest}`;
  }
  if (rest.includes('@') && !rest.startsWith('file://') && !rest.startsWith('symlink://')) {
    const at = rest.lastIndexOf('@');
    const right = rest.slice(at + 1);
    if (!right.includes(':') && !right.includes('/')) {
      spec.requirements = right.trim();
      rest = rest.slice(0, at).trim();
    }
  }
  if (rest.includes('=') && !rest.startsWith('id=')) {
    const eq = rest.indexOf('=');
    if (!rest.slice(0, eq).includes('/')) {
      spec.name = rest.slice(0, eq).trim();
      nameIsCustom = true;
      rest = rest.slice(eq + 1).trim();
    }
  }
  const id = rest.startsWith('id=') ? rest.slice(3) : rest;
  if (/^\d+$/.test(id)) {
    spec.id = Number(id);
    rest = undefined;
  }
  if (rest !== undefined && rest.split('/').length === 2 && !rest.includes('@')) {
    const slash = rest.indexOf('/');
    spec.owner = rest.slice(0, slash).trim();
    spec.name = rest.slice(slash + 1).trim();
    rest = undefined;
  }
  if (rest !== undefined && /[@:/]/.test(rest)) {
    spec.uri = vcsUri(rest);
    rest = undefined;
  }
  if (!nameIsCustom && spec.uri) spec.name = nameFromUri(spec.uri);
  else if (rest) spec.name = rest;
  return spec;
}

function vcsUri(uri: string): string {
  let url: URL | undefined;
  try {
    url = new URL(uri);
  } catch {
    return uri;
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme === 'file' || scheme === 'symlink' || scheme.includes('+') || uri.startsWith('git+')) return uri;
  const isGit =
    url.pathname.endsWith('.git') ||
    (['github.com', 'gitlab.com', 'bitbucket.com'].includes(url.host) && !/\.(zip|tar\.gz|tar\.xz)$/.test(url.pathname));
  return isGit ? `git+${uri}` : uri;
}

function nameFromUri(uri: string): string {
  let u = uri.replace(/\/$/, '');
  const stops = ['#', '?', ...(u.startsWith('file://') || u.startsWith('symlink://') ? ['@'] : [])];
  for (const c of stops) if (u.includes(c)) u = u.slice(0, u.indexOf(c));
  try {
    const url = new URL(u.replace(/^git\+/, ''));
    const segments = url.pathname.split('/');
    if (url.host === 'github.com' && segments.length > 3) return segments[2]!;
  } catch {
    // not a URL: a path
  }
  const name = basename(u);
  return name.includes('.') ? name.slice(0, name.indexOf('.')).trim() : name;
}

/** What must be done to satisfy a spec: look in local storages, or fetch it (which fbuild does not do yet). */
export function libDepKind(spec: LibDepSpec): LibDepKind {
  if (spec.uri?.startsWith('file://') || spec.uri?.startsWith('symlink://')) return 'local';
  if (spec.uri) return /^(git|hg|svn)\+/.test(spec.uri) ? 'vcs' : 'archive';
  if (spec.id !== undefined && !spec.name) return 'id';
  return 'registry';
}

/** The directory a `file://` or `symlink://` spec names, absolute (relative paths are the project's). */
export function localPath(spec: LibDepSpec, projectDir: string): string {
  return resolve(projectDir, spec.uri!.replace(/^(file|symlink):\/\//, ''));
}

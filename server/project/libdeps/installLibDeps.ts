import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
  type Dirent,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { ProgressEvent, ResolvedLibrary } from '../../protocol/wire.js';
import { downloadFile } from '../../toolchains/download.js';
import { UserError } from '../../util/errors.js';
import { redact, splitUrlCredentials } from '../../util/redact.js';
import { libDepKind, localPath, parseLibDep, type LibDepSpec } from '../libDepsSpec.js';
import { findLibrary, librariesIn, readLibrary, type Library } from '../libraries.js';
import { readLibraryManifest } from '../libraryManifest.js';
import type { EnvConfig, ProjectDirs } from '../platformioIni.js';
import { RequirementError, satisfiesRequirement } from '../versionRequirement.js';
import { gitExport, gitSource } from './gitCheckout.js';
import { PIOPM, pythonJson, readPiopm, safeDirname, writePiopm, type PackageMetadata, type PackageSpecRecord } from './piopm.js';
import { RegistryClient, systemType, type RegistryClientOptions } from './registryClient.js';
import { unpackLibraryArchive, unpackLimitsFromEnv, type UnpackLimits } from './safeExtract.js';

/**
 * Fills `<libdeps_dir>/<env>` from `lib_deps` as `pio run` does before it builds: a spec that no
 * library on disk satisfies (lib_extra_dirs, lib_dir, the libdeps dir, the framework's libraries)
 * is installed from the registry, a git repository or an archive URL, verified, through a temporary
 * directory and one rename, with a `.piopm` file; then its own dependencies (library.json
 * `dependencies`, library.properties `depends`), except those the framework ships. Specs removed
 * from lib_deps since the last run are uninstalled (PlatformIO's `integrity.dat`). Nothing is
 * downloaded when everything is there, and nothing at all when offline.
 */

export interface LibDepsOptions {
  projectDir: string;
  dirs: ProjectDirs;
  env: EnvConfig;
  /** The framework's libraries (`<core>/libraries`): dependencies they satisfy are not installed. */
  frameworkLibrariesDir?: string;
  /** Never download; a spec that is not installed is an error (`--offline`, `FBUILD_OFFLINE=1`). */
  offline?: boolean;
  registry?: RegistryClientOptions;
  /** Download attempts after the first, and the first wait (doubling). Defaults 3 and 500 ms. */
  retries?: number;
  backoffMs?: number;
  stallTimeoutMs?: number;
  /** PlatformIO's system type for registry files (default this machine's). */
  systype?: string;
  onEvent?: (e: ProgressEvent) => void;
  /** What one archive may unpack to; default `$FBUILD_MAX_UNPACK_SIZE` / `_FILES` or 512 MiB in 50,000 files. */
  unpackLimits?: UnpackLimits;
}

/** PlatformIO's record of the lib_deps an env's libdeps dir was installed for, one spec a line. */
const INTEGRITY = 'integrity.dat';

/** Where an env's lib_deps are installed. */
export const libDepsDir = (dirs: ProjectDirs, env: string): string => join(dirs.libdeps, env);

/** A spec the registry does not have: fatal for lib_deps, a warning for a library's own dependency. */
class NotFound extends UserError {}

/**
 * A lib_deps URL may carry credentials (`https://user:pass@host/x.tar.gz`): they are sent as basic
 * auth and never leave this module: its errors, events and results go out redacted, and what it
 * writes (`.piopm`, `integrity.dat`) holds them masked.
 */
export async function installLibDeps(opts: LibDepsOptions): Promise<ResolvedLibrary[]> {
  const onEvent = opts.onEvent;
  const redacted: LibDepsOptions = {
    ...opts,
    ...(onEvent ? { onEvent: (e: ProgressEvent) => onEvent(JSON.parse(redact(JSON.stringify(e))) as ProgressEvent) } : {}),
  };
  try {
    return (await install(redacted)).map((l) => ({ ...l, source: redact(l.source) }));
  } catch (e) {
    if (e instanceof Error) e.message = redact(e.message);
    throw e;
  }
}

async function install(opts: LibDepsOptions): Promise<ResolvedLibrary[]> {
  const { env, projectDir } = opts;
  const storage = libDepsDir(opts.dirs, env.name);
  const specs = env.libDeps.map((raw) => parseLibDep(raw, projectDir));
  uninstallRemoved(storage, env, opts);
  if (specs.length === 0) return [];

  const installer = new Installer(opts, storage);
  try {
    for (const spec of specs) await installer.ensure(spec, undefined);
  } finally {
    await installer.close();
  }
  if (existsSync(storage)) writeFileSync(join(storage, INTEGRITY), env.libDeps.map(redact).join('\n'));
  return installer.resolvedList();
}

class Installer {
  private readonly resolved = new Map<string, ResolvedLibrary>();
  private readonly visited = new Set<string>();
  private registry: RegistryClient | undefined;
  private candidates: Library[] | undefined;
  private readonly unpackLimits: UnpackLimits;

  constructor(
    private readonly opts: LibDepsOptions,
    private readonly storage: string,
  ) {
    this.unpackLimits = opts.unpackLimits ?? unpackLimitsFromEnv(process.env);
  }

  resolvedList(): ResolvedLibrary[] {
    return [...this.resolved.values()];
  }

  async close(): Promise<void> {
    await this.registry?.close();
  }

  /** Every library on disk a spec could be satisfied by, in the dependency finder's order. */
  private libraries(): Library[] {
    const { env, dirs } = this.opts;
    this.candidates ??= [
      ...env.libExtraDirs.flatMap((d) => librariesIn(d, 'project', env)),
      ...librariesIn(dirs.lib, 'project', env),
      ...librariesIn(this.storage, 'lib_deps', env),
      ...(this.opts.frameworkLibrariesDir ? librariesIn(this.opts.frameworkLibrariesDir, 'framework', env) : []),
    ];
    return this.candidates;
  }

  /** The library on disk that satisfies `spec`, as the dependency finder will choose it. */
  private installed(spec: LibDepSpec): Library | undefined {
    const kind = libDepKind(spec);
    if (kind === 'vcs' || kind === 'archive') return this.libraries().find((l) => sameUri(l.manifest.uri, spec.uri));
    if (kind === 'id') return this.libraries().find((l) => readPiopm(l.root)?.spec?.id === spec.id);
    return findLibrary(this.libraries(), {
      name: spec.name!,
      ...(spec.owner ? { owner: spec.owner } : {}),
      ...(spec.requirements ? { version: spec.requirements } : {}),
    });
  }

  /** Makes sure `spec` is satisfied, installing it if needed, then its dependencies. `dependent` names the library that needs it. */
  async ensure(spec: LibDepSpec, dependent: string | undefined): Promise<void> {
    const key = JSON.stringify([spec.owner, spec.id, spec.name?.toLowerCase(), spec.requirements, spec.uri]);
    if (this.visited.has(key)) return;
    this.visited.add(key);
    const kind = libDepKind(spec);
    if (kind === 'local') {
      const path = localPath(spec, this.opts.projectDir);
      if (!existsSync(path)) return; // the dependency finder says so in one line
      if (spec.uri!.startsWith('symlink://')) {
        // Linked, not copied (PlatformIO's install_symlink): built from where it is.
        if (!statSync(path).isDirectory()) return;
        writePioLink(this.storage, spec, path, this.opts.projectDir);
        const lib = readLibrary(path, 'lib_deps', this.opts.env);
        this.record(lib, spec.uri!);
        return this.ensureDependencies(lib);
      }
      // file:// (or a plain path): copied into the libdeps dir with its .piopm, as PlatformIO
      // installs it, so the build reads it inside the project. Copied again when the folder changed.
      const copy = this.installedCopy(spec, path);
      const lib = copy ?? (await this.install(spec));
      this.record(lib);
      return this.ensureDependencies(lib);
    }
    if (spec.requirements) checkRequirement(spec);
    let lib = this.installed(spec);
    if (!lib) {
      if (this.opts.offline) {
        const detail = [...(dependent ? [`needed by ${dependent}`] : []), ...(this.nearMiss(spec) ?? [])];
        throw new UserError(
          `lib_deps: ${spec.raw} is not installed${detail.length ? ` (${detail.join('; ')})` : ''}; ` +
            'downloads are off (--offline or FBUILD_OFFLINE=1): ' +
            `build once online or restore ${this.rel(this.storage)}`,
        );
      }
      try {
        lib = await this.install(spec);
      } catch (e) {
        if (e instanceof NotFound && dependent) {
          this.opts.onEvent?.({ type: 'warning', message: `library ${dependent} depends on ${spec.raw}: ${e.message}; ignored` });
          return;
        }
        throw e;
      }
    }
    this.record(lib);
    await this.ensureDependencies(lib);
  }

  /** The copy of a `file://` folder installed earlier, if it still holds what the folder holds. */
  private installedCopy(spec: LibDepSpec, source: string): Library | undefined {
    const lib = librariesIn(this.storage, 'lib_deps', this.opts.env).find((l) => sameUri(l.manifest.uri, spec.uri));
    if (!lib) return undefined;
    if (statSync(source).isDirectory() && !sameFiles(source, lib.root)) return undefined;
    return lib;
  }

  /** A library of that name on disk that does not satisfy the spec, said in the offline error. */
  private nearMiss(spec: LibDepSpec): string[] | undefined {
    const lib = spec.name ? this.libraries().find((l) => sameName(l.name, spec.name) || sameName(basename(l.root), spec.name)) : undefined;
    if (!lib) return undefined;
    if (spec.requirements) return [`${this.rel(lib.root)} is version ${lib.version ?? 'unknown'}, outside ${spec.requirements}`];
    return lib.owner && spec.owner ? [`${this.rel(lib.root)} belongs to ${lib.owner}, not ${spec.owner}`] : undefined;
  }

  private async ensureDependencies(lib: Library): Promise<void> {
    const framework = this.opts.frameworkLibrariesDir;
    for (const dep of readLibraryManifest(lib.root).dependencies) {
      if (this.opts.env.libIgnore.includes(dep.name)) continue;
      // A version that is a URL (`"Foo": "https://…/foo.git"`) is PlatformIO's `Foo=URL` spec.
      const external = dep.version !== undefined && /[:/]/.test(dep.version);
      const spec: LibDepSpec = external
        ? parseLibDep(`${dep.name}=${dep.version}`, lib.root)
        : {
            raw: `${dep.owner ? `${dep.owner}/` : ''}${dep.name}${dep.version ? `@${dep.version}` : ''}`,
            name: dep.name,
            ...(dep.owner ? { owner: dep.owner } : {}),
            ...(dep.version && dep.version !== '*' ? { requirements: dep.version } : {}),
          };
      // Built-in: a dependency without an owner that the framework ships (Wire, SPI, ...).
      if (
        !external &&
        !dep.owner &&
        framework &&
        librariesIn(framework, 'framework', this.opts.env).some((l) => sameName(l.name, dep.name) || sameName(basename(l.root), dep.name))
      ) {
        continue;
      }
      await this.ensure(spec, lib.name);
    }
  }

  private record(lib: Library, localSource?: string): void {
    if (this.resolved.has(lib.root)) return;
    const meta = readPiopm(lib.root);
    const source = localSource ?? sourceOf(meta) ?? (lib.origin === 'framework' ? 'framework' : this.rel(lib.root));
    this.resolved.set(lib.root, { name: meta?.name ?? lib.name, version: meta?.version ?? lib.version ?? 'unknown', source });
  }

  private rel(p: string): string {
    const r = relative(this.opts.projectDir, p);
    return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? p : r.split('\\').join('/');
  }

  /** Downloads or clones `spec` into a temporary dir in the storage, then moves it into place with one rename. */
  private async install(spec: LibDepSpec): Promise<Library> {
    const created = mkdirSync(this.storage, { recursive: true });
    const work = join(this.storage, `.fbuild-installing-${randomBytes(6).toString('hex')}`);
    mkdirSync(work);
    let done = false;
    try {
      const { root, meta } = await this.fetch(spec, work);
      if (spec.requirements && !satisfiesRequirement(meta.version, spec.requirements)) {
        throw new UserError(
          `lib_deps: ${spec.raw}: the downloaded library is version ${meta.version}, outside ${spec.requirements}; fix the requirement`,
        );
      }
      writePiopm(root, meta);
      const dest = join(this.storage, hasCustomName(spec) ? spec.name! : safeDirname(meta.name));
      replaceDir(root, dest, work);
      this.candidates = undefined;
      const lib = readLibrary(dest, 'lib_deps', this.opts.env);
      this.opts.onEvent?.({
        type: 'library',
        action: 'installed',
        library: { name: lib.name, version: meta.version, source: sourceOf(meta)! },
      });
      done = true;
      return lib;
    } finally {
      rmSync(work, { recursive: true, force: true });
      // A failed first install leaves no empty libdeps dirs behind either.
      if (!done && created) removeEmptyDirs(this.storage, created);
    }
  }

  /** The package, unpacked under `work`: its root and the metadata to record. */
  private async fetch(spec: LibDepSpec, work: string): Promise<{ root: string; meta: PackageMetadata }> {
    const kind = libDepKind(spec);
    if (kind === 'local') {
      // PlatformIO's install_from_uri for file://: a file is unpacked, a folder copied (links kept as links).
      const path = localPath(spec, this.opts.projectDir);
      const into = join(work, 'x');
      let root: string;
      try {
        root = statSync(path).isDirectory()
          ? (cpSync(path, into, { recursive: true, verbatimSymlinks: true, filter: (p) => basename(p) !== '.git' }),
            packageRoot(into, spec))
          : packageRoot(unpackLibraryArchive(path, into, this.unpackLimits), spec);
      } catch (e) {
        throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${path}: ${(e as Error).message}`);
      }
      const m = readLibraryManifest(root);
      return { root, meta: metadata(spec, m.name, m.version, specRecord(spec)) };
    }
    if (kind === 'vcs') {
      if (!spec.uri!.startsWith('git+'))
        throw new UserError(
          `lib_deps: ${spec.raw}: only git repositories are supported, not ${spec.uri!.split('+')[0]}; use a git URL or an archive`,
        );
      const into = join(work, 'checkout');
      let revision: string;
      try {
        revision = gitExport(gitSource(spec.uri!), into);
      } catch (e) {
        throw new UserError(`lib_deps: ${spec.raw}: cannot clone ${gitSource(spec.uri!).url}: ${(e as Error).message}`);
      }
      const root = packageRoot(into, spec);
      const m = readLibraryManifest(root);
      return { root, meta: metadata(spec, m.name, `${m.version ?? '0.0.0'}+sha.${revision}`, specRecord(spec)) };
    }
    if (kind === 'archive') {
      const url = spec.uri!;
      if (!/^https?:\/\//.test(url))
        throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${url}; use an http(s) archive URL, a git URL or a path`);
      const root = await this.downloadAndExtract(spec, url, {}, work);
      const m = readLibraryManifest(root);
      return { root, meta: metadata(spec, m.name, m.version, specRecord(spec)) };
    }
    const registry = (this.registry ??= new RegistryClient({
      retries: this.opts.retries ?? 3,
      backoffMs: this.opts.backoffMs ?? 500,
      ...this.opts.registry,
    }));
    const systype = this.opts.systype ?? systemType();
    const what = spec.owner ? `${spec.owner}/${spec.name}` : spec.id !== undefined ? `id ${spec.id}` : spec.name!;
    let choice;
    try {
      choice = await registry.choose({ ...spec }, systype);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot ask the registry ${registry.apiUrl}: ${(e as Error).message}`);
    }
    if (!choice) {
      const inside = spec.requirements ? ` with a version inside ${spec.requirements}` : '';
      throw new NotFound(
        `lib_deps: ${spec.raw}: the registry ${registry.apiUrl} has no library ${what}${inside} for ${systype}; ` +
          'check the name and the version',
      );
    }
    let location;
    try {
      location = await registry.downloadLocation(choice.file);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot download ${choice.file.download_url}: ${(e as Error).message}`);
    }
    const root = await this.downloadAndExtract(
      spec,
      location.url,
      { ...(location.sha256 ? { sha256: location.sha256 } : {}), ...(choice.file.size ? { size: choice.file.size } : {}) },
      work,
    );
    const pkg = choice.package;
    const m = readLibraryManifest(root);
    const record: PackageSpecRecord = { owner: pkg.owner.username, id: pkg.id, name: pkg.name, requirements: null, uri: null };
    return { root, meta: { type: 'library', name: m.name ?? pkg.name, version: m.version ?? choice.version.name, spec: record } };
  }

  private async downloadAndExtract(
    spec: LibDepSpec,
    url: string,
    expect: { sha256?: string; size?: number },
    work: string,
  ): Promise<string> {
    const file = join(work, 'download');
    let last = 0;
    // `user:pass@` in the URL: sent as basic auth, as PlatformIO's requests does.
    const { url: plain, authorization } = splitUrlCredentials(url);
    try {
      await downloadFile(plain, file, {
        ...expect,
        ...(authorization ? { headers: { authorization } } : {}),
        retries: this.opts.retries ?? 3,
        backoffMs: this.opts.backoffMs ?? 500,
        ...(this.opts.stallTimeoutMs ? { stallTimeoutMs: this.opts.stallTimeoutMs } : {}),
        diskOf: this.storage,
        mismatchHint: 'the file is not the one the registry published',
        onProgress: (received, total) => {
          const now = Date.now();
          if (now - last < 200 && received !== total) return;
          last = now;
          this.opts.onEvent?.({ type: 'download', label: spec.name ?? spec.raw, received, ...(total !== undefined ? { total } : {}) });
        },
      });
      return packageRoot(unpackLibraryArchive(file, join(work, 'x'), this.unpackLimits), spec);
    } catch (e) {
      throw new UserError(`lib_deps: ${spec.raw}: cannot install from ${url}: ${(e as Error).message}`);
    }
  }
}

const sameName = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** URIs as `.piopm` records them: credentials masked. */
const sameUri = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && redact(a) === redact(b);

/**
 * Whether the installed copy `copy` holds every file of `source` with the same bytes, and nothing
 * else but its `.piopm` (and a `library.json` written for a source that has none).
 */
function sameFiles(source: string, copy: string): boolean {
  const files = (dir: string): string[] =>
    (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => !e.isDirectory())
      .map((e) => relative(dir, join(e.parentPath, e.name)))
      .filter((f) => f.split(sep)[0] !== '.git')
      .sort();
  const want = files(source);
  const have = files(copy).filter((f) => f !== PIOPM && !(f === 'library.json' && !want.includes(f)));
  if (want.length !== have.length || want.some((f, i) => f !== have[i])) return false;
  return want.every((f) => {
    const a = join(source, f);
    const b = join(copy, f);
    const la = lstatSync(a);
    const lb = lstatSync(b);
    if (la.isSymbolicLink() || lb.isSymbolicLink())
      return la.isSymbolicLink() && lb.isSymbolicLink() && readlinkSync(a) === readlinkSync(b);
    return la.size === lb.size && readFileSync(a).equals(readFileSync(b));
  });
}

/**
 * PlatformIO's install_symlink: `<libdeps>/<env>/<Name>.pio-link`, `{"cwd": ..., "spec": ...}`, so
 * `pio run` sees the same link (its cwd is the project dir, where relative paths start).
 */
function writePioLink(storage: string, spec: LibDepSpec, target: string, projectDir: string): void {
  const file = join(storage, `${spec.name ?? basename(target)}.pio-link`);
  const text = pythonJson({ cwd: projectDir, spec: specRecord(spec) });
  mkdirSync(storage, { recursive: true });
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) writeFileSync(file, text);
}

function checkRequirement(spec: LibDepSpec): void {
  try {
    satisfiesRequirement('0.0.0', spec.requirements!);
  } catch (e) {
    if (e instanceof RequirementError)
      throw new UserError(`lib_deps: ${spec.raw}: ${e.message}; write a requirement like ^1.2.3 or >=1.0,<2`);
    throw e;
  }
}

/** `Name=URL`: PlatformIO installs it under the custom name. */
function hasCustomName(spec: LibDepSpec): boolean {
  const raw = spec.raw.trim();
  const eq = raw.indexOf('=');
  return spec.uri !== undefined && eq > 0 && !raw.startsWith('id=') && !raw.slice(0, eq).includes('/');
}

/** PackageSpec.as_dict of the spec as written (for URL specs PlatformIO records it unchanged). */
function specRecord(spec: LibDepSpec): PackageSpecRecord {
  return {
    owner: spec.owner ?? null,
    id: spec.id ?? null,
    name: spec.name ?? null,
    requirements: spec.requirements ?? null,
    uri: spec.uri ?? null,
  };
}

/** build_metadata: the manifest's name unless the spec gives its own; a made-up version when there is none. */
function metadata(spec: LibDepSpec, name: string | undefined, version: string | undefined, record: PackageSpecRecord): PackageMetadata {
  return { type: 'library', name: hasCustomName(spec) || !name ? spec.name! : name, version: version ?? randomVersion(), spec: record };
}

function randomVersion(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `0.0.0+${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** How the result names where a library came from. */
function sourceOf(meta: PackageMetadata | undefined): string | undefined {
  if (!meta?.spec) return undefined;
  if (meta.spec.uri) return meta.spec.uri;
  if (meta.spec.owner) return `registry:${meta.spec.owner}/${meta.spec.name ?? meta.name}`;
  return undefined;
}

const MANIFESTS = ['library.json', 'library.properties', 'module.json'];

/**
 * find_pkg_root: the first directory (top-down) with a library manifest; else the library root
 * PlatformIO guesses (the first with src/ or include/, a CMakeLists.txt or sources), where it
 * writes a library.json with the spec's name and a made-up version.
 */
function packageRoot(dir: string, spec: LibDepSpec): string {
  const walk = function* (d: string): Generator<{ dir: string; dirs: string[]; files: string[] }> {
    const entries = readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    yield { dir: d, dirs, files: entries.filter((e) => e.isFile()).map((e) => e.name) };
    for (const sub of dirs) if (sub !== '.git') yield* walk(join(d, sub));
  };
  for (const { dir: d, files } of walk(dir)) if (MANIFESTS.some((m) => files.includes(m))) return d;
  let root = dir;
  for (const { dir: d, dirs, files } of walk(dir)) {
    if (files.length === 0 && dirs.length === 1) continue;
    if (
      dirs.some((x) => ['include', 'Include', 'inc', 'Inc', 'src', 'Src'].includes(x)) ||
      files.some((f) => f === 'CMakeLists.txt' || f === 'conanfile.py')
    ) {
      root = d;
      break;
    }
    if (files.some((f) => /\.(c|cpp|h|hpp|S)$/.test(f))) {
      root = d;
      break;
    }
  }
  writeFileSync(join(root, 'library.json'), JSON.stringify({ name: spec.name, version: randomVersion() }, null, 2));
  return root;
}

/** Removes `dir` and its parents up to `top` (included) while they are empty. */
function removeEmptyDirs(dir: string, top: string): void {
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (readdirSync(d).length) return;
      rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
  }
}

/** Moves `from` to `dest`, replacing what is there; the old copy goes through `work` so a failure leaves one or the other. */
function replaceDir(from: string, dest: string, work: string): void {
  if (existsSync(dest)) renameSync(dest, join(work, 'previous'));
  renameSync(from, dest);
}

/** Specs that left lib_deps since the last install: their packages (and those packages' dependencies) are removed. */
function uninstallRemoved(storage: string, env: EnvConfig, opts: LibDepsOptions): void {
  let previous: string[];
  try {
    previous = readFileSync(join(storage, INTEGRITY), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return;
  }
  // Written with credentials masked: compared so.
  const current = new Set(env.libDeps.map(redact));
  const removed = previous.filter((p) => !current.has(p));
  if (removed.length === 0 && previous.length === current.size) return;
  for (const raw of removed) removePackage(storage, parseLibDep(raw, opts.projectDir), opts, new Set());
  writeFileSync(join(storage, INTEGRITY), env.libDeps.map(redact).join('\n'));
}

/** PlatformIO's get_package on one storage: installed packages matching the spec by id, URI, owner and name. */
function installedPackages(storage: string, spec: LibDepSpec): { dir: string; meta: PackageMetadata }[] {
  let names: string[];
  try {
    names = readdirSync(storage);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.'))
    .flatMap((n) => {
      const meta = readPiopm(join(storage, n));
      return meta ? [{ dir: join(storage, n), meta }] : [];
    })
    .filter(({ meta }) => {
      if (spec.id !== undefined && spec.id !== meta.spec?.id) return false;
      if (spec.uri) return sameUri(spec.uri, meta.spec?.uri ?? undefined);
      if (spec.owner && !sameName(spec.owner, meta.spec?.owner ?? undefined)) return false;
      if (spec.id === undefined && !sameName(spec.name, meta.name)) return false;
      try {
        return !spec.requirements || satisfiesRequirement(meta.version, spec.requirements);
      } catch {
        return false;
      }
    });
}

function removePackage(storage: string, spec: LibDepSpec, opts: LibDepsOptions, seen: Set<string>): void {
  for (const { dir, meta } of installedPackages(storage, spec)) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    for (const dep of readLibraryManifest(dir).dependencies) {
      removePackage(storage, { raw: dep.name, name: dep.name, ...(dep.owner ? { owner: dep.owner } : {}) }, opts, seen);
    }
    rmSync(dir, { recursive: true, force: true });
    opts.onEvent?.({
      type: 'library',
      action: 'removed',
      library: { name: meta.name, version: meta.version, source: sourceOf(meta) ?? dir },
    });
  }
}

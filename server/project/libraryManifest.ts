import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shellWords } from './platformioIni.js';

/**
 * A library's manifest: `library.json` (PlatformIO), else `library.properties` (Arduino), plus the
 * `.piopm` file PlatformIO writes next to an installed package (its owner and the spec it came from).
 * Only what the build needs; a broken manifest is ignored with a warning, as PlatformIO does.
 */
export interface LibraryManifest {
  kind: 'library.json' | 'library.properties' | 'none';
  name?: string;
  version?: string;
  /** From `.piopm` (the registry owner) or library.json `owner`. */
  owner?: string;
  /** Installed from this URI (`.piopm` spec.uri). */
  uri?: string;
  /** library.json `frameworks`; undefined or containing `*` means any. */
  frameworks?: string[];
  /** library.json `platforms`, or library.properties `architectures` mapped to PlatformIO platforms. */
  platforms?: string[];
  /** library.json `dependencies`, library.properties `depends`. */
  dependencies: { owner?: string; name: string; version?: string }[];
  build: {
    srcDir?: string;
    includeDir?: string;
    srcFilter?: string[];
    flags?: string[];
    unflags?: string[];
    libArchive?: boolean;
    libLDFMode?: string;
    libCompatMode?: string;
  };
  /** library.properties `precompiled` (`true`, `full`). */
  precompiled?: string;
  /** Why the manifest was ignored, to be printed as a warning. */
  warning?: string;
}

/** Arduino architectures as PlatformIO's manifest parser maps them to platforms. */
const ARCH_TO_PLATFORM: Record<string, string> = {
  avr: 'atmelavr',
  sam: 'atmelsam',
  samd: 'atmelsam',
  esp8266: 'espressif8266',
  esp32: 'espressif32',
  arc32: 'intel_arc32',
  stm32: 'ststm32',
  nrf52: 'nordicnrf52',
  teensy: 'teensy',
  mbed: 'mbed',
  '*': '*',
};

const list = (v: unknown): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v.map(String) : String(v).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
};

/** `flags` / `unflags`: a string or a list of strings, each split as a shell would (PlatformIO's ParseFlags). */
const words = (v: unknown): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  return (Array.isArray(v) ? v.map(String) : [String(v)]).flatMap((s) => shellWords(s) ?? s.split(/\s+/)).filter((s) => s !== '');
};

/** `srcFilter`: a string or a list of `+<…>`/`-<…>` strings, kept whole (a pattern may hold a space). */
const filterItems = (v: unknown): string[] | undefined => {
  if (v === undefined || v === null) return undefined;
  return Array.isArray(v) ? v.map(String) : [String(v)];
};

const bool = (v: unknown): boolean | undefined => {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  return ['yes', 'true', '1', 'on'].includes(String(v).toLowerCase());
};

function jsonDependencies(v: unknown): LibraryManifest['dependencies'] {
  if (!v) return [];
  if (Array.isArray(v)) {
    return v.flatMap((d) => {
      if (typeof d === 'string') return [{ name: d }];
      const o = d as Record<string, unknown>;
      if (typeof o.name !== 'string') return [];
      return [
        { name: o.name, ...(typeof o.owner === 'string' ? { owner: o.owner } : {}), ...(o.version ? { version: String(o.version) } : {}) },
      ];
    });
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).map(([key, version]) => {
      const slash = key.indexOf('/');
      const dep = slash > 0 ? { owner: key.slice(0, slash), name: key.slice(slash + 1) } : { name: key };
      return { ...dep, ...(version ? { version: String(version) } : {}) };
    });
  }
  return [];
}

function readJson(root: string): LibraryManifest {
  const path = join(root, 'library.json');
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
  } catch (e) {
    return { kind: 'none', dependencies: [], build: {}, warning: `ignoring broken library manifest ${path}: ${(e as Error).message}` };
  }
  const build = (data.build ?? {}) as Record<string, unknown>;
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const m: LibraryManifest = { kind: 'library.json', dependencies: jsonDependencies(data.dependencies), build: {} };
  const set = <K extends keyof LibraryManifest>(k: K, val: LibraryManifest[K] | undefined) => {
    if (val !== undefined) m[k] = val;
  };
  set('name', str(data.name));
  set('version', data.version === undefined ? undefined : String(data.version));
  set('owner', str(data.owner));
  set('frameworks', list(data.frameworks));
  set('platforms', list(data.platforms));
  const b: LibraryManifest['build'] = {};
  if (str(build.srcDir)) b.srcDir = str(build.srcDir)!;
  if (str(build.includeDir)) b.includeDir = str(build.includeDir)!;
  const filter = filterItems(build.srcFilter);
  if (filter) b.srcFilter = filter;
  const flags = words(build.flags);
  if (flags) b.flags = flags;
  const unflags = words(build.unflags);
  if (unflags) b.unflags = unflags;
  const archive = bool(build.libArchive);
  if (archive !== undefined) b.libArchive = archive;
  if (str(build.libLDFMode)) b.libLDFMode = str(build.libLDFMode)!;
  if (str(build.libCompatMode)) b.libCompatMode = str(build.libCompatMode)!;
  m.build = b;
  return m;
}

/** `key=value` lines of library.properties. */
function readProperties(root: string): LibraryManifest {
  const props: Record<string, string> = {};
  for (const line of readFileSync(join(root, 'library.properties'), 'utf8').split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.trimStart().startsWith('#')) props[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const m: LibraryManifest = { kind: 'library.properties', dependencies: [], build: {} };
  if (props.name) m.name = props.name;
  if (props.version) m.version = props.version;
  const archs = list(props.architectures);
  if (archs) m.platforms = archs.map((a) => ARCH_TO_PLATFORM[a.toLowerCase()] ?? a.toLowerCase());
  // `depends=Name (>=1.0), Other`: names, with an optional version in parentheses.
  m.dependencies = (list(props.depends) ?? []).map((d) => {
    const v = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(d);
    return v ? { name: v[1]!, version: v[2]!.replace(/\s+/g, '') } : { name: d };
  });
  if (props.precompiled) m.precompiled = props.precompiled;
  return m;
}

export function readLibraryManifest(root: string): LibraryManifest {
  const m = existsSync(join(root, 'library.json'))
    ? readJson(root)
    : existsSync(join(root, 'library.properties'))
      ? readProperties(root)
      : { kind: 'none' as const, dependencies: [], build: {} };
  // What PlatformIO recorded when it installed the package.
  for (const piopm of [join(root, '.piopm'), join(root, '.git', '.piopm')]) {
    if (!existsSync(piopm)) continue;
    try {
      const meta = JSON.parse(readFileSync(piopm, 'utf8')) as { name?: string; version?: string; spec?: { owner?: string; uri?: string } };
      if (meta.spec?.owner) m.owner = meta.spec.owner;
      if (meta.spec?.uri) m.uri = meta.spec.uri;
      if (meta.version && !m.version) m.version = meta.version;
      if (meta.name && !m.name) m.name = meta.name;
    } catch {
      // a damaged .piopm only loses the owner
    }
    break;
  }
  return m;
}

/** PlatformIO's PackageCompatibility: a missing list or `*` is compatible with anything. */
export function compatible(declared: string[] | undefined, ours: string): boolean {
  return !declared || declared.length === 0 || declared.includes('*') || declared.map((d) => d.toLowerCase()).includes(ours.toLowerCase());
}

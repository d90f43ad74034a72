import type { Dispatcher } from 'undici';
import semver from 'semver';
import { DownloadError, isRetryableStatus, loadUndici, withRetries } from '../../toolchains/download.js';
import { castVersion, satisfiesRequirement } from '../versionRequirement.js';

/**
 * The PlatformIO registry as PlatformIO Core's package manager uses it (DESIGN.md §4): a package by
 * owner and name, a search when there is no owner, the best version inside a requirement with a
 * file for this system, and the download URL behind the registry's mirror redirect.
 */

export const DEFAULT_REGISTRY_URL = 'https://api.registry.platformio.org';

export interface RegistryFile {
  /** Systems the file is for: empty, `*`, or names like `linux_x86_64` (a string or a list). */
  system?: string | string[] | null;
  size?: number;
  download_url: string;
  checksum?: { sha256?: string };
}

export interface RegistryVersion {
  name: string;
  released_at?: string;
  files: RegistryFile[];
}

export interface RegistryPackage {
  id: number;
  name: string;
  owner: { username: string };
  /** In a search answer: the latest version only. */
  version?: RegistryVersion;
  versions?: RegistryVersion[];
}

export interface RegistryQuery {
  owner?: string;
  name?: string;
  id?: number;
  requirements?: string;
}

/** The package, version and file a spec resolves to. */
export interface RegistryChoice {
  package: RegistryPackage;
  version: RegistryVersion;
  file: RegistryFile;
}

export interface RegistryClientOptions {
  /** The API base (`FBUILD_REGISTRY_URL`). */
  apiUrl?: string;
  retries?: number;
  backoffMs?: number;
  /** No answer for this long ends an attempt. Default 30 s. */
  timeoutMs?: number;
}

/** The registry answered something that is not what its API documents. */
export class RegistryError extends Error {}

/** This machine as PlatformIO's `util.get_systype()` names it (`linux_x86_64`, `darwin_arm64`, `windows_amd64`). */
export function systemType(platform: string = process.platform, arch: string = process.arch, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLATFORMIO_SYSTEM_TYPE) return env.PLATFORMIO_SYSTEM_TYPE;
  const system = platform === 'win32' ? 'windows' : platform;
  const machine =
    platform === 'win32'
      ? ({ x64: 'amd64', ia32: 'x86', arm64: 'arm64' }[arch] ?? arch)
      : ({ x64: 'x86_64', arm64: platform === 'darwin' ? 'arm64' : 'aarch64', arm: 'armv7l', ia32: 'i686' }[arch] ?? arch);
  return `${system}_${machine}`;
}

/** PlatformIO's is_system_compatible: no system, or `*`, fits every machine. */
export function isSystemCompatible(system: RegistryFile['system'], systype: string): boolean {
  const list =
    system === undefined || system === null
      ? []
      : Array.isArray(system)
        ? system
        : String(system)
            .split(',')
            .map((s) => s.trim());
  if (list.length === 0 || list.every((s) => s === '') || list.includes('*')) return true;
  return list.includes(systype);
}

const requirementHolds = (version: string, requirements: string | undefined) =>
  !requirements || satisfiesRequirement(version, requirements);

/** The highest version (as semver) inside the requirement that has a file for this system. */
export function pickBestVersion(
  versions: RegistryVersion[],
  requirements: string | undefined,
  systype: string,
): RegistryVersion | undefined {
  let best: { v: RegistryVersion; semver: string } | undefined;
  for (const v of versions) {
    const cast = castVersion(v.name);
    if (!cast || !requirementHolds(v.name, requirements)) continue;
    if (!v.files.some((f) => isSystemCompatible(f.system, systype))) continue;
    if (!best || semver.gt(cast, best.semver)) best = { v, semver: cast };
  }
  return best?.v;
}

export function pickFile(version: RegistryVersion, systype: string): RegistryFile | undefined {
  return version.files.find((f) => isSystemCompatible(f.system, systype));
}

export class RegistryClient {
  readonly apiUrl: string;
  private plain: Dispatcher | undefined;

  constructor(private readonly opts: RegistryClientOptions = {}) {
    this.apiUrl = (opts.apiUrl ?? DEFAULT_REGISTRY_URL).replace(/\/+$/, '');
  }

  /** `GET /v3/packages/{owner}/{type}/{name}`; undefined when the registry has no such package. */
  async getPackage(owner: string, name: string, type: 'library' | 'tool' = 'library'): Promise<RegistryPackage | undefined> {
    const path = `/v3/packages/${encodeURIComponent(owner.toLowerCase())}/${type}/${encodeURIComponent(name.toLowerCase())}`;
    return (await this.getJson<RegistryPackage>(path)) ?? undefined;
  }

  /** `GET /v3/search?query=type:"library" name:"x"` (or `id:"N"`): the items, best match first. */
  async search(q: RegistryQuery): Promise<RegistryPackage[]> {
    const terms =
      q.id !== undefined
        ? [`id:"${q.id}"`]
        : ['type:"library"', `name:"${q.name!.toLowerCase()}"`, ...(q.owner ? [`owner:"${q.owner.toLowerCase()}"`] : [])];
    const answer = await this.getJson<{ items?: RegistryPackage[] }>(`/v3/search?query=${encodeURIComponent(terms.join(' '))}`);
    return answer?.items ?? [];
  }

  /**
   * What a spec resolves to, as PlatformIO's install_from_registry picks it: by owner and name the
   * package's versions; otherwise a search, then for each package found its latest version, or
   * (when that is outside the requirement) all its versions. Undefined when nothing fits.
   */
  async choose(q: RegistryQuery, systype: string = systemType()): Promise<RegistryChoice | undefined> {
    const withFile = (pkg: RegistryPackage, version: RegistryVersion | undefined): RegistryChoice | undefined => {
      const file = version && pickFile(version, systype);
      return version && file ? { package: pkg, version, file } : undefined;
    };
    if (q.owner && q.name) {
      const pkg = await this.getPackage(q.owner, q.name);
      return pkg ? withFile(pkg, pickBestVersion(pkg.versions ?? [], q.requirements, systype)) : undefined;
    }
    for (const item of await this.search(q)) {
      const latest = item.version ? pickBestVersion([item.version], q.requirements, systype) : undefined;
      if (latest) return withFile(item, latest);
      const full = await this.getPackage(item.owner.username, item.name);
      const chosen = full && withFile(full, pickBestVersion(full.versions ?? [], q.requirements, systype));
      if (chosen) return chosen;
    }
    return undefined;
  }

  /**
   * The registry's download protocol: `HEAD download_url` without following redirects answers
   * 302/307 with the mirror's `Location` and the file's `X-PIO-Content-SHA256`. A server that
   * answers the HEAD with 200 serves the file itself. The checksum from the header wins over the
   * API's, as in PlatformIO.
   */
  async downloadLocation(file: RegistryFile): Promise<{ url: string; sha256: string | undefined }> {
    return withRetries(async () => {
      const res = await this.send(file.download_url, 'HEAD');
      await res.body.dump().catch(() => undefined);
      const header = (name: string) => {
        const v = res.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const apiSha = file.checksum?.sha256;
      if (res.statusCode === 302 || res.statusCode === 307 || res.statusCode === 301 || res.statusCode === 303) {
        const location = header('location');
        if (!location) throw new DownloadError(`the registry's redirect for ${file.download_url} has no Location`, true);
        return { url: new URL(location, file.download_url).toString(), sha256: header('x-pio-content-sha256') ?? apiSha };
      }
      if (res.statusCode === 200) return { url: file.download_url, sha256: apiSha };
      throw new DownloadError(`the server answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
    }, this.opts);
  }

  private async getJson<T>(path: string): Promise<T | null> {
    return withRetries(async () => {
      const res = await this.send(`${this.apiUrl}${path}`, 'GET');
      if (res.statusCode === 404) {
        await res.body.dump().catch(() => undefined);
        return null;
      }
      if (res.statusCode !== 200) {
        await res.body.dump().catch(() => undefined);
        throw new DownloadError(`the registry answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
      }
      const text = await res.body.text();
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new DownloadError(`the registry answered something that is not JSON (${text.slice(0, 60).replace(/\s+/g, ' ')})`, true);
      }
    }, this.opts);
  }

  private async send(url: string, method: 'GET' | 'HEAD') {
    const timeout = this.opts.timeoutMs ?? 30_000;
    try {
      const { Agent, request } = await loadUndici();
      this.plain ??= new Agent();
      return await request(url, { method, dispatcher: this.plain, headersTimeout: timeout, bodyTimeout: timeout });
    } catch (e) {
      throw new Error(`could not reach ${new URL(url).host} (${(e as Error).message})`, { cause: e });
    }
  }

  async close(): Promise<void> {
    await this.plain?.close();
  }
}

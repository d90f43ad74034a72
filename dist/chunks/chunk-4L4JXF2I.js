import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  DownloadError,
  isRetryableStatus,
  loadUndici,
  withRetries
} from "./chunk-DCQF6WKC.js";
import {
  castVersion,
  satisfiesRequirement
} from "./chunk-IK4PVOP5.js";
import {
  require_semver
} from "./chunk-5G66G5GG.js";
import {
  __toESM
} from "./chunk-ZATFCR4X.js";

// server/project/libdeps/registryClient.ts
var import_semver = __toESM(require_semver(), 1);
var DEFAULT_REGISTRY_URL = "https://api.registry.platformio.org";
function systemType(platform = process.platform, arch = process.arch, env = process.env) {
  if (env.PLATFORMIO_SYSTEM_TYPE) return env.PLATFORMIO_SYSTEM_TYPE;
  const system = platform === "win32" ? "windows" : platform;
  const machine = platform === "win32" ? { x64: "amd64", ia32: "x86", arm64: "arm64" }[arch] ?? arch : { x64: "x86_64", arm64: platform === "darwin" ? "arm64" : "aarch64", arm: "armv7l", ia32: "i686" }[arch] ?? arch;
  return `${system}_${machine}`;
}
function isSystemCompatible(system, systype) {
  const list = system === void 0 || system === null ? [] : Array.isArray(system) ? system : String(system).split(",").map((s) => s.trim());
  if (list.length === 0 || list.every((s) => s === "") || list.includes("*")) return true;
  return list.includes(systype);
}
var requirementHolds = (version, requirements) => !requirements || satisfiesRequirement(version, requirements);
function pickBestVersion(versions, requirements, systype) {
  let best;
  for (const v of versions) {
    const cast = castVersion(v.name);
    if (!cast || !requirementHolds(v.name, requirements)) continue;
    if (!v.files.some((f) => isSystemCompatible(f.system, systype))) continue;
    if (!best || import_semver.default.gt(cast, best.semver)) best = { v, semver: cast };
  }
  return best?.v;
}
function pickFile(version, systype) {
  return version.files.find((f) => isSystemCompatible(f.system, systype));
}
var RegistryClient = class {
  constructor(opts = {}) {
    this.opts = opts;
    this.apiUrl = (opts.apiUrl ?? DEFAULT_REGISTRY_URL).replace(/\/+$/, "");
  }
  opts;
  apiUrl;
  plain;
  /** `GET /v3/packages/{owner}/{type}/{name}`; undefined when the registry has no such package. */
  async getPackage(owner, name, type = "library") {
    const path = `/v3/packages/${encodeURIComponent(owner.toLowerCase())}/${type}/${encodeURIComponent(name.toLowerCase())}`;
    return await this.getJson(path) ?? void 0;
  }
  /** `GET /v3/search?query=type:"library" name:"x"` (or `id:"N"`): the items, best match first. */
  async search(q) {
    const terms = q.id !== void 0 ? [`id:"${q.id}"`] : ['type:"library"', `name:"${q.name.toLowerCase()}"`, ...q.owner ? [`owner:"${q.owner.toLowerCase()}"`] : []];
    const answer = await this.getJson(`/v3/search?query=${encodeURIComponent(terms.join(" "))}`);
    return answer?.items ?? [];
  }
  /**
   * What a spec resolves to, as PlatformIO's install_from_registry picks it: by owner and name the
   * package's versions; otherwise a search, then for each package found its latest version, or
   * (when that is outside the requirement) all its versions. Undefined when nothing fits.
   */
  async choose(q, systype = systemType()) {
    const withFile = (pkg, version) => {
      const file = version && pickFile(version, systype);
      return version && file ? { package: pkg, version, file } : void 0;
    };
    if (q.owner && q.name) {
      const pkg = await this.getPackage(q.owner, q.name);
      return pkg ? withFile(pkg, pickBestVersion(pkg.versions ?? [], q.requirements, systype)) : void 0;
    }
    for (const item of await this.search(q)) {
      const latest = item.version ? pickBestVersion([item.version], q.requirements, systype) : void 0;
      if (latest) return withFile(item, latest);
      const full = await this.getPackage(item.owner.username, item.name);
      const chosen = full && withFile(full, pickBestVersion(full.versions ?? [], q.requirements, systype));
      if (chosen) return chosen;
    }
    return void 0;
  }
  /**
   * The registry's download protocol: `HEAD download_url` without following redirects answers
   * 302/307 with the mirror's `Location` and the file's `X-PIO-Content-SHA256`. A server that
   * answers the HEAD with 200 serves the file itself. The checksum from the header wins over the
   * API's, as in PlatformIO.
   */
  async downloadLocation(file) {
    return withRetries(async () => {
      const res = await this.send(file.download_url, "HEAD");
      await res.body.dump().catch(() => void 0);
      const header = (name) => {
        const v = res.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const apiSha = file.checksum?.sha256;
      if (res.statusCode === 302 || res.statusCode === 307 || res.statusCode === 301 || res.statusCode === 303) {
        const location = header("location");
        if (!location) throw new DownloadError(`the registry's redirect for ${file.download_url} has no Location`, true);
        return { url: new URL(location, file.download_url).toString(), sha256: header("x-pio-content-sha256") ?? apiSha };
      }
      if (res.statusCode === 200) return { url: file.download_url, sha256: apiSha };
      throw new DownloadError(`the server answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
    }, this.opts);
  }
  async getJson(path) {
    return withRetries(async () => {
      const res = await this.send(`${this.apiUrl}${path}`, "GET");
      if (res.statusCode === 404) {
        await res.body.dump().catch(() => void 0);
        return null;
      }
      if (res.statusCode !== 200) {
        await res.body.dump().catch(() => void 0);
        throw new DownloadError(`the registry answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
      }
      const text = await res.body.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new DownloadError(`the registry answered something that is not JSON (${text.slice(0, 60).replace(/\s+/g, " ")})`, true);
      }
    }, this.opts);
  }
  async send(url, method) {
    const timeout = this.opts.timeoutMs ?? 3e4;
    try {
      const { Agent, request } = await loadUndici();
      this.plain ??= new Agent();
      return await request(url, { method, dispatcher: this.plain, headersTimeout: timeout, bodyTimeout: timeout });
    } catch (e) {
      throw new Error(`could not reach ${new URL(url).host} (${e.message})`, { cause: e });
    }
  }
  async close() {
    await this.plain?.close();
  }
};

export {
  systemType,
  pickFile,
  RegistryClient
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  downloadFile,
  extractArchive
} from "./chunk-DCQF6WKC.js";
import {
  gccVersion,
  manifest_default,
  systemAvrToolchain
} from "./chunk-6FV4Q5OU.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/toolchains/resolveAvr.ts
import { existsSync, mkdirSync as mkdirSync2, readFileSync as readFileSync3, rmSync as rmSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join2 } from "node:path";

// server/toolchains/installer.ts
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
var InstallError = class extends UserError {
  constructor(message) {
    super(message, 1);
    this.name = "InstallError";
  }
};
var MARKER = ".fbuild-package.json";
function hostTriple(platform = process.platform, arch = process.arch) {
  if (platform === "linux")
    return { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu", arm: "arm-linux-gnueabihf", ia32: "i686-linux-gnu" }[arch] ?? `${arch}-linux-gnu`;
  if (platform === "darwin") return arch === "arm64" ? "arm64-apple-darwin" : "x86_64-apple-darwin14";
  if (platform === "win32") return arch === "x64" ? "x86_64-mingw32" : "i686-mingw32";
  return `${arch}-${platform}`;
}
function packageDir(toolchainsDir, spec) {
  return join(toolchainsDir, `${spec.name}-${spec.version}`);
}
function installedPackage(toolchainsDir, spec, archive) {
  const dir = packageDir(toolchainsDir, spec);
  try {
    const marker = JSON.parse(readFileSync(join(dir, MARKER), "utf8"));
    if (!archive || marker.sha256 === archive.sha256) return dir;
  } catch {
  }
  return void 0;
}
function chooseArchive(spec, host) {
  const archive = spec.systems.find((s) => s.host === host) ?? spec.systems.find((s) => s.host === "any");
  if (!archive) {
    throw new InstallError(
      `${spec.name} ${spec.version} has no archive for this machine (${host}); known hosts: ${spec.systems.map((s) => s.host).join(", ")}`
    );
  }
  return archive;
}
async function installPackage(spec, opts) {
  const archive = chooseArchive(spec, opts.host ?? hostTriple());
  const existing = installedPackage(opts.toolchainsDir, spec, archive);
  if (existing) return { dir: existing, downloaded: false };
  const url = opts.mirror ? `${opts.mirror.replace(/\/$/, "")}/${archive.archiveFileName}` : archive.url;
  const what = `${spec.name} ${spec.version} from ${url}`;
  mkdirSync(opts.toolchainsDir, { recursive: true });
  const work = join(opts.toolchainsDir, `.tmp-${spec.name}-${randomBytes(6).toString("hex")}`);
  mkdirSync(work);
  try {
    const file = join(work, archive.archiveFileName);
    try {
      await downloadFile(url, file, {
        size: archive.size,
        sha256: archive.sha256,
        retries: opts.retries ?? 3,
        backoffMs: opts.backoffMs ?? 500,
        stallTimeoutMs: opts.stallTimeoutMs ?? 3e4,
        diskOf: opts.toolchainsDir,
        mismatchHint: "the file is not the pinned one",
        ...opts.onProgress ? { onProgress: (received) => opts.onProgress({ name: spec.name, received, total: archive.size }) } : {}
      });
    } catch (e) {
      throw new InstallError(`cannot install ${what}: ${e.message}`);
    }
    let root;
    try {
      root = extractArchive(file, join(work, "x"));
    } catch (e) {
      throw new InstallError(`cannot install ${what}: ${e.message}`);
    }
    writeFileSync(
      join(root, MARKER),
      JSON.stringify({ name: spec.name, version: spec.version, sha256: archive.sha256, url, installedAt: (/* @__PURE__ */ new Date()).toISOString() })
    );
    const dir = packageDir(opts.toolchainsDir, spec);
    try {
      renameSync(root, dir);
    } catch (e) {
      const other = installedPackage(opts.toolchainsDir, spec, archive);
      if (other) return { dir: other, downloaded: true };
      throw new InstallError(
        `cannot install ${what}: ${dir} is in the way (${e.code}); remove it and try again`
      );
    }
    return { dir, downloaded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// server/toolchains/manifest.ts
import { readFileSync as readFileSync2 } from "node:fs";
var INSTALL_NAMES = { "Arduino AVR Boards": "framework-arduino-avr" };
function loadManifest(env = process.env) {
  const path = env.FBUILD_PACKAGE_MANIFEST;
  let file = manifest_default;
  if (path) {
    try {
      file = JSON.parse(readFileSync2(path, "utf8"));
    } catch (e) {
      throw new UserError(`cannot read the package manifest ${path}: ${e.message}; fix FBUILD_PACKAGE_MANIFEST or unset it`);
    }
  }
  return file.packages.map((p) => ({
    name: INSTALL_NAMES[p.name] ?? p.name,
    version: p.version,
    systems: p.systems.filter((s) => s.sha256 !== null && s.size !== null)
  }));
}
function findPackage(specs, name) {
  const spec = specs.find((s) => s.name === name);
  if (!spec) throw new UserError(`the package manifest has no ${name}; add it or use --toolchain system`);
  return spec;
}

// server/toolchains/resolveAvr.ts
function toolchainMode(value) {
  return value === "pinned" || value === "system" ? value : "auto";
}
var AVR_GCC = "avr-gcc";
var ARDUINO_AVR_CORE = "framework-arduino-avr";
var AUTO_RETRY_MS = 60 * 60 * 1e3;
function lastFailure(path) {
  try {
    return JSON.parse(readFileSync3(path, "utf8"));
  } catch {
    return void 0;
  }
}
function systemFallbackLine() {
  return "using the system toolchain: the pinned one is not installed ('fbuild toolchains install uno'; --verbose says why)";
}
function toolchainsDirFor(env, cacheDir) {
  return env.FBUILD_TOOLCHAINS_DIR || join2(cacheDir ?? defaultCacheDir(env), "toolchains");
}
function pinnedFrom(gccDir, coreDir, gcc, core) {
  const bin = (t) => join2(gccDir, "bin", t);
  for (const t of ["avr-gcc", "avr-g++", "avr-gcc-ar", "avr-gcc-ranlib", "avr-objcopy", "avr-size"]) {
    if (!existsSync(bin(t)))
      throw new UserError(`the installed ${gcc.name} ${gcc.version} has no bin/${t}; remove ${gccDir} and install again`);
  }
  const version = gccVersion(bin("avr-gcc"), "avr");
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: "pinned",
    description: `pinned ${gcc.name} ${gcc.version} (gcc ${version}) with ArduinoCore-avr ${core.version}, in ${gccDir}`,
    gcc: bin("avr-gcc"),
    gxx: bin("avr-g++"),
    ar: bin("avr-gcc-ar"),
    ranlib: bin("avr-gcc-ranlib"),
    objcopy: bin("avr-objcopy"),
    size: bin("avr-size"),
    gccMajor,
    frameworkDir: coreDir,
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ["-DDECIMAL_DIG=__DECIMAL_DIG__"] : []
  };
}
async function resolveAvrToolchain(opts) {
  const env = opts.env ?? process.env;
  if (opts.mode === "system") return systemAvrToolchain(env);
  const specs = loadManifest(env);
  const gcc = findPackage(specs, AVR_GCC);
  const core = findPackage(specs, ARDUINO_AVR_CORE);
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(env);
  const installed = [gcc, core].map((s) => installedPackage(toolchainsDir, s));
  if (installed[0] && installed[1]) return pinnedFrom(installed[0], installed[1], gcc, core);
  const mirror = env.FBUILD_PACKAGE_MIRROR;
  const failedMark = join2(toolchainsDir, ".auto-install-failed");
  if (opts.mode === "auto") {
    const last = lastFailure(failedMark);
    if (last && Date.now() - last.at < AUTO_RETRY_MS && last.mirror === (mirror ?? "")) {
      const system = systemAvrToolchain(env);
      opts.onNotice?.(systemFallbackLine(), {
        detail: `${system.description}; installing the pinned toolchain failed ${Math.round((Date.now() - last.at) / 6e4)} min ago (${last.reason}); 'fbuild toolchains install uno' retries now`,
        repeat: last.noticed === true
      });
      return system;
    }
  }
  try {
    const install = (s) => installPackage(s, {
      toolchainsDir,
      ...mirror ? { mirror } : {},
      host: hostTriple(),
      // auto falls back at once rather than retrying a network that is not there
      ...opts.mode === "auto" ? { retries: 0, stallTimeoutMs: 15e3 } : {},
      ...opts.onProgress ? { onProgress: opts.onProgress } : {}
    });
    const [g, c] = [await install(gcc), await install(core)];
    opts.onNotice?.(`installed ${gcc.name} ${gcc.version} and ArduinoCore-avr ${core.version} into ${toolchainsDir}`);
    rmSync2(failedMark, { force: true });
    return pinnedFrom(g.dir, c.dir, gcc, core);
  } catch (e) {
    if (opts.mode === "pinned") throw e;
    const system = systemAvrToolchain(env);
    const noticedBefore = lastFailure(failedMark)?.noticed === true;
    try {
      mkdirSync2(toolchainsDir, { recursive: true });
      writeFileSync2(failedMark, JSON.stringify({ at: Date.now(), mirror: mirror ?? "", reason: e.message, noticed: true }));
    } catch {
    }
    opts.onNotice?.(systemFallbackLine(), {
      detail: `${system.description}; the pinned toolchain could not be installed: ${e.message}`,
      repeat: noticedBefore
    });
    return system;
  }
}

export {
  hostTriple,
  installedPackage,
  installPackage,
  loadManifest,
  toolchainMode,
  AVR_GCC,
  ARDUINO_AVR_CORE,
  toolchainsDirFor,
  resolveAvrToolchain
};

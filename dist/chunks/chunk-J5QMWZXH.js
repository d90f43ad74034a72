import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  require_undici
} from "./chunk-OJVVGWCJ.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import {
  UserError
} from "./chunk-D4GZEASM.js";
import {
  __toESM
} from "./chunk-3EKYSYMU.js";

// server/toolchains/avrToolchain.ts
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
var DEBIAN_FRAMEWORK = "/usr/share/arduino/hardware/arduino/avr";
function gccVersion(gcc, target) {
  try {
    const dirs = readdirSync(join(dirname(realpathSync(gcc)), "..", "lib", "gcc", target)).filter((d) => /^\d+(\.\d+)*$/.test(d));
    if (dirs.length === 1) return dirs[0];
  } catch {
  }
  return spawnSync(gcc, ["-dumpversion"], { encoding: "utf8" }).stdout.trim();
}
function systemAvrToolchain(env = process.env) {
  const tools = Object.fromEntries(["avr-gcc", "avr-g++", "avr-gcc-ar", "avr-gcc-ranlib", "avr-objcopy", "avr-size"].map((t) => [t, onPath(t, env)]));
  const missing = Object.entries(tools).filter(([, p]) => !p).map(([t]) => t);
  if (missing.length) {
    throw new UserError(
      `${missing.join(", ")} not found on PATH; install the AVR toolchain (apt-get install gcc-avr binutils-avr avr-libc arduino-core-avr)`
    );
  }
  const frameworkDir = env.FBUILD_ARDUINO_AVR_DIR ?? DEBIAN_FRAMEWORK;
  if (!existsSync(join(frameworkDir, "cores", "arduino", "Arduino.h"))) {
    throw new UserError(`the Arduino AVR core is not installed (no ${frameworkDir}/cores/arduino); install it (apt-get install arduino-core-avr)`);
  }
  const version = gccVersion(tools["avr-gcc"], "avr");
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: "system",
    description: `system avr-gcc ${version} (${tools["avr-gcc"]}) with the Arduino core in ${frameworkDir}`,
    gcc: tools["avr-gcc"],
    gxx: tools["avr-g++"],
    ar: tools["avr-gcc-ar"],
    ranlib: tools["avr-gcc-ranlib"],
    objcopy: tools["avr-objcopy"],
    size: tools["avr-size"],
    gccMajor,
    frameworkDir,
    // GCC < 7's <float.h> defines DECIMAL_DIG for C99 only; the core's WString.cpp needs it in C++.
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ["-DDECIMAL_DIG=__DECIMAL_DIG__"] : []
  };
}

// server/toolchains/installer.ts
import { randomBytes } from "node:crypto";
import { mkdirSync as mkdirSync2, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join as join3 } from "node:path";

// server/toolchains/download.ts
var import_undici = __toESM(require_undici(), 1);
import { spawnSync as spawnSync2 } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync as readdirSync2, readSync, statSync, writeSync } from "node:fs";
import { join as join2 } from "node:path";
var DownloadError = class extends Error {
  constructor(message, permanent, options) {
    super(message, options);
    this.permanent = permanent;
    this.name = "DownloadError";
  }
  permanent;
};
var following;
var redirectingDispatcher = () => following ??= new import_undici.Agent().compose(import_undici.interceptors.redirect({ maxRedirections: 5 }));
var isRetryableStatus = (status) => status === 413 || status === 429 || status >= 500;
var backoff = (ms, attempt) => new Promise((r) => setTimeout(r, ms * 2 ** attempt));
async function withRetries(run, opts) {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const permanent = e instanceof DownloadError && e.permanent;
      if (permanent || attempt >= retries) {
        const message = e.message;
        throw new DownloadError(attempt ? `${message} (after ${attempt + 1} attempts)` : message, true, { cause: e });
      }
      await backoff(opts.backoffMs ?? 500, attempt);
    }
  }
}
function downloadFile(url, file, opts = {}) {
  return withRetries(() => downloadOnce(url, file, opts), opts);
}
async function downloadOnce(url, file, opts) {
  const controller = new AbortController();
  const stallMs = opts.stallTimeoutMs ?? 3e4;
  let stalled = false;
  let timer = setTimeout(() => (stalled = true, controller.abort()), stallMs);
  const fd = openSync(file, "w");
  const hash = createHash("sha256");
  let received = 0;
  let total = opts.size;
  const of = () => total === void 0 ? "" : ` of ${total}`;
  try {
    const res = await (0, import_undici.request)(url, { signal: controller.signal, dispatcher: redirectingDispatcher() });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => void 0);
      throw new DownloadError(`the server answered HTTP ${res.statusCode}`, !isRetryableStatus(res.statusCode));
    }
    const length = Number(res.headers["content-length"]);
    if (total === void 0 && Number.isInteger(length) && length >= 0) total = length;
    for await (const chunk of res.body) {
      clearTimeout(timer);
      timer = setTimeout(() => (stalled = true, controller.abort()), stallMs);
      received += chunk.length;
      if (total !== void 0 && received > total) throw new DownloadError(`the download is larger than the expected ${total} bytes`, true);
      hash.update(chunk);
      try {
        writeSync(fd, chunk);
      } catch (e) {
        if (e.code === "ENOSPC") {
          throw new DownloadError(`no space left on the device of ${opts.diskOf ?? file}; free some space and try again`, true);
        }
        throw e;
      }
      opts.onProgress?.(received, total);
    }
  } catch (e) {
    if (stalled) throw new Error(`no data for ${Math.round(stallMs / 1e3)} s (stalled after ${received}${of()} bytes)`, { cause: e });
    if (e instanceof DownloadError) throw e;
    const why = e.message;
    throw new Error(received ? `the download broke off after ${received}${of()} bytes (${why})` : `could not download it (${why})`, {
      cause: e
    });
  } finally {
    clearTimeout(timer);
    closeSync(fd);
  }
  if (total !== void 0 && received !== total) throw new Error(`truncated download: ${received} of ${total} bytes`);
  const got = hash.digest("hex");
  if (opts.sha256 && got !== opts.sha256.toLowerCase()) {
    throw new DownloadError(
      `checksum mismatch: expected SHA-256 ${opts.sha256}, got ${got}${opts.mismatchHint ? `; ${opts.mismatchHint}` : ""}`,
      true
    );
  }
}
function archiveKind(file) {
  const head = Buffer.alloc(6);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 31 && head[1] === 139) return "tar.gz";
  if (head.subarray(0, 3).toString("latin1") === "BZh") return "tar.bz2";
  if (head.equals(Buffer.from([253, 55, 122, 88, 90, 0]))) return "tar.xz";
  if (head[0] === 80 && head[1] === 75 && (head[2] === 3 || head[2] === 5)) return "zip";
  return void 0;
}
function extractArchive(file, into) {
  mkdirSync(into, { recursive: true });
  const kind = archiveKind(file);
  if (!kind) throw new Error("it is not a tar.gz, tar.bz2, tar.xz or zip archive");
  const isZip = kind === "zip";
  const r = isZip ? spawnSync2("unzip", ["-q", file, "-d", into], { encoding: "utf8" }) : spawnSync2("tar", ["-xf", file, "-C", into], { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    const tool = isZip ? "unzip" : "tar";
    const why = r.error ? `${tool} could not run (${r.error.code}); install it` : (r.stderr || "").trim().split("\n")[0];
    throw new Error(`extracting failed: ${why}`);
  }
  const top = readdirSync2(into);
  if (top.length === 1 && statSync(join2(into, top[0])).isDirectory()) return join2(into, top[0]);
  return into;
}

// server/toolchains/installer.ts
var InstallError = class extends UserError {
  constructor(message) {
    super(message, 1);
    this.name = "InstallError";
  }
};
var MARKER = ".fbuild-package.json";
function hostTriple(platform = process.platform, arch = process.arch) {
  if (platform === "linux") return { x64: "x86_64-linux-gnu", arm64: "aarch64-linux-gnu", arm: "arm-linux-gnueabihf", ia32: "i686-linux-gnu" }[arch] ?? `${arch}-linux-gnu`;
  if (platform === "darwin") return arch === "arm64" ? "arm64-apple-darwin" : "x86_64-apple-darwin14";
  if (platform === "win32") return arch === "x64" ? "x86_64-mingw32" : "i686-mingw32";
  return `${arch}-${platform}`;
}
function packageDir(toolchainsDir, spec) {
  return join3(toolchainsDir, `${spec.name}-${spec.version}`);
}
function installedPackage(toolchainsDir, spec, archive) {
  const dir = packageDir(toolchainsDir, spec);
  try {
    const marker = JSON.parse(readFileSync(join3(dir, MARKER), "utf8"));
    if (!archive || marker.sha256 === archive.sha256) return dir;
  } catch {
  }
  return void 0;
}
function chooseArchive(spec, host) {
  const archive = spec.systems.find((s) => s.host === host) ?? spec.systems.find((s) => s.host === "any");
  if (!archive) {
    throw new InstallError(`${spec.name} ${spec.version} has no archive for this machine (${host}); known hosts: ${spec.systems.map((s) => s.host).join(", ")}`);
  }
  return archive;
}
async function installPackage(spec, opts) {
  const archive = chooseArchive(spec, opts.host ?? hostTriple());
  const existing = installedPackage(opts.toolchainsDir, spec, archive);
  if (existing) return { dir: existing, downloaded: false };
  const url = opts.mirror ? `${opts.mirror.replace(/\/$/, "")}/${archive.archiveFileName}` : archive.url;
  const what = `${spec.name} ${spec.version} from ${url}`;
  mkdirSync2(opts.toolchainsDir, { recursive: true });
  const work = join3(opts.toolchainsDir, `.tmp-${spec.name}-${randomBytes(6).toString("hex")}`);
  mkdirSync2(work);
  try {
    const file = join3(work, archive.archiveFileName);
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
      root = extractArchive(file, join3(work, "x"));
    } catch (e) {
      throw new InstallError(`cannot install ${what}: ${e.message}`);
    }
    writeFileSync(join3(root, MARKER), JSON.stringify({ name: spec.name, version: spec.version, sha256: archive.sha256, url, installedAt: (/* @__PURE__ */ new Date()).toISOString() }));
    const dir = packageDir(opts.toolchainsDir, spec);
    try {
      renameSync(root, dir);
    } catch (e) {
      const other = installedPackage(opts.toolchainsDir, spec, archive);
      if (other) return { dir: other, downloaded: true };
      throw new InstallError(`cannot install ${what}: ${dir} is in the way (${e.code}); remove it and try again`);
    }
    return { dir, downloaded: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// server/toolchains/manifest.ts
import { readFileSync as readFileSync2 } from "node:fs";

// server/toolchains/manifest.json
var manifest_default = {
  note: "Built by reading stored public copies: Arduino's package_index.json (for avr-gcc and AVR core 1.8.6), pioarduino/platform-espressif32 platform.json at tag 55.03.31-2 (the newest tag pinning xtensa GCC 14.2.0_20241119), ESP-IDF tools.json, and a mirror of Espressif's package_esp32_index.json. Every URL, size and checksum is copied from those files; where a source publishes none, the value is null.",
  packages: [
    {
      name: "avr-gcc",
      version: "7.3.0-atmel3.6.1-arduino7",
      board: "uno",
      kind: "toolchain",
      source: "Arduino's package_index.json (packager 'arduino'), copy from a user's Arduino15 directory (stored next to package_index.json.sig, signature not checked here) in github.com/sota-y/Arduino-r4, path package_index.json, commit 4cfcd0c4774c9763237784b61b607d10a5c34de2 (2024-06-26); tools -> avr-gcc 7.3.0-atmel3.6.1-arduino7. Identical entry in the older copy github.com/Ronnie-Leon76/Arduino-Projects .arduino15/package_index.json @ fad52df9c3ddb21204e876c42a90a8239f6eb632 (2021-08-10) and in arduino/arduino-cli docs/package_index_json-specification.md.",
      systems: [
        {
          host: "aarch64-linux-gnu",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-aarch64-pc-linux-gnu.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-aarch64-pc-linux-gnu.tar.bz2",
          size: 38045723,
          sha256: "03d322b9df6da17289e9e7c6233c34a8535d9c645c19efc772ba19e56914f339"
        },
        {
          host: "arm-linux-gnueabihf",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-arm-linux-gnueabihf.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-arm-linux-gnueabihf.tar.bz2",
          size: 34683056,
          sha256: "3903553d035da59e33cff9941b857c3cb379cb0638105dfdf69c97f0acc8e7b5"
        },
        {
          host: "i686-linux-gnu",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-pc-linux-gnu.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-pc-linux-gnu.tar.bz2",
          size: 37176991,
          sha256: "954bbffb33545bcdcd473af993da2980bf32e8461ff55a18e0eebc7b2ef69a4c"
        },
        {
          host: "i686-mingw32",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-w64-mingw32.zip",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-i686-w64-mingw32.zip",
          size: 52519412,
          sha256: "a54f64755fff4cb792a1495e5defdd789902a2a3503982e81b898299cf39800e"
        },
        {
          host: "x86_64-apple-darwin14",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-apple-darwin14.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-apple-darwin14.tar.bz2",
          size: 36684546,
          sha256: "f6ed2346953fcf88df223469088633eb86de997fa27ece117fd1ef170d69c1f8"
        },
        {
          host: "x86_64-linux-gnu",
          url: "http://downloads.arduino.cc/tools/avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-pc-linux-gnu.tar.bz2",
          archiveFileName: "avr-gcc-7.3.0-atmel3.6.1-arduino7-x86_64-pc-linux-gnu.tar.bz2",
          size: 37630618,
          sha256: "bd8c37f6952a2130ac9ee32c53f6a660feb79bee8353c8e289eb60fdcefed91e"
        }
      ]
    },
    {
      name: "Arduino AVR Boards",
      architecture: "avr",
      version: "1.8.6",
      board: "uno",
      kind: "platform",
      source: "Arduino's package_index.json (packager 'arduino'), copy from a user's Arduino15 directory (stored next to package_index.json.sig, signature not checked here) in github.com/sota-y/Arduino-r4, path package_index.json, commit 4cfcd0c4774c9763237784b61b607d10a5c34de2 (2024-06-26); platforms -> architecture avr, version 1.8.6",
      toolsDependencies: [
        {
          packager: "arduino",
          name: "arduinoOTA",
          version: "1.3.0"
        },
        {
          packager: "arduino",
          name: "avr-gcc",
          version: "7.3.0-atmel3.6.1-arduino7"
        },
        {
          packager: "arduino",
          name: "avrdude",
          version: "6.3.0-arduino17"
        }
      ],
      systems: [
        {
          host: "any",
          url: "http://downloads.arduino.cc/cores/staging/avr-1.8.6.tar.bz2",
          archiveFileName: "avr-1.8.6.tar.bz2",
          size: 7127080,
          sha256: "ff1d17274b5a952f172074bd36c3924336baefded0232e10982f8999c2f7c3b6"
        }
      ]
    },
    {
      name: "toolchain-xtensa-esp-elf",
      version: "14.2.0+20241119",
      board: "esp32dev",
      kind: "toolchain",
      source: 'github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31"); packages -> toolchain-xtensa-esp-elf (owner pioarduino). platform.json gives only the URL: no size, no checksum.',
      platformJsonVersion: "https://github.com/pioarduino/registry/releases/download/0.0.1/xtensa-esp-elf-14.2.0_20241119.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/pioarduino/registry/releases/download/0.0.1/xtensa-esp-elf-14.2.0_20241119.zip",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119.zip",
          size: null,
          sha256: null
        }
      ]
    },
    {
      name: "xtensa-esp-elf",
      version: "esp-14.2.0_20241119",
      board: "esp32dev",
      kind: "toolchain-upstream",
      source: "github.com/espressif/esp-idf tools/tools.json at commit 129cd0d247f7abccc142a498d93963b8f19a9e69 (release/v5.5, the IDF commit the esp32-arduino-libs idf-release_v5.5-129cd0d2-v4 build names); tools -> xtensa-esp-elf, versions -> esp-14.2.0_20241119 (status recommended). Same entry, byte-for-byte, at tags v5.4, v5.5 and v5.5.1. 'host' is mapped from the tools.json platform key (kept as idfPlatform); archiveFileName is the URL's last path segment.",
      note: "These are Espressif's own per-host archives of the same GCC 14.2.0_20241119 build, not the pioarduino zip. pioarduino's platform.py installs a toolchain by running idf_tools.py on a tools.json inside the downloaded package. That inner tools.json was not readable here, so it is not confirmed that it points to exactly these archives.",
      systems: [
        {
          host: "x86_64-linux-gnu",
          idfPlatform: "linux-amd64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-x86_64-linux-gnu.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-x86_64-linux-gnu.tar.xz",
          size: 174652716,
          sha256: "e3e6dcf3d275c3c9ab0e4c8a9d93fd10e7efc035d435460576c9d95b4140c676"
        },
        {
          host: "aarch64-linux-gnu",
          idfPlatform: "linux-arm64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-aarch64-linux-gnu.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-aarch64-linux-gnu.tar.xz",
          size: 176920772,
          sha256: "ac2b311dc0003386425086bfc813bf2aeb3cdf3b117845802df6ebef5f69955f"
        },
        {
          host: "arm-linux-gnueabi",
          idfPlatform: "linux-armel",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabi.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabi.tar.xz",
          size: 167715268,
          sha256: "c54c2877582070115fe6f4870a88a4db4f2f945becf2d70bb1f71e5ab1cac673"
        },
        {
          host: "arm-linux-gnueabihf",
          idfPlatform: "linux-armhf",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabihf.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-arm-linux-gnueabihf.tar.xz",
          size: 168451936,
          sha256: "04addfee56b45d62b6980967c71fafd6aec2be6dee6d8501e9db70345a6179d2"
        },
        {
          host: "i686-linux-gnu",
          idfPlatform: "linux-i686",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-i586-linux-gnu.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-i586-linux-gnu.tar.xz",
          size: 178264512,
          sha256: "acf3fb7e37274413cd8c812894a6a0e3a0b3a78e9d5b533893d304008cc996c2"
        },
        {
          host: "x86_64-apple-darwin",
          idfPlatform: "macos",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-x86_64-apple-darwin.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-x86_64-apple-darwin.tar.xz",
          size: 182782108,
          sha256: "1ca7a93825d5b84f6547fa73e6174acadb9af5c877f365e50e176936784383ea"
        },
        {
          host: "arm64-apple-darwin",
          idfPlatform: "macos-arm64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-aarch64-apple-darwin.tar.xz",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-aarch64-apple-darwin.tar.xz",
          size: 167948176,
          sha256: "b9732bb3cdcd6a50420c25eb9a8d90eb1216a0a0a274c8ffd4c2037167b5081f"
        },
        {
          host: "i686-mingw32",
          idfPlatform: "win32",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-i686-w64-mingw32.zip",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-i686-w64-mingw32.zip",
          size: 382457717,
          sha256: "b30e450e0af279783c54a9ae77c3b367dd556b78eda930a92ec7b784a74c28c8"
        },
        {
          host: "x86_64-mingw32",
          idfPlatform: "win64",
          url: "https://github.com/espressif/crosstool-NG/releases/download/esp-14.2.0_20241119/xtensa-esp-elf-14.2.0_20241119-x86_64-w64-mingw32.zip",
          archiveFileName: "xtensa-esp-elf-14.2.0_20241119-x86_64-w64-mingw32.zip",
          size: 386316009,
          sha256: "62ae704777d73c30689efff6e81178632a1ca44d1a2d60f4621eb997e040e028"
        }
      ]
    },
    {
      name: "framework-arduinoespressif32",
      version: "3.3.1",
      board: "esp32dev",
      kind: "framework",
      source: `github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31") -> framework-arduinoespressif32 (URL). Size and SHA-256 from Espressif's Arduino board-manager index package_esp32_index.json (espressif.github.io/arduino-esp32), as mirrored in github.com/shiinakaze/arduino-esp32-mirror path package_esp32_index.json, commit 86cfde38f845da30e35673677f6af4e791ba0b48 (2025-12-01; same values in the 2025-10-01 and 2025-11-01 snapshots). That mirror's main.py only rewrites 'https://github.com' to 'https://gh-proxy.com/github.com'; checksum and size are unchanged, and the de-proxied URL equals the one in platform.json. platforms -> esp32 3.3.1.`,
      platformJsonVersion: "https://github.com/espressif/arduino-esp32/releases/download/3.3.1/esp32-3.3.1.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/espressif/arduino-esp32/releases/download/3.3.1/esp32-3.3.1.zip",
          archiveFileName: "esp32-3.3.1.zip",
          size: 27170631,
          sha256: "c4d46eb0ec73d3b24f43f69a2ae6d2097baae3a8b5c04989a6c81043845ffb67"
        }
      ]
    },
    {
      name: "framework-arduinoespressif32-libs",
      version: "idf-release_v5.5-129cd0d2-v4",
      board: "esp32dev",
      kind: "framework",
      source: `github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31") -> framework-arduinoespressif32-libs (URL). Size and SHA-256 from Espressif's Arduino board-manager index package_esp32_index.json (espressif.github.io/arduino-esp32), as mirrored in github.com/shiinakaze/arduino-esp32-mirror path package_esp32_index.json, commit 86cfde38f845da30e35673677f6af4e791ba0b48 (2025-12-01; same values in the 2025-10-01 and 2025-11-01 snapshots). That mirror's main.py only rewrites 'https://github.com' to 'https://gh-proxy.com/github.com'; checksum and size are unchanged, and the de-proxied URL equals the one in platform.json. tools -> esp32-arduino-libs idf-release_v5.5-129cd0d2-v4 (all 8 hosts list the same archive).`,
      platformJsonVersion: "https://github.com/espressif/esp32-arduino-lib-builder/releases/download/idf-release_v5.5/esp32-arduino-libs-idf-release_v5.5-129cd0d2-v4.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/espressif/esp32-arduino-lib-builder/releases/download/idf-release_v5.5/esp32-arduino-libs-idf-release_v5.5-129cd0d2-v4.zip",
          archiveFileName: "esp32-arduino-libs-idf-release_v5.5-129cd0d2-v4.zip",
          size: 446164326,
          sha256: "be9402929176a556007fea48db7bb79da431614a2e153c54f92c8314f6ccd099"
        }
      ]
    },
    {
      name: "tool-esptoolpy",
      version: "5.1.0",
      board: "esp32dev",
      kind: "uploader",
      source: 'github.com/pioarduino/platform-espressif32, platform.json at tag 55.03.31-2 (commit c47468dadf07807a2eb0eaa889b53c8f96081804, 2025-12-10; platform.json "version": "55.03.31"); packages -> tool-esptoolpy (owner pioarduino). platform.json gives only the URL: no size, no checksum.',
      platformJsonVersion: "https://github.com/pioarduino/registry/releases/download/0.0.1/esptoolpy-v5.1.0.zip",
      systems: [
        {
          host: "any",
          url: "https://github.com/pioarduino/registry/releases/download/0.0.1/esptoolpy-v5.1.0.zip",
          archiveFileName: "esptoolpy-v5.1.0.zip",
          size: null,
          sha256: null
        }
      ]
    }
  ],
  missing: [
    "toolchain-xtensa-esp-elf 14.2.0+20241119 (pioarduino zip https://github.com/pioarduino/registry/releases/download/0.0.1/xtensa-esp-elf-14.2.0_20241119.zip): no published size or SHA-256 was found. platform.json gives only the URL, and no stored manifest lists that zip. The checksums recorded under 'xtensa-esp-elf' are for Espressif's per-host upstream archives from ESP-IDF tools.json, not for this zip.",
    "tool-esptoolpy 5.1.0 (pioarduino zip https://github.com/pioarduino/registry/releases/download/0.0.1/esptoolpy-v5.1.0.zip): no published size or SHA-256 was found. Espressif's esp32 board index lists SHA-256s for esptool_py 5.1.0, but those are Espressif's standalone per-host binary archives (esptool-v5.1.0-<os>.tar.gz/zip), not this Python-source zip, so they are not recorded here.",
    "framework-arduinoespressif32 and framework-arduinoespressif32-libs: the SHA-256 and size come from a third-party mirror of Espressif's package_esp32_index.json, because no stored copy of the original file contains the 3.3.1 entries (espressif/arduino-esp32's stored package_esp32_index.json stops at 3.1.3). The values match across three monthly mirror snapshots.",
    "Arduino AVR Boards 1.8.6: the official URL is under /cores/staging/ and uses http:// as published. No HTTPS variant is recorded, because none was read in the index.",
    "pioarduino release choice: 55.03.31-2 (2025-12-10, a re-tag of platform 55.03.31 with a newer esp_install and gdb) is the most recent tag whose platform.json pins toolchain-xtensa-esp-elf 14.2.0+20241119. Higher-numbered releases pin other builds: 55.03.32\u201355.03.34 pin 14.2.0+20250730, 55.03.35\u201355.03.37 pin 14.2.0+20251107, and 55.03.38 and later pin 14.2.0+20260121, with Arduino core 3.3.2\u20133.3.11 and esptoolpy 5.1.x\u20135.3.0. Those releases are not recorded here."
  ]
};

// server/toolchains/manifest.ts
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
import { existsSync as existsSync2, mkdirSync as mkdirSync3, readFileSync as readFileSync3, rmSync as rmSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join4 } from "node:path";
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
function toolchainsDirFor(env, cacheDir) {
  return env.FBUILD_TOOLCHAINS_DIR || join4(cacheDir ?? defaultCacheDir(env), "toolchains");
}
function pinnedFrom(gccDir, coreDir, gcc, core) {
  const bin = (t) => join4(gccDir, "bin", t);
  for (const t of ["avr-gcc", "avr-g++", "avr-gcc-ar", "avr-gcc-ranlib", "avr-objcopy", "avr-size"]) {
    if (!existsSync2(bin(t))) throw new UserError(`the installed ${gcc.name} ${gcc.version} has no bin/${t}; remove ${gccDir} and install again`);
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
  const failedMark = join4(toolchainsDir, ".auto-install-failed");
  if (opts.mode === "auto") {
    const last = lastFailure(failedMark);
    if (last && Date.now() - last.at < AUTO_RETRY_MS && last.mirror === (mirror ?? "")) {
      const system = systemAvrToolchain(env);
      opts.onNotice?.(
        `using the system toolchain (${system.description}); installing the pinned one failed ${Math.round((Date.now() - last.at) / 6e4)} min ago (${last.reason}); 'fbuild toolchains install uno' retries now`
      );
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
    try {
      mkdirSync3(toolchainsDir, { recursive: true });
      writeFileSync2(failedMark, JSON.stringify({ at: Date.now(), mirror: mirror ?? "", reason: e.message }));
    } catch {
    }
    opts.onNotice?.(`using the system toolchain (${system.description}): the pinned one could not be installed: ${e.message}`);
    return system;
  }
}

// node_modules/shlex/shlex.js
var Shlexer = class {
  constructor(string) {
    this.i = 0;
    this.string = string;
    this.whitespace = " 	\r\n";
    this.quotes = `'"`;
    this.escapes = "\\";
    this.escapedQuotes = '"';
    this.ansiCQuotes = true;
    this.localeQuotes = true;
    this.debug = false;
  }
  readChar() {
    return this.string.charAt(this.i++);
  }
  processEscapes(string, quote, isAnsiCQuote) {
    if (!isAnsiCQuote && !this.escapedQuotes.includes(quote)) {
      return string;
    }
    const anyEscape = "[" + this.escapes.replace(/(.)/g, "\\$1") + "]";
    if (!isAnsiCQuote && this.escapedQuotes.includes(quote)) {
      const re = new RegExp(
        anyEscape + "(" + anyEscape + "|\\" + quote + ")",
        "g"
      );
      return string.replace(re, "$1");
    }
    if (isAnsiCQuote) {
      const patterns = {
        // Literal characters
        "([\\\\'\"?])": (x) => x,
        // Non-printable ASCII characters
        "a": () => "\x07",
        "b": () => "\b",
        "e|E": () => "\x1B",
        "f": () => "\f",
        "n": () => "\n",
        "r": () => "\r",
        "t": () => "	",
        "v": () => "\v",
        // Octal bytes
        "([0-7]{1,3})": (x) => String.fromCharCode(parseInt(x, 8)),
        // Hexadecimal bytes
        "x([0-9a-fA-F]{1,2})": (x) => String.fromCharCode(parseInt(x, 16)),
        // Unicode code units
        "u([0-9a-fA-F]{1,4})": (x) => String.fromCharCode(parseInt(x, 16)),
        "U([0-9a-fA-F]{1,8})": (x) => String.fromCharCode(parseInt(x, 16)),
        // Control characters
        // https://en.wikipedia.org/wiki/Control_character#How_control_characters_map_to_keyboards
        "c(.)": (x) => {
          if (x === "?") {
            return "\x7F";
          } else if (x === "@") {
            return "\0";
          } else {
            return String.fromCharCode(x.charCodeAt(0) & 31);
          }
        }
      };
      const re = new RegExp(
        anyEscape + "(" + Object.keys(patterns).join("|") + ")",
        "g"
      );
      return string.replace(re, function(m, p1) {
        for (const matched in patterns) {
          const mm = new RegExp("^" + matched + "$").exec(p1);
          if (mm === null) {
            continue;
          }
          return patterns[matched].apply(null, mm.slice(1));
        }
      });
    }
    return void 0;
  }
  *[Symbol.iterator]() {
    let inQuote = false;
    let inDollarQuote = false;
    let escaped = false;
    let lastDollar = -2;
    let token;
    if (this.debug) {
      console.log("full input:", ">" + this.string + "<");
    }
    while (true) {
      const pos = this.i;
      const char = this.readChar();
      if (this.debug) {
        console.log(
          "position:",
          pos,
          "input:",
          ">" + char + "<",
          "accumulated:",
          token,
          "inQuote:",
          inQuote,
          "inDollarQuote:",
          inDollarQuote,
          "lastDollar:",
          lastDollar,
          "escaped:",
          escaped
        );
      }
      if (char === "") {
        if (inQuote) {
          throw new Error("Got EOF while in a quoted string");
        }
        if (escaped) {
          throw new Error("Got EOF while in an escape sequence");
        }
        if (token !== void 0) {
          yield token;
        }
        return;
      }
      if (escaped) {
        if (char === "\n") {
        } else if (inQuote) {
          token = (token || "") + escaped + char;
        } else {
          token = (token || "") + char;
        }
        escaped = false;
        continue;
      }
      if (this.escapes.includes(char)) {
        if (!inQuote || inDollarQuote !== false || this.escapedQuotes.includes(inQuote)) {
          escaped = char;
          continue;
        } else {
        }
      }
      if (inQuote !== false) {
        if (char === inQuote) {
          token = this.processEscapes(token, inQuote, inDollarQuote === "'");
          inQuote = false;
          inDollarQuote = false;
          continue;
        }
        token = (token || "") + char;
        continue;
      }
      if (this.quotes.includes(char)) {
        inQuote = char;
        if (lastDollar === pos - 1) {
          if (char === "'" && !this.ansiCQuotes) {
          } else if (char === '"' && !this.localeQuotes) {
          } else {
            inDollarQuote = char;
          }
        }
        token = token || "";
        if (inDollarQuote !== false) {
          token = token.slice(0, -1);
        }
        continue;
      }
      if (inQuote === false && char === "$") {
        lastDollar = pos;
      }
      if (this.whitespace.includes(char)) {
        if (token !== void 0) {
          yield token;
        }
        token = void 0;
        continue;
      }
      token = (token || "") + char;
    }
  }
};
function split(s) {
  return Array.from(new Shlexer(s));
}

// server/project/platformioIni.ts
import { readdirSync as readdirSync3, readFileSync as readFileSync4, statSync as statSync2 } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname as dirname2, isAbsolute, join as join5, relative, resolve } from "node:path";
var ProjectConfigError = class extends UserError {
  constructor(message) {
    super(message, 2);
    this.name = "ProjectConfigError";
  }
};
var LDF_MODES = ["off", "chain", "deep", "chain+", "deep+"];
var COMPAT_MODES = ["off", "soft", "strict"];
var KNOWN_ENV_KEYS = /* @__PURE__ */ new Set([
  "platform",
  "platform_packages",
  "board",
  "framework",
  "board_build.mcu",
  "board_build.f_cpu",
  "board_build.f_flash",
  "board_build.flash_mode",
  "build_type",
  "build_flags",
  "build_src_flags",
  "build_unflags",
  "build_src_filter",
  "targets",
  "upload_port",
  "upload_protocol",
  "upload_speed",
  "upload_flags",
  "upload_resetmethod",
  "upload_command",
  "monitor_port",
  "monitor_speed",
  "monitor_parity",
  "monitor_filters",
  "monitor_rts",
  "monitor_dtr",
  "monitor_eol",
  "monitor_raw",
  "monitor_echo",
  "monitor_encoding",
  "lib_deps",
  "lib_ignore",
  "lib_extra_dirs",
  "lib_ldf_mode",
  "lib_compat_mode",
  "lib_archive",
  "check_tool",
  "check_src_filters",
  "check_flags",
  "check_severity",
  "check_skip_packages",
  "test_framework",
  "test_filter",
  "test_ignore",
  "test_port",
  "test_speed",
  "test_build_src",
  "test_testing_command",
  "debug_tool",
  "debug_build_flags",
  "debug_init_break",
  "debug_init_cmds",
  "debug_extra_cmds",
  "debug_load_cmds",
  "debug_load_mode",
  "debug_server",
  "debug_port",
  "debug_speed",
  "debug_svd_path",
  "debug_server_ready_pattern",
  "debug_test",
  "extends",
  "extra_scripts",
  // old names
  "board_mcu",
  "board_f_cpu",
  "board_f_flash",
  "board_flash_mode",
  "src_build_flags",
  "src_filter",
  "monitor_baud",
  "check_patterns",
  "test_build_project_src",
  "extra_script"
]);
var KNOWN_PLATFORMIO_KEYS = /* @__PURE__ */ new Set([
  "name",
  "description",
  "default_envs",
  "env_default",
  "extra_configs",
  "core_dir",
  "globallib_dir",
  "platforms_dir",
  "packages_dir",
  "cache_dir",
  "build_cache_dir",
  "workspace_dir",
  "build_dir",
  "libdeps_dir",
  "include_dir",
  "src_dir",
  "lib_dir",
  "data_dir",
  "test_dir",
  "boards_dir",
  "monitor_dir",
  "shared_dir"
]);
var CUSTOM_PREFIXES = ["custom_", "board_"];
var INI_NAME = "platformio.ini";
function readProjectConfig(projectDir, sysenv = process.env) {
  const given = resolve(projectDir);
  let isFile = false;
  try {
    isFile = statSync2(given).isFile();
  } catch {
  }
  const file = isFile ? given : join5(given, INI_NAME);
  let text;
  try {
    text = readFileSync4(file, "utf8");
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") {
      throw new ProjectConfigError(
        `no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`
      );
    }
    throw new ProjectConfigError(`cannot read ${file}: ${err.message}; check its permissions`);
  }
  return parseProjectConfig(text, file, sysenv, (pattern) => readExtraConfigs(dirname2(file), pattern));
}
function readExtraConfigs(projectDir, pattern) {
  const expanded = pattern.startsWith("~") ? join5(homedir(), pattern.slice(1)) : pattern;
  return globFiles(projectDir, expanded).map((path) => {
    try {
      return { path, text: readFileSync4(path, "utf8") };
    } catch (err) {
      throw new ProjectConfigError(`cannot read extra config ${path}: ${err.message}; fix extra_configs in [platformio]`);
    }
  });
}
function globFiles(baseDir, pattern) {
  const abs = isAbsolute(pattern) ? pattern : join5(baseDir, pattern);
  if (!/[*?[]/.test(abs)) {
    try {
      return statSync2(abs).isFile() ? [abs] : [];
    } catch {
      return [];
    }
  }
  const parts = abs.split("/").filter((p) => p !== "");
  const out = [];
  const walk = (dir, i) => {
    if (i === parts.length) {
      try {
        if (statSync2(dir).isFile()) out.push(dir);
      } catch {
      }
      return;
    }
    const part = parts[i];
    if (!/[*?[]/.test(part)) return walk(join5(dir, part), i + 1);
    let names;
    try {
      names = readdirSync3(dir).sort();
    } catch {
      return;
    }
    if (part === "**") {
      walk(dir, i + 1);
      for (const n of names) if (!n.startsWith(".") && isDir(join5(dir, n))) walk(join5(dir, n), i);
      return;
    }
    const re = segmentRegExp(part);
    for (const n of names) if (re.test(n)) walk(join5(dir, n), i + 1);
  };
  walk("/", 0);
  return [...new Set(out)];
}
function isDir(p) {
  try {
    return statSync2(p).isDirectory();
  } catch {
    return false;
  }
}
function segmentRegExp(part) {
  let re = part.startsWith(".") ? "" : "(?!\\.)";
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = part.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        const body = part.slice(i + 1, end);
        re += `[${body.startsWith("!") ? "^" + body.slice(1) : body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function parseProjectConfig(text, path, sysenv = process.env, extraConfigs = () => []) {
  const absPath = resolve(path);
  const parsed = parseIni(text, basename(absPath));
  const patterns = parsed.sections.get("platformio")?.entries.get("extra_configs");
  const extraPaths = [];
  for (const pattern of patterns ? toItems(patterns.lines.join("\n")).flatMap(splitList) : []) {
    for (const extra of extraConfigs(pattern)) {
      if (extra.path === absPath || extraPaths.includes(extra.path)) continue;
      extraPaths.push(extra.path);
      mergeIni(parsed, parseIni(extra.text, relative(dirname2(absPath), extra.path) || basename(extra.path)));
    }
  }
  const ini = new Ini(parsed, absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith("env:")).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(void 0, "platformio", "default_envs", []) ?? ini.valueOf(void 0, "platformio", "env_default", []) ?? "");
  const dir = (key) => resolve(dirname2(absPath), ini.valueOf(void 0, "platformio", key, []));
  const buildDirSet = ini.lookup("platformio", "build_dir") !== void 0 || !!sysenv.PLATFORMIO_BUILD_DIR;
  const dirs = {
    src: dir("src_dir"),
    include: dir("include_dir"),
    lib: dir("lib_dir"),
    libdeps: dir("libdeps_dir"),
    build: buildDirSet ? dir("build_dir") : join5(dirname2(absPath), ".fbuild", "build"),
    test: dir("test_dir"),
    data: dir("data_dir")
  };
  const platformioSection = ini.sections.get("platformio");
  const warnings = [...platformioSection?.entries.keys() ?? []].filter((k) => !KNOWN_PLATFORMIO_KEYS.has(k)).map((k) => `ignoring unknown option '${k}' in [platformio] (PlatformIO does not know it either); remove it or fix its name`);
  const cache = /* @__PURE__ */ new Map();
  return {
    path: absPath,
    defaultEnvs,
    envNames,
    dirs,
    extraConfigs: extraPaths,
    warnings,
    env(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!envNames.includes(name)) {
        const known = envNames.length > 0 ? envNames.join(", ") : "(none)";
        throw new ProjectConfigError(`unknown environment '${name}' in ${ini.fileName}; known: ${known}`);
      }
      const env = ini.buildEnv(name);
      cache.set(name, env);
      return env;
    }
  };
}
var KEYISH = /^[A-Za-z_][\w.-]*$/;
function mergeIni(into, extra) {
  for (const [name, section] of extra.sections) {
    const known = into.sections.get(name);
    if (!known) into.sections.set(name, section);
    else for (const [key, entry] of section.entries) known.entries.set(key, entry);
  }
}
function parseIni(text, fileName) {
  const sections = /* @__PURE__ */ new Map();
  const fail = (line, msg) => {
    throw new ProjectConfigError(`${fileName}:${line}: ${msg}`);
  };
  let section;
  let entry;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith(";") || trimmed.startsWith("#")) continue;
    const content = stripInlineComment(raw).trim();
    const indented = /^[ \t]/.test(raw);
    if (indented && entry) {
      if (content !== "") entry.lines.push(content);
      continue;
    }
    if (content.startsWith("[")) {
      if (!content.endsWith("]")) fail(lineNo, `malformed section header '${content}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === "" || name === "env:") fail(lineNo, `empty section name in '${content}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${name}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: /* @__PURE__ */ new Map() };
      sections.set(name, section);
      entry = void 0;
      continue;
    }
    const eq = content.indexOf("=");
    const key = eq >= 0 ? content.slice(0, eq).trim() : "";
    if (key !== "" && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${key}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${key}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === "" ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${content}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${content}'; expected [section], key = value, an indented continuation line or a ; comment`);
  }
  return { fileName, sections };
}
function stripInlineComment(line) {
  const m = /\s;/.exec(line);
  return m ? line.slice(0, m.index) : line;
}
var REFERENCE = /\$\{([^}]*)\}/g;
var Ini = class {
  constructor(parsed, path, sysenv) {
    this.sysenv = sysenv;
    this.fileName = parsed.fileName;
    this.sections = parsed.sections;
    this.projectDir = dirname2(path);
  }
  sysenv;
  fileName;
  sections;
  projectDir;
  chains = /* @__PURE__ */ new Map();
  values = /* @__PURE__ */ new Map();
  fail(line, msg) {
    throw new ProjectConfigError(`${this.fileName}:${line}: ${msg}`);
  }
  /**
   * The sections a key is looked up in, in order: the section itself, then what it extends
   * (depth first, in the order written), then, for `[env:NAME]`, the `[env]` base and what it extends.
   */
  chainOf(root) {
    const cached = this.chains.get(root);
    if (cached) return cached;
    const order = [];
    const visit = (name, path) => {
      if (path.includes(name)) {
        const from = path[path.length - 1];
        const line = this.sections.get(from).entries.get("extends").line;
        const loop = [...path.slice(path.indexOf(name)), name].join(" -> ");
        this.fail(line, `extends cycle ${loop}; remove one of these extends`);
      }
      if (order.includes(name)) return;
      const section = this.sections.get(name);
      if (!section) return;
      order.push(name);
      const ext = section.entries.get("extends");
      if (!ext) return;
      for (const target of splitList(ext.lines.join("\n"))) {
        if (!this.sections.has(target)) {
          const hint = this.sections.has(`env:${target}`) ? `did you mean 'env:${target}'?` : `define [${target}] or fix extends`;
          this.fail(ext.line, `[${name}] extends unknown section '${target}'; ${hint}`);
        }
        visit(target, [...path, name]);
      }
    };
    visit(root, []);
    if (root.startsWith("env:")) visit("env", []);
    this.chains.set(root, order);
    return order;
  }
  lookup(root, key) {
    for (const section of this.chainOf(root)) {
      const entry = this.sections.get(section).entries.get(key);
      if (entry) return { section, entry };
    }
    return void 0;
  }
  /**
   * The interpolated value of `key` looked up from `root`, lines joined by '\n'; undefined when
   * no section of the chain has it. `ctx` is the environment `${this.*}` refers to.
   */
  valueOf(ctx, root, key, stack) {
    const id = `${ctx ?? ""}\0${root}\0${key}`;
    if (this.values.has(id)) return this.values.get(id);
    const label = `\${${root}.${key}}`;
    const at = stack.findIndex((f) => f.id === id);
    if (at >= 0) {
      const loop = [...stack.slice(at).map((f) => f.label), label].join(" -> ");
      this.fail(stack[stack.length - 1].line, `interpolation cycle ${loop}; remove one of these references`);
    }
    const found = this.lookup(root, key);
    let value;
    const fromSysenv = root === "platformio" && key.endsWith("_dir") ? this.sysenv[`PLATFORMIO_${key.toUpperCase()}`] : void 0;
    if (fromSysenv) value = fromSysenv;
    else if (root === "platformio" && key === "default_envs" && this.sysenv.PLATFORMIO_DEFAULT_ENVS) value = this.sysenv.PLATFORMIO_DEFAULT_ENVS;
    else if (found) {
      const frames = [...stack, { id, label, line: found.entry.line }];
      value = this.interpolate(found.entry.lines.join("\n"), ctx, found.entry, frames);
    } else if (root === "platformio") {
      value = this.platformioDefault(key, [...stack, { id, label, line: stack[stack.length - 1]?.line ?? 0 }]);
    }
    this.values.set(id, value);
    return value;
  }
  interpolate(text, ctx, origin, stack) {
    if (!text.includes("${")) return text;
    return text.replace(REFERENCE, (whole, inner) => {
      const dot = inner.indexOf(".");
      if (dot < 0) {
        return inner === "PROJECT_DIR" ? this.projectDir : whole;
      }
      const section = inner.slice(0, dot);
      const key = inner.slice(dot + 1);
      if (section === "" || key === "") {
        this.fail(origin.line, `malformed reference ${whole}; write it as \${section.key}`);
      }
      if (section === "sysenv") return this.sysenv[key] ?? "";
      let root;
      let nextCtx = ctx;
      if (section === "this") {
        if (ctx === void 0) {
          this.fail(origin.line, `${whole} used outside an environment; \${this.*} only works in values an [env:NAME] uses`);
        }
        if (key === "__env__") return ctx;
        root = `env:${ctx}`;
      } else if (section === "platformio") {
        root = "platformio";
        nextCtx = void 0;
      } else {
        if (!this.sections.has(section)) {
          this.fail(origin.line, `unknown section '${section}' in ${whole}; define [${section}] or fix the reference`);
        }
        root = section;
        if (section.startsWith("env:")) nextCtx = section.slice(4);
      }
      const value = this.valueOf(nextCtx, root, key, stack);
      if (value === void 0) {
        const where = section === "this" ? `environment '${ctx}'` : `[${section}]`;
        const fix = section === "this" ? `set ${key} for that environment` : `define ${key} in [${section}]`;
        this.fail(origin.line, `unknown option '${key}' of ${where} in ${whole}; ${fix} or fix the reference`);
      }
      return value;
    });
  }
  /** PlatformIO's defaults for the `[platformio]` directory options, for `${platformio.*_dir}`. */
  platformioDefault(key, stack) {
    const dir = (name) => this.valueOf(void 0, "platformio", name, stack);
    switch (key) {
      case "core_dir":
        return this.sysenv.PLATFORMIO_CORE_DIR || join5(this.sysenv.HOME || this.sysenv.USERPROFILE || homedir(), ".platformio");
      case "packages_dir":
        return join5(dir("core_dir"), "packages");
      case "platforms_dir":
        return join5(dir("core_dir"), "platforms");
      case "globallib_dir":
        return join5(dir("core_dir"), "lib");
      case "cache_dir":
        return join5(dir("core_dir"), ".cache");
      case "workspace_dir":
        return join5(this.projectDir, ".pio");
      case "build_dir":
        return join5(dir("workspace_dir"), "build");
      case "libdeps_dir":
        return join5(dir("workspace_dir"), "libdeps");
      case "include_dir":
      case "src_dir":
      case "lib_dir":
      case "data_dir":
      case "test_dir":
      case "boards_dir":
      case "monitor_dir":
      case "shared_dir":
        return join5(this.projectDir, key.slice(0, -"_dir".length));
      default:
        return void 0;
    }
  }
  buildEnv(name) {
    const root = `env:${name}`;
    const keys = [];
    for (const section of this.chainOf(root)) {
      for (const key of this.sections.get(section).entries.keys()) {
        if (!keys.includes(key)) keys.push(key);
      }
    }
    const raw = Object.fromEntries(
      keys.map((key) => [key, toItems(this.valueOf(name, root, key, []) ?? "")])
    );
    const lineOf = (key) => this.lookup(root, key)?.entry.line ?? 0;
    const scalar = (key) => {
      const items = raw[key];
      return items && items.length > 0 ? items.join(", ") : void 0;
    };
    const list = (key) => (raw[key] ?? []).flatMap(splitList);
    const flagsOf = (key) => {
      const out = [];
      for (const item of raw[key] ?? []) {
        const words = shellWords(item);
        if (words === void 0) {
          this.fail(lineOf(key), `unterminated quote in ${key} item '${item}'; close the quote or escape it with \\`);
        }
        out.push(...words);
      }
      return out;
    };
    const buildFlags = flagsOf("build_flags");
    const buildSrcFlags = flagsOf(raw.build_src_flags !== void 0 ? "build_src_flags" : "src_build_flags");
    const choice = (key, choices, fallback) => {
      const v = scalar(key)?.toLowerCase();
      if (v === void 0) return fallback;
      if (choices.includes(v)) return v;
      return this.fail(lineOf(key), `${key} = ${v} is not one of ${choices.join(", ")}; choose one`);
    };
    const archive = scalar("lib_archive")?.toLowerCase();
    if (archive !== void 0 && !["yes", "no", "true", "false", "1", "0", "on", "off"].includes(archive)) {
      this.fail(lineOf("lib_archive"), `lib_archive = ${archive} is not a yes/no value; write lib_archive = no or remove it`);
    }
    const scriptsKey = raw.extra_scripts !== void 0 ? "extra_scripts" : "extra_script";
    const unknownKeys = keys.filter((k) => !KNOWN_ENV_KEYS.has(k) && !CUSTOM_PREFIXES.some((p) => k.startsWith(p)));
    const filterKey = raw.build_src_filter !== void 0 ? "build_src_filter" : "src_filter";
    const buildSrcFilter = [];
    for (const item of raw[filterKey] ?? []) {
      const tokens = filterTokens(item);
      if (typeof tokens === "string") {
        this.fail(lineOf(filterKey), `${filterKey} item '${tokens}' is not a +<pattern> or -<pattern>; write it as +<${tokens}> or -<${tokens}>`);
      }
      buildSrcFilter.push(...tokens);
    }
    const env = {
      name,
      buildFlags,
      buildSrcFilter,
      libDeps: raw.lib_deps ? raw.lib_deps.flatMap(splitLibDeps) : [],
      libIgnore: list("lib_ignore"),
      raw,
      unknownKeys,
      buildSrcFlags,
      libExtraDirs: list("lib_extra_dirs").map((d) => resolve(this.projectDir, d.startsWith("~") ? join5(homedir(), d.slice(1)) : d)),
      libLdfMode: choice("lib_ldf_mode", LDF_MODES, "chain"),
      libCompatMode: choice("lib_compat_mode", COMPAT_MODES, "soft"),
      libArchive: archive === void 0 || ["yes", "true", "1", "on"].includes(archive),
      libArchiveSet: archive !== void 0,
      libLdfModeSet: raw.lib_ldf_mode !== void 0,
      extraScripts: list(scriptsKey).map((s) => s.replace(/^(pre|post):/, "")),
      warnings: unknownKeys.map((k) => `ignoring unknown option '${k}' in [env:${name}] (PlatformIO does not know it either); remove it or fix its name`)
    };
    const platform = scalar("platform");
    const board = scalar("board");
    const framework = scalar("framework");
    if (platform !== void 0) env.platform = platform;
    if (board !== void 0) env.board = board;
    if (framework !== void 0) env.framework = framework;
    return env;
  }
};
function toItems(value) {
  return value.split("\n").map((s) => s.trim()).filter((s) => s !== "");
}
function splitList(value) {
  return value.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}
function splitLibDeps(item) {
  return item.split(/,(?!\s*[<>=!~^*\d])/).map((s) => s.trim()).filter((s) => s !== "");
}
function shellWords(item) {
  try {
    return split(item);
  } catch {
    return void 0;
  }
}
function filterTokens(item) {
  const tokens = [];
  const re = /([+-])<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const between = item.slice(last, m.index).trim();
    if (between !== "") return between;
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  const rest = item.slice(last).trim();
  return rest === "" ? tokens : rest;
}

export {
  gccVersion,
  systemAvrToolchain,
  DownloadError,
  isRetryableStatus,
  withRetries,
  downloadFile,
  extractArchive,
  hostTriple,
  installedPackage,
  installPackage,
  manifest_default,
  loadManifest,
  toolchainMode,
  AVR_GCC,
  ARDUINO_AVR_CORE,
  toolchainsDirFor,
  resolveAvrToolchain,
  readProjectConfig,
  segmentRegExp,
  shellWords
};

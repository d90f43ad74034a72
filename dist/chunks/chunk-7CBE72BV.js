import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  downloadFile,
  extractArchive
} from "./chunk-BA5KVCYX.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import {
  childEnv
} from "./chunk-T4BKT7HW.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/toolchains/resolveAvr.ts
import { existsSync as existsSync2, mkdirSync as mkdirSync2, readFileSync as readFileSync3, rmSync as rmSync2, writeFileSync as writeFileSync2 } from "node:fs";
import { join as join3 } from "node:path";

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
  return spawnSync(gcc, ["-dumpversion"], { encoding: "utf8", env: childEnv() }).stdout.trim();
}
function systemAvrToolchain(env = process.env) {
  const tools = Object.fromEntries(
    ["avr-gcc", "avr-g++", "avr-gcc-ar", "avr-gcc-ranlib", "avr-objcopy", "avr-size"].map((t) => [t, onPath(t, env)])
  );
  const missing = Object.entries(tools).filter(([, p]) => !p).map(([t]) => t);
  if (missing.length) {
    throw new UserError(
      `${missing.join(", ")} not found on PATH; install the AVR toolchain (apt-get install gcc-avr binutils-avr avr-libc arduino-core-avr)`
    );
  }
  const frameworkDir = env.FBUILD_ARDUINO_AVR_DIR ?? DEBIAN_FRAMEWORK;
  if (!existsSync(join(frameworkDir, "cores", "arduino", "Arduino.h"))) {
    throw new UserError(
      `the Arduino AVR core is not installed (no ${frameworkDir}/cores/arduino); install it (apt-get install arduino-core-avr)`
    );
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
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join as join2 } from "node:path";
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
  return join2(toolchainsDir, `${spec.name}-${spec.version}`);
}
function installedPackage(toolchainsDir, spec, archive) {
  const dir = packageDir(toolchainsDir, spec);
  try {
    const marker = JSON.parse(readFileSync(join2(dir, MARKER), "utf8"));
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
  const work = join2(opts.toolchainsDir, `.tmp-${spec.name}-${randomBytes(6).toString("hex")}`);
  mkdirSync(work);
  try {
    const file = join2(work, archive.archiveFileName);
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
      root = extractArchive(file, join2(work, "x"));
    } catch (e) {
      throw new InstallError(`cannot install ${what}: ${e.message}`);
    }
    writeFileSync(
      join2(root, MARKER),
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
  return env.FBUILD_TOOLCHAINS_DIR || join3(cacheDir ?? defaultCacheDir(env), "toolchains");
}
function pinnedFrom(gccDir, coreDir, gcc, core) {
  const bin = (t) => join3(gccDir, "bin", t);
  for (const t of ["avr-gcc", "avr-g++", "avr-gcc-ar", "avr-gcc-ranlib", "avr-objcopy", "avr-size"]) {
    if (!existsSync2(bin(t)))
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
  const failedMark = join3(toolchainsDir, ".auto-install-failed");
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
  gccVersion,
  systemAvrToolchain,
  hostTriple,
  installedPackage,
  installPackage,
  manifest_default,
  loadManifest,
  toolchainMode,
  AVR_GCC,
  ARDUINO_AVR_CORE,
  toolchainsDirFor,
  resolveAvrToolchain
};

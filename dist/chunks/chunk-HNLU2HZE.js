import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  hostTriple,
  installPackage,
  installedPackage,
  loadManifest,
  toolchainsDirFor
} from "./chunk-F4KZPV7X.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/targets/boards.ts
var BOARDS = {
  uno: {
    id: "uno",
    name: "Arduino Uno",
    platform: "atmelavr",
    mcu: "atmega328p",
    fCpu: "16000000L",
    boardDefine: "ARDUINO_AVR_UNO",
    core: "arduino",
    variant: "standard",
    flashMax: 32256,
    ramMax: 2048
  }
};
function findBoard(id) {
  return BOARDS[id];
}
function knownBoards() {
  return [...Object.keys(BOARDS), ...Object.keys(ESP32_BOARDS)];
}
var ESP32_BOARDS = {
  esp32dev: {
    id: "esp32dev",
    name: "Espressif ESP32 Dev Module",
    platform: "espressif32",
    mcu: "esp32",
    core: "esp32",
    variant: "esp32",
    fCpu: "240000000L",
    fFlash: "40000000L",
    flashMode: "dio",
    flashSize: "4MB",
    extraFlags: ["-DARDUINO_ESP32_DEV"],
    ramMax: 327680,
    partitions: "default.csv"
  }
};
function findEsp32Board(id) {
  return ESP32_BOARDS[id];
}

// server/toolchains/resolveEsp32.ts
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";

// server/toolchains/esp32Packages.ts
var ESP32_TOOLCHAIN = "xtensa-esp-elf";
var ESP32_PACKAGE_NAMES = [ESP32_TOOLCHAIN, "framework-arduinoespressif32", "framework-arduinoespressif32-libs", "tool-esptoolpy"];
function esp32PackagePlan(specs, host) {
  const plan = { install: [], missing: [] };
  for (const name of ESP32_PACKAGE_NAMES) {
    const spec = specs.find((s) => s.name === name);
    const archive = spec?.systems.find((s) => s.host === host) ?? spec?.systems.find((s) => s.host === "any");
    if (spec && archive) plan.install.push({ spec, archive });
    else plan.missing.push(name);
  }
  return plan;
}

// server/toolchains/resolveEsp32.ts
var PIO_NAMES = {
  toolchain: "toolchain-xtensa-esp-elf",
  framework: "framework-arduinoespressif32",
  sdk: "framework-arduinoespressif32-libs",
  esptool: "tool-esptoolpy"
};
function executable(name, env) {
  if (isAbsolute(name)) return existsSync(name) ? name : void 0;
  return onPath(name, env);
}
function findEsptool(env, packagesDir) {
  const named = env.FBUILD_ESPTOOL;
  if (named) {
    const found = executable(named, env);
    if (!found)
      throw new UserError(
        `FBUILD_ESPTOOL is '${named}', which is not an executable; point it at esptool (pip install esptool==5.1.0) or unset it`
      );
    return found;
  }
  const inPackages = packagesDir ? [join(packagesDir, PIO_NAMES.esptool, "esptool")] : [];
  for (const candidate of [...inPackages, "esptool", "esptool.py"]) {
    const found = executable(candidate, env);
    if (found) return found;
  }
  throw new UserError(
    "esp32dev needs esptool for the firmware image and none was found; install it (pip install esptool==5.1.0) or set FBUILD_ESPTOOL to its path"
  );
}
function findPython(env) {
  const found = executable(env.FBUILD_PYTHON ?? "python3", env) ?? executable("python", env);
  if (!found)
    throw new UserError("esp32dev needs Python 3 for the partition table (gen_esp32part.py); install python3 or set FBUILD_PYTHON");
  return found;
}
function checkLayout(p, where) {
  const need = [
    [join(p.toolchainDir, "bin", "xtensa-esp32-elf-gcc"), "the Xtensa toolchain"],
    [join(p.frameworkDir, "cores", "esp32"), "framework-arduinoespressif32"],
    [join(p.sdkDir, "esp32", "pioarduino-build.py"), "framework-arduinoespressif32-libs"]
  ];
  for (const [path, what] of need) {
    if (!existsSync(path))
      throw new UserError(`${what} is incomplete in ${where}: ${path} is missing; install it again ('fbuild toolchains install esp32dev')`);
  }
}
async function resolveEsp32Packages(opts) {
  const env = opts.env ?? process.env;
  const dirs = await esp32PackageDirs(opts);
  return { ...dirs, esptool: findEsptool(env, env.FBUILD_ESP32_PACKAGES_DIR), python: findPython(env) };
}
async function esp32PackageDirs(opts) {
  const env = opts.env ?? process.env;
  const pioDir = env.FBUILD_ESP32_PACKAGES_DIR;
  if (pioDir) {
    const dirs2 = {
      toolchainDir: join(pioDir, PIO_NAMES.toolchain),
      frameworkDir: join(pioDir, PIO_NAMES.framework),
      sdkDir: join(pioDir, PIO_NAMES.sdk)
    };
    checkLayout(dirs2, `FBUILD_ESP32_PACKAGES_DIR (${pioDir})`);
    return { ...dirs2, description: `esp32 packages from ${pioDir}` };
  }
  const toolchainsDir = opts.toolchainsDir ?? toolchainsDirFor(env);
  const plan = esp32PackagePlan(loadManifest(env), hostTriple());
  const lacking = [ESP32_TOOLCHAIN, PIO_NAMES.framework, PIO_NAMES.sdk].filter((n) => plan.missing.includes(n));
  if (lacking.length)
    throw new UserError(
      `the package manifest has no verified archive of ${lacking.join(", ")} for this machine (${hostTriple()}); use FBUILD_ESP32_PACKAGES_DIR or another FBUILD_PACKAGE_MANIFEST`
    );
  const dirs = /* @__PURE__ */ new Map();
  for (const { spec, archive } of plan.install) {
    let dir = installedPackage(toolchainsDir, spec, archive);
    if (!dir) {
      if (opts.mode === "system") {
        throw new UserError(
          `${spec.name} ${spec.version} is not installed and --toolchain system does not download; run 'fbuild toolchains install esp32dev' or set FBUILD_ESP32_PACKAGES_DIR to a PlatformIO packages dir`
        );
      }
      const mirror = env.FBUILD_PACKAGE_MIRROR;
      dir = (await installPackage(spec, {
        toolchainsDir,
        host: hostTriple(),
        ...mirror ? { mirror } : {},
        ...opts.onProgress ? { onProgress: opts.onProgress } : {}
      })).dir;
      opts.onNotice?.(`installed ${spec.name} ${spec.version} into ${dir}`);
    }
    dirs.set(spec.name, dir);
  }
  const [toolchainDir, frameworkDir, sdkDir] = [ESP32_TOOLCHAIN, PIO_NAMES.framework, PIO_NAMES.sdk].map((n) => dirs.get(n));
  checkLayout({ toolchainDir, frameworkDir, sdkDir }, toolchainsDir);
  const names = plan.install.map(({ spec }) => `${spec.name} ${spec.version}`).join(", ");
  return { toolchainDir, frameworkDir, sdkDir, description: `pinned ${names}, in ${toolchainsDir}` };
}

export {
  findBoard,
  knownBoards,
  findEsp32Board,
  findEsptool,
  resolveEsp32Packages,
  esp32PackageDirs
};

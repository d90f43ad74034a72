import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  hostTriple,
  installPackage,
  installedPackage,
  loadManifest,
  toolchainsDirFor
} from "./chunk-5RBELD5X.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/targets/boards.ts
var AVR_FACTS = {
  uno: ["Arduino Uno", "atmega328p", "16000000L", "-DARDUINO_AVR_UNO", "standard", 32256, 2048],
  nanoatmega328: ["Arduino Nano ATmega328", "atmega328p", "16000000L", "-DARDUINO_AVR_NANO", "eightanaloginputs", 30720, 2048],
  nanoatmega328new: [
    "Arduino Nano ATmega328 (New Bootloader)",
    "atmega328p",
    "16000000L",
    "-DARDUINO_AVR_NANO",
    "eightanaloginputs",
    30720,
    2048
  ],
  nanoatmega168: ["Arduino Nano ATmega168", "atmega168", "16000000L", "-DARDUINO_AVR_NANO", "eightanaloginputs", 14336, 1024],
  pro16MHzatmega328: [
    "Arduino Pro or Pro Mini ATmega328 (5V, 16 MHz)",
    "atmega328p",
    "16000000L",
    "-DARDUINO_AVR_PRO",
    "eightanaloginputs",
    30720,
    2048
  ],
  pro8MHzatmega328: [
    "Arduino Pro or Pro Mini ATmega328 (3.3V, 8 MHz)",
    "atmega328p",
    "8000000L",
    "-DARDUINO_AVR_PRO",
    "eightanaloginputs",
    30720,
    2048
  ],
  miniatmega328: ["Arduino Mini ATmega328", "atmega328p", "16000000L", "-DARDUINO_AVR_MINI", "eightanaloginputs", 28672, 2048],
  megaatmega2560: [
    "Arduino Mega or Mega 2560 ATmega2560 (Mega 2560)",
    "atmega2560",
    "16000000L",
    "-DARDUINO_AVR_MEGA2560",
    "mega",
    253952,
    8192
  ],
  megaatmega1280: ["Arduino Mega or Mega 2560 ATmega1280", "atmega1280", "16000000L", "-DARDUINO_AVR_MEGA", "mega", 126976, 8192],
  leonardo: ["Arduino Leonardo", "atmega32u4", "16000000L", "-DARDUINO_AVR_LEONARDO", "leonardo", 28672, 2560],
  micro: ["Arduino Micro", "atmega32u4", "16000000L", "-DARDUINO_AVR_MICRO", "micro", 28672, 2560]
};
var AVR_USB = {
  leonardo: { product: "Arduino Leonardo", vid: "0x2341", pid: "0x8036", vendor: "Arduino" },
  micro: { product: "Arduino Micro", vid: "0x2341", pid: "0x8037", vendor: "Arduino" }
};
function findBoard(id) {
  const facts = Object.hasOwn(AVR_FACTS, id) ? AVR_FACTS[id] : void 0;
  if (!facts) return void 0;
  const [name, mcu, fCpu, extraFlag, variant, flashMax, ramMax] = facts;
  const board = {
    id,
    name,
    platform: "atmelavr",
    mcu,
    fCpu,
    extraFlags: [extraFlag],
    core: "arduino",
    variant,
    flashMax,
    ramMax
  };
  if (AVR_USB[id]) board.usb = { ...AVR_USB[id] };
  return board;
}
function knownBoards() {
  return [...Object.keys(AVR_FACTS), ...Object.keys(ESP32_BOARDS)];
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
function withBoardOptions(board, raw) {
  const value = (...keys) => {
    for (const k of keys) {
      const v = raw[k]?.join(" ").trim();
      if (v) return v;
    }
    return void 0;
  };
  const out = { ...board, extraFlags: [...board.extraFlags], ...board.usb ? { usb: { ...board.usb } } : {} };
  const mcu = value("board_build.mcu", "board_mcu");
  if (mcu !== void 0) {
    if (!/^[a-z0-9]+$/i.test(mcu)) return `board_build.mcu = ${mcu} is not an MCU name (e.g. atmega328p)`;
    out.mcu = mcu.toLowerCase();
  }
  const fCpu = value("board_build.f_cpu", "board_f_cpu");
  if (fCpu !== void 0) {
    if (!/^\d+L?$/.test(fCpu)) return `board_build.f_cpu = ${fCpu} is not a frequency in Hz (e.g. 8000000L)`;
    out.fCpu = fCpu;
  }
  const extra = value("board_build.extra_flags");
  if (extra !== void 0) out.extraFlags = extra.split(/\s+/);
  const variant = value("board_build.variant");
  if (variant !== void 0) out.variant = variant;
  const core = value("board_build.core");
  if (core !== void 0 && core !== "arduino") {
    return `board_build.core = ${core} needs that core's package, which fbuild does not install; remove it to build with the Arduino core`;
  }
  const usbProduct = value("board_build.usb_product");
  if (usbProduct !== void 0 && out.usb) out.usb.product = usbProduct;
  for (const [key, field] of [
    ["board_upload.maximum_size", "flashMax"],
    ["board_upload.maximum_ram_size", "ramMax"]
  ]) {
    const v = value(key);
    if (v === void 0) continue;
    if (!/^\d+$/.test(v)) return `${key} = ${v} is not a number of bytes`;
    out[field] = Number(v);
  }
  return out;
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
  withBoardOptions,
  findEsptool,
  resolveEsp32Packages,
  esp32PackageDirs
};

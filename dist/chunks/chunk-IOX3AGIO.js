import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  hostTriple,
  installPackage,
  installedPackage,
  loadManifest,
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import {
  onPath
} from "./chunk-FRALOBSX.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/toolchains/resolveEsp32.ts
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";

// server/toolchains/esp32Packages.ts
var ESP32_TOOLCHAIN = "xtensa-esp-elf";
var ESP32_PACKAGE_NAMES = [ESP32_TOOLCHAIN, "framework-arduinoespressif32", "framework-arduinoespressif32-libs"];
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
  sdk: "framework-arduinoespressif32-libs"
};
function findEsptool(env) {
  const named = env.FBUILD_ESPTOOL;
  if (!named) return void 0;
  const found = isAbsolute(named) ? existsSync(named) ? named : void 0 : onPath(named, env);
  if (!found)
    throw new UserError(
      `FBUILD_ESPTOOL is '${named}', which is not an executable; point it at esptool 5.1.0, or unset it and fbuild writes the images itself`
    );
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
  const esptool = findEsptool(env);
  return { ...dirs, ...esptool ? { esptool } : {} };
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
  findEsptool,
  resolveEsp32Packages,
  esp32PackageDirs
};

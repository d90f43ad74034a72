import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  RegistryClient,
  pickFile,
  systemType
} from "./chunk-4L4JXF2I.js";
import {
  installPackage,
  installedPackage
} from "./chunk-4TQWNER7.js";
import {
  avrBoardIds,
  findBoard
} from "./chunk-HJM5M4WC.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/toolchains/avrCores.ts
import { readFileSync } from "node:fs";
var FASTLED_FIXTURE = "registry metadata captured 2026-09-27, in github.com/FastLED/fbuild (test fixture avr_and_megaavr_board_packages_resolve_exact_payloads_offline)";
var AVR_CORE_PACKAGES = {
  "framework-arduino-avr": {
    name: "framework-arduino-avr",
    requirement: "~5.3.0",
    version: "5.3.0",
    sha256: null,
    source: 'platform.json ~5.3.0 (commit 6ca280c "Update Arduino AVR core to v1.8.7"); no published checksum found'
  },
  "framework-arduino-avr-minicore": {
    name: "framework-arduino-avr-minicore",
    requirement: "~3.1.0",
    version: "3.1.2",
    sha256: "3cc43553f35d2d00a277d488eefba628816104ae61a9ca9cecd60470f555c9f6",
    source: `platform.json ~3.1.0, MiniCore v3.1.2 (commit a16767a); sha256 from ${FASTLED_FIXTURE}`
  },
  "framework-arduino-avr-megacore": {
    name: "framework-arduino-avr-megacore",
    requirement: "~3.1.0",
    version: "3.1.0",
    sha256: null,
    source: "platform.json ~3.1.0, MegaCore v3.1.0 (commit a16767a); no published checksum found"
  },
  "framework-arduino-avr-mightycore": {
    name: "framework-arduino-avr-mightycore",
    requirement: "~3.1.0",
    version: "3.1.0",
    sha256: null,
    source: "platform.json ~3.1.0, MightyCore v3.1.0 (commit a16767a); no published checksum found"
  },
  "framework-arduino-avr-majorcore": {
    name: "framework-arduino-avr-majorcore",
    requirement: "~3.1.0",
    version: "3.1.0",
    sha256: null,
    source: "platform.json ~3.1.0, MajorCore v3.1.0 (commit a16767a); no published checksum found"
  },
  "framework-arduino-avr-microcore": {
    name: "framework-arduino-avr-microcore",
    requirement: "~2.5.0",
    version: "2.5.2",
    sha256: null,
    source: "platform.json ~2.5.0, MicroCore v2.5.2 (commit a16767a); no published checksum found"
  },
  "framework-arduino-avr-attiny": {
    name: "framework-arduino-avr-attiny",
    requirement: "~1.5.2",
    version: "1.5.2",
    sha256: "06665ec79058cd180b82d76a2bc6bd30fc5311d9eebaed56dc57389f325822ee",
    source: `platform.json ~1.5.2; sha256 from ${FASTLED_FIXTURE}`
  }
};
function corePackages(env = process.env) {
  const path = env.FBUILD_CORE_PACKAGES;
  if (!path) return AVR_CORE_PACKAGES;
  try {
    return { ...AVR_CORE_PACKAGES, ...JSON.parse(readFileSync(path, "utf8")) };
  } catch (e) {
    throw new UserError(`cannot read FBUILD_CORE_PACKAGES ${path}: ${e.message}; fix the file or unset it`);
  }
}
function corePackageName(core) {
  if (core === "arduino") return "framework-arduino-avr";
  if (core === "dtiny" || core === "pro") return "framework-arduino-avr-digistump";
  if (core === "tiny" || core === "tinymodern") return "framework-arduino-avr-attiny";
  return `framework-arduino-avr-${core.toLowerCase()}`;
}
var UNSUPPORTED_CORE_PACKAGES = {
  "framework-arduino-avr-bean": "~2.0.3",
  "framework-arduino-avr-core13": "~0.0.22",
  "framework-arduino-avr-digistump": "~1.7.2",
  "framework-arduino-avr-dwenguino": "~2.2.1",
  "framework-arduino-avr-nicai": "~3.5.0",
  "framework-arduino-avr-panstamp": "~1.5.7",
  "framework-arduino-avr-prusa_rambo": "~1.0.3"
};
var GNU17_CORES = /* @__PURE__ */ new Set(["MiniCore", "MegaCore", "MightyCore", "MajorCore"]);

// server/targets/avrFramework.ts
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
var arduinoVariants;
var packageVariants = () => arduinoVariants ??= new Set(
  avrBoardIds().map((id) => findBoard(id)).filter((b) => b?.core === "arduino" && b.variant).map((b) => b.variant)
);
function localAvrFramework(opts) {
  const { board, envName } = opts;
  const name = corePackageName(board.core);
  const pinned = opts.packages[name];
  if (!pinned) {
    const requirement = UNSUPPORTED_CORE_PACKAGES[name];
    throw new UserError(
      `env '${envName}': ${describe(board)} needs ${name}${requirement ? ` ${requirement}` : ""}, a core fbuild does not build yet (it builds arduino, MiniCore, MegaCore, MightyCore, MajorCore, MicroCore, tiny and tinymodern); build this env with pio run`
    );
  }
  const installed = installedPackage(opts.toolchainsDir, { ...pinned, systems: [] });
  if (installed) return { dir: installed, description: `${name} ${pinned.version}`, notices: [] };
  if (board.core === "arduino") {
    const own = opts.toolchain.frameworkDir;
    if (!board.variant || board.variantsDir || existsSync(join(own, "variants", board.variant))) {
      return { dir: own, description: `the Arduino core in ${own}`, notices: [] };
    }
    if (!packageVariants().has(board.variant)) {
      throw new UserError(
        `env '${envName}': board variant '${board.variant}' is not in ${join(own, "variants")} nor in ${name}; fix board_build.variant`
      );
    }
  }
  return void 0;
}
var describe = (board) => `board '${board.id}' (core ${board.core}${board.variant ? `, variant ${board.variant}` : ""})`;
async function resolveAvrFramework(opts) {
  const local = localAvrFramework(opts);
  if (local) return local;
  const { board, envName } = opts;
  const pinned = opts.packages[corePackageName(board.core)];
  const name = pinned.name;
  const what = opts.coreOption ? `board_build.core = ${board.core} needs that core's package:` : `${describe(board)} needs`;
  if (opts.offline) {
    throw new UserError(
      `env '${envName}': ${what} ${name} ${pinned.version} from the PlatformIO registry; it is not installed and the build is offline: build once without --offline / FBUILD_OFFLINE`
    );
  }
  try {
    const dir = await installFromRegistry(pinned, opts);
    return {
      dir,
      description: `${name} ${pinned.version}`,
      notices: [`installed ${name} ${pinned.version} from the PlatformIO registry into ${dir}`]
    };
  } catch (e) {
    const why = e.message.replace(/\s*\n\s*/g, " ");
    throw new UserError(`env '${envName}': ${what} ${name} ${pinned.version}, which could not be installed: ${why}`);
  }
}
async function installFromRegistry(pinned, opts) {
  const client = new RegistryClient({ ...opts.registryUrl ? { apiUrl: opts.registryUrl } : {}, retries: 2 });
  try {
    const pkg = await client.getPackage("platformio", pinned.name, "tool");
    if (!pkg) throw new Error(`the registry has no platformio/${pinned.name}`);
    const version = pkg.versions?.find((v) => v.name === pinned.version);
    if (!version) throw new Error(`the registry has no version ${pinned.version} of it`);
    const file = pickFile(version, systemType());
    if (!file) throw new Error(`the registry has no file of it for ${systemType()}`);
    const location = await client.downloadLocation(file);
    const published = (location.sha256 ?? file.checksum?.sha256)?.toLowerCase();
    if (pinned.sha256 && published && published !== pinned.sha256) {
      throw new Error(`the registry's checksum ${published} is not the pinned ${pinned.sha256}`);
    }
    const sha256 = pinned.sha256 ?? published;
    if (!sha256) throw new Error("the registry publishes no checksum for it, and fbuild installs nothing unverified");
    if (typeof file.size !== "number") throw new Error("the registry gives no size for it");
    const { dir } = await installPackage(
      {
        name: pinned.name,
        version: pinned.version,
        systems: [
          { host: "any", url: location.url, archiveFileName: basename(new URL(file.download_url).pathname), size: file.size, sha256 }
        ]
      },
      { toolchainsDir: opts.toolchainsDir, host: "any", retries: 2, ...opts.onProgress ? { onProgress: opts.onProgress } : {} }
    );
    return dir;
  } finally {
    await client.close();
  }
}
function boardAvailability(board, opts) {
  const name = corePackageName(board.core);
  const pinned = opts.packages[name];
  if (!pinned) {
    const requirement = UNSUPPORTED_CORE_PACKAGES[name];
    return {
      status: "unsupported",
      package: name,
      detail: `${name}${requirement ? ` ${requirement}` : ""}: a vendor core fbuild does not build`
    };
  }
  const pkg = `${name} ${pinned.version}`;
  if (installedPackage(opts.toolchainsDir, { ...pinned, systems: [] }))
    return { status: "ready", package: pkg, detail: `${pkg} installed` };
  const own = opts.frameworkDir;
  if (board.core === "arduino" && own && (!board.variant || existsSync(join(own, "variants", board.variant)))) {
    return { status: "ready", package: pkg, detail: `the Arduino core in ${own}` };
  }
  return { status: "install", package: pkg, detail: `${pkg} is installed from the PlatformIO registry on the first build` };
}

export {
  corePackages,
  GNU17_CORES,
  localAvrFramework,
  resolveAvrFramework,
  boardAvailability
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  esp32PackageDirs,
  findEsptool
} from "./chunk-IOX3AGIO.js";
import {
  ARDUINO_AVR_CORE,
  AVR_GCC,
  hostTriple,
  installedPackage,
  loadManifest,
  resolveAvrToolchain,
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import {
  systemAvrToolchain
} from "./chunk-6FV4Q5OU.js";
import {
  TOOLCHAINS_USAGE
} from "./chunk-QHSOPCBR.js";
import {
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import {
  findBoard,
  findEsp32Board,
  unknownBoardHint
} from "./chunk-HJM5M4WC.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-6RGQGRVI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/toolchains.ts
import { dirname, join } from "node:path";
var known = (board) => findBoard(board) ?? findEsp32Board(board);
function boardFor(arg) {
  if (!arg) throw new UserError(`fbuild toolchains: name an environment or a board; usage: ${TOOLCHAINS_USAGE}`);
  if (known(arg)) return arg;
  const env = readProjectConfig(process.cwd()).env(arg);
  if (!env.board || !known(env.board))
    throw new UserError(`env '${arg}' has board '${env.board ?? ""}'; ${unknownBoardHint(env.board ?? "")}`);
  return env.board;
}
var progress = (p) => process.stderr.isTTY && process.stderr.write(`\r${p.name}: ${Math.round(p.received / p.total * 100)}%\x1B[K`);
async function installEsp32(env) {
  const dirs = await esp32PackageDirs({
    mode: "pinned",
    env,
    onProgress: progress,
    onNotice: (m) => process.stderr.write(`fbuild: ${m}
`)
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1B[K");
  process.stdout.write(`${dirs.description}
`);
  try {
    const esptool = findEsptool(env);
    process.stdout.write(`esptool: ${esptool ? `${esptool} (FBUILD_ESPTOOL)` : "not needed: fbuild writes the images itself"}
`);
  } catch (e) {
    process.stdout.write(`esptool: ${e.message}
`);
    return 1;
  }
  return 0;
}
async function runToolchains(argv) {
  const [sub, arg] = argv;
  const env = process.env;
  const toolchainsDir = toolchainsDirFor(env);
  switch (sub) {
    case "list": {
      const host = hostTriple();
      for (const spec of loadManifest(env)) {
        const archive = spec.systems.find((s) => s.host === host) ?? spec.systems.find((s) => s.host === "any");
        const dir = installedPackage(toolchainsDir, spec, archive);
        const state = dir ? `installed in ${dir}` : archive ? "not installed" : `no verified archive for ${host}`;
        process.stdout.write(`${spec.name} ${spec.version}: ${state}
`);
      }
      try {
        process.stdout.write(`system: ${systemAvrToolchain(env).description}
`);
      } catch (e) {
        process.stdout.write(`system: none (${e.message})
`);
      }
      return 0;
    }
    case "install": {
      if (findEsp32Board(boardFor(arg))) return installEsp32(env);
      const tc = await resolveAvrToolchain({ mode: "pinned", env, onProgress: progress });
      if (process.stderr.isTTY) process.stderr.write("\r\x1B[K");
      process.stdout.write(`${tc.description}
`);
      return 0;
    }
    case "path": {
      if (findEsp32Board(boardFor(arg))) {
        process.stdout.write(`${join((await esp32PackageDirs({ mode: "system", env })).toolchainDir, "bin")}
`);
        return 0;
      }
      const specs = loadManifest(env);
      const pinned = [AVR_GCC, ARDUINO_AVR_CORE].map((n) => specs.find((s) => s.name === n)).every((s) => s && installedPackage(toolchainsDir, s));
      const tc = await resolveAvrToolchain({ mode: pinned ? "pinned" : "system", env });
      process.stdout.write(`${dirname(tc.gcc)}
`);
      return 0;
    }
    default:
      throw new UserError(`fbuild toolchains: unknown subcommand '${sub ?? ""}'; usage: ${TOOLCHAINS_USAGE}`);
  }
}
export {
  runToolchains
};

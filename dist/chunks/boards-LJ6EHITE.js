import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  boardAvailability,
  corePackages
} from "./chunk-U2OVFXTY.js";
import "./chunk-4L4JXF2I.js";
import {
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import {
  systemAvrToolchain
} from "./chunk-6FV4Q5OU.js";
import {
  BOARDS_USAGE
} from "./chunk-QHSOPCBR.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import {
  avrBoardIds,
  findBoard,
  sketchFlashMax
} from "./chunk-HJM5M4WC.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-6RGQGRVI.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/boards.ts
import { parseArgs } from "node:util";
var BUILDS = { ready: "yes", install: "after install", unsupported: "no" };
function runBoards(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean", default: false } } });
  } catch (e) {
    throw new UserError(`fbuild boards: ${e.message.split("\n")[0]}; usage: ${BOARDS_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild boards: one filter at most; usage: ${BOARDS_USAGE}`);
  const filter = positionals[0]?.toLowerCase();
  let frameworkDir;
  try {
    frameworkDir = systemAvrToolchain(process.env).frameworkDir;
  } catch {
  }
  const opts = { toolchainsDir: toolchainsDirFor(process.env), frameworkDir, packages: corePackages(process.env) };
  const rows = avrBoardIds().map((id) => findBoard(id)).filter((b) => !filter || [b.id, b.name, b.vendor, b.mcu, b.core].some((s) => s.toLowerCase().includes(filter))).map((b) => ({ board: b, availability: boardAvailability(b, opts) }));
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        rows.map(({ board, availability }) => jsonRow(board, availability)),
        null,
        2
      )}
`
    );
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(`no board matches '${positionals[0]}'
`);
    return 0;
  }
  const table = [
    ["ID", "MCU", "Frequency", "Flash", "RAM", "Core", "Builds here", "Name"],
    ...rows.map(({ board: b, availability: a }) => [
      b.id,
      b.mcu.toUpperCase(),
      `${Number.parseInt(b.fCpu, 10) / 1e6}MHz`,
      kib(sketchFlashMax(b)),
      kib(b.ramMax),
      b.core,
      BUILDS[a.status],
      b.name
    ])
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const lines = table.map((row) => row.map((c, i) => i === row.length - 1 ? c : c.padEnd(widths[i])).join("  "));
  lines.push(
    `${rows.length} boards; 'after install': the first build installs the core's package; 'no': a vendor core fbuild does not build`
  );
  process.stdout.write(`${lines.join("\n")}
`);
  return 0;
}
var kib = (bytes) => bytes >= 1024 ? `${Math.round(bytes / 1024 * 10) / 10}KB` : `${bytes}B`;
function jsonRow(b, a) {
  return {
    id: b.id,
    name: b.name,
    vendor: b.vendor,
    mcu: b.mcu,
    fCpu: Number.parseInt(b.fCpu, 10),
    core: b.core,
    variant: b.variant ?? null,
    flash: sketchFlashMax(b),
    ram: b.ramMax,
    package: a.package,
    builds: a.status,
    detail: a.detail
  };
}
export {
  runBoards
};

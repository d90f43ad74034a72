import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  elf2image,
  partitionTableFromCsv
} from "./chunk-VPKORHEW.js";
import {
  ELF2IMAGE_USAGE,
  PARTITIONS_USAGE
} from "./chunk-QHSOPCBR.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/esp32Images.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
var usageError = (what, usage) => new UserError(`${what}; usage: ${usage}`);
function writeOutput(path, bytes) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}
function parseOffset(text) {
  const n = /^0[xX][0-9a-fA-F]+$|^0[oO][0-7]+$|^0[bB][01]+$|^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw usageError(`--elf-sha256-offset '${text}' is not a number`, ELF2IMAGE_USAGE);
  return n;
}
function parseElf2imageArgs(args) {
  let chip;
  let output;
  let input;
  const options = { flashMode: "qio", flashSize: "1MB" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = args[++i];
      if (v === void 0) throw usageError(`${name} needs a value`, ELF2IMAGE_USAGE);
      return v;
    };
    switch (name) {
      case "--chip":
      case "-c":
        chip = value();
        break;
      case "--flash-mode":
      case "-fm":
        options.flashMode = value();
        break;
      case "--flash-freq":
      case "-ff":
        options.flashFreq = value();
        break;
      case "--flash-size":
      case "-fs":
        options.flashSize = value();
        break;
      case "--elf-sha256-offset":
        options.elfSha256Offset = parseOffset(value());
        break;
      case "--output":
      case "-o":
        output = value();
        break;
      default:
        if (name.startsWith("-")) throw new UserError(`elf2image: option '${name}' is not supported by fbuild; use esptool for it`);
        if (input !== void 0) throw usageError(`elf2image takes one ELF file, got '${input}' and '${arg}'`, ELF2IMAGE_USAGE);
        input = arg;
    }
  }
  if (chip === void 0) throw usageError("elf2image needs --chip esp32", ELF2IMAGE_USAGE);
  if (chip !== "esp32") throw new UserError(`elf2image: chip '${chip}' is not supported by fbuild (only esp32); use esptool for it`);
  if (input === void 0) throw usageError("elf2image needs an ELF file", ELF2IMAGE_USAGE);
  if (output === void 0) throw usageError("elf2image needs -o OUT.bin", ELF2IMAGE_USAGE);
  return { input, output, options };
}
async function runElf2image(args) {
  const { input, output, options } = parseElf2imageArgs(args);
  writeOutput(output, elf2image(readFileSync(input), options, input));
  return 0;
}
async function runPartitions(args) {
  const files = args.filter((a) => a !== "-q" && a !== "--quiet");
  const option = files.find((a) => a.startsWith("-"));
  if (option) throw new UserError(`partitions: option '${option}' is not supported by fbuild; use gen_esp32part.py for it`);
  if (files.length !== 2) throw usageError("partitions takes a CSV file and an output file", PARTITIONS_USAGE);
  const [csv, output] = files;
  writeOutput(output, partitionTableFromCsv(readFileSync(csv, "utf8"), csv));
  return 0;
}
export {
  ELF2IMAGE_USAGE,
  PARTITIONS_USAGE,
  parseElf2imageArgs,
  runElf2image,
  runPartitions
};

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { elf2image, type Elf2ImageOptions } from '../../server/targets/esp32/appImage.js';
import { partitionTableFromCsv } from '../../server/targets/esp32/partitionTable.js';
import { UserError } from '../../server/util/errors.js';

import { ELF2IMAGE_USAGE, PARTITIONS_USAGE } from './usage.js';
export { ELF2IMAGE_USAGE, PARTITIONS_USAGE };

const usageError = (what: string, usage: string) => new UserError(`${what}; usage: ${usage}`);

function writeOutput(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
}

/** An esptool-style integer: `0x…` hex, `0o…`, `0b…` or decimal. */
function parseOffset(text: string): number {
  const n = /^0[xX][0-9a-fA-F]+$|^0[oO][0-7]+$|^0[bB][01]+$|^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw usageError(`--elf-sha256-offset '${text}' is not a number`, ELF2IMAGE_USAGE);
  return n;
}

/**
 * `esptool --chip esp32 elf2image` with esptool's option names (long and short) and defaults
 * (mode qio, size 1MB, frequency left at its 40m encoding), for the options an Arduino build
 * passes; any other option is refused by name rather than ignored.
 */
export function parseElf2imageArgs(args: string[]): { input: string; output: string; options: Elf2ImageOptions } {
  let chip: string | undefined;
  let output: string | undefined;
  let input: string | undefined;
  const options: Elf2ImageOptions = { flashMode: 'qio', flashSize: '1MB' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw usageError(`${name} needs a value`, ELF2IMAGE_USAGE);
      return v;
    };
    switch (name) {
      case '--chip':
      case '-c':
        chip = value();
        break;
      case '--flash-mode':
      case '-fm':
        options.flashMode = value();
        break;
      case '--flash-freq':
      case '-ff':
        options.flashFreq = value();
        break;
      case '--flash-size':
      case '-fs':
        options.flashSize = value();
        break;
      case '--elf-sha256-offset':
        options.elfSha256Offset = parseOffset(value());
        break;
      case '--output':
      case '-o':
        output = value();
        break;
      default:
        if (name.startsWith('-')) throw new UserError(`elf2image: option '${name}' is not supported by fbuild; use esptool for it`);
        if (input !== undefined) throw usageError(`elf2image takes one ELF file, got '${input}' and '${arg}'`, ELF2IMAGE_USAGE);
        input = arg;
    }
  }
  if (chip === undefined) throw usageError('elf2image needs --chip esp32', ELF2IMAGE_USAGE);
  if (chip !== 'esp32') throw new UserError(`elf2image: chip '${chip}' is not supported by fbuild (only esp32); use esptool for it`);
  if (input === undefined) throw usageError('elf2image needs an ELF file', ELF2IMAGE_USAGE);
  // esptool's own default is IN.bin next to the ELF; fbuild asks for the name.
  if (output === undefined) throw usageError('elf2image needs -o OUT.bin', ELF2IMAGE_USAGE);
  return { input, output, options };
}

export async function runElf2image(args: string[]): Promise<number> {
  const { input, output, options } = parseElf2imageArgs(args);
  writeOutput(output, elf2image(readFileSync(input), options, input));
  return 0;
}

/** `gen_esp32part.py IN.csv OUT.bin` (its `-q` accepted and meaningless: fbuild prints nothing). */
export async function runPartitions(args: string[]): Promise<number> {
  const files = args.filter((a) => a !== '-q' && a !== '--quiet');
  const option = files.find((a) => a.startsWith('-'));
  if (option) throw new UserError(`partitions: option '${option}' is not supported by fbuild; use gen_esp32part.py for it`);
  if (files.length !== 2) throw usageError('partitions takes a CSV file and an output file', PARTITIONS_USAGE);
  const [csv, output] = files as [string, string];
  writeOutput(output, partitionTableFromCsv(readFileSync(csv, 'utf8'), csv));
  return 0;
}

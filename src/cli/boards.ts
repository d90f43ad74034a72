import { parseArgs } from 'node:util';
import { boardAvailability, type BoardAvailability } from '../../server/targets/avrFramework.js';
import { avrBoardIds, findBoard, sketchFlashMax, type AvrBoard } from '../../server/targets/boards.js';
import { systemAvrToolchain } from '../../server/toolchains/avrToolchain.js';
import { corePackages } from '../../server/toolchains/avrCores.js';
import { toolchainsDirFor } from '../../server/toolchains/resolveAvr.js';
import { UserError } from '../../server/util/errors.js';

import { BOARDS_USAGE } from './usage.js';

const BUILDS = { ready: 'yes', install: 'after install', unsupported: 'no' } as const;

/**
 * `fbuild boards [FILTER]`: platform-atmelavr 5.2.0's boards, as `pio boards` lists them (id, MCU,
 * clock, flash, RAM, name), with the core each builds with and whether it builds here: now, once
 * its framework package is installed, or not with fbuild. FILTER matches the id, name, vendor, MCU
 * or core, case-insensitively.
 */
export function runBoards(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  } catch (e) {
    throw new UserError(`fbuild boards: ${(e as Error).message.split('\n')[0]}; usage: ${BOARDS_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild boards: one filter at most; usage: ${BOARDS_USAGE}`);
  const filter = positionals[0]?.toLowerCase();
  let frameworkDir: string | undefined;
  try {
    frameworkDir = systemAvrToolchain(process.env).frameworkDir;
  } catch {
    // no Debian toolchain: only installed packages make a board ready
  }
  const opts = { toolchainsDir: toolchainsDirFor(process.env), frameworkDir, packages: corePackages(process.env) };
  const rows = avrBoardIds()
    .map((id) => findBoard(id)!)
    .filter((b) => !filter || [b.id, b.name, b.vendor, b.mcu, b.core].some((s) => s.toLowerCase().includes(filter)))
    .map((b) => ({ board: b, availability: boardAvailability(b, opts) }));
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify(
        rows.map(({ board, availability }) => jsonRow(board, availability)),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (rows.length === 0) {
    process.stdout.write(`no board matches '${positionals[0]}'\n`);
    return 0;
  }
  const table = [
    ['ID', 'MCU', 'Frequency', 'Flash', 'RAM', 'Core', 'Builds here', 'Name'],
    ...rows.map(({ board: b, availability: a }) => [
      b.id,
      b.mcu.toUpperCase(),
      `${Number.parseInt(b.fCpu, 10) / 1e6}MHz`,
      kib(sketchFlashMax(b)),
      kib(b.ramMax),
      b.core,
      BUILDS[a.status],
      b.name,
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines = table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
  lines.push(
    `${rows.length} boards; 'after install': the first build installs the core's package; 'no': a vendor core fbuild does not build`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

const kib = (bytes: number) => (bytes >= 1024 ? `${Math.round((bytes / 1024) * 10) / 10}KB` : `${bytes}B`);

function jsonRow(b: AvrBoard, a: BoardAvailability) {
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
    detail: a.detail,
  };
}

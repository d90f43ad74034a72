import { readFileSync, writeFileSync } from 'node:fs';
import { elf2image, type Elf2ImageOptions } from './esp32/appImage.js';
import { parsePartitionTable, partitionTableBinary, TYPE, type PartitionEntry } from './esp32/partitionTable.js';

/**
 * The esp32dev flash layout and image steps, from pioarduino/platform-espressif32 55.03.31-2
 * (builder/main.py) and arduino-esp32's tools/pioarduino-build.py: what PlatformIO runs after the
 * link, with fbuild writing the images itself (server/targets/esp32/) instead of running esptool
 * and gen_esp32part.py; `$FBUILD_ESPTOOL` runs a user's esptool for the two ELF images instead.
 */

/** The app partition the bootloader starts (ota_0, else factory, else the first app): where the app goes and how big it may be. */
export function appPartition(partitions: PartitionEntry[]): PartitionEntry {
  const apps = partitions.filter((p) => p.type === TYPE.app);
  const app = apps.find((p) => p.subtype === 0x10) ?? apps.find((p) => p.subtype === 0x00) ?? apps[0];
  if (!app) throw new Error('partition table has no app partition');
  return app;
}

/** One image fbuild writes from an ELF after the link. */
export interface ElfImageJob {
  elf: string;
  out: string;
  options: Elf2ImageOptions;
}

export interface Esp32ImagePlan {
  /** The app and bootloader images: written by fbuild, or by esptool's commands in `commands`. */
  images: ElfImageJob[];
  /** esptool command lines for the images, when a user's esptool is asked for (else empty). */
  commands: string[][];
  /** The partition table: the CSV (path and text) and where its binary goes. */
  partitions: { csvPath: string; csv: string; out: string };
  /** What to write where, as esptool's write-flash takes it. */
  flash: { offset: string; file: string }[];
  /** The app partition's size: the firmware's limit. */
  appMax: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/**
 * The image steps for an esp32 board: elf2image for the app (with the SHA-256 offset the Arduino
 * build adds) and for the prebuilt bootloader ELF, the partition table, and the flash layout
 * (bootloader 0x1000, partitions 0x8000, boot_app0 0xe000, the app at its partition's offset).
 */
export function esp32ImagePlan(opts: {
  esptool?: string;
  frameworkDir: string;
  sdkDir: string;
  buildDir: string;
  flashMode: string;
  fFlash: string;
  flashSize: string;
  partitionsCsvPath: string;
  partitionsCsv: string;
}): Esp32ImagePlan {
  // qio/qout images are written as dio; the bootloader switches modes (builder/main.py).
  const mode = ['qio', 'qout'].includes(opts.flashMode) ? 'dio' : opts.flashMode;
  const freq = `${Math.trunc(Number.parseInt(opts.fFlash, 10) / 1e6)}m`;
  const options = { flashMode: mode, flashFreq: freq, flashSize: opts.flashSize };
  const app: ElfImageJob = {
    elf: `${opts.buildDir}/firmware.elf`,
    out: `${opts.buildDir}/firmware.bin`,
    options: { ...options, elfSha256Offset: 0xb0 },
  };
  const bootloader: ElfImageJob = {
    elf: `${opts.sdkDir}/esp32/bin/bootloader_${mode}_${freq}.elf`,
    out: `${opts.buildDir}/bootloader.bin`,
    options,
  };
  const esptoolArgs = (job: ElfImageJob) => [
    '--chip',
    'esp32',
    'elf2image',
    '--flash-mode',
    job.options.flashMode,
    '--flash-freq',
    job.options.flashFreq!,
    '--flash-size',
    job.options.flashSize,
    ...(job.options.elfSha256Offset ? ['--elf-sha256-offset', hex(job.options.elfSha256Offset)] : []),
    '-o',
    job.out,
    job.elf,
  ];
  const table = parsePartitionTable(opts.partitionsCsv, opts.partitionsCsvPath);
  const appSlot = appPartition(table);
  return {
    images: [app, bootloader],
    commands: opts.esptool ? [app, bootloader].map((job) => [opts.esptool!, ...esptoolArgs(job)]) : [],
    partitions: { csvPath: opts.partitionsCsvPath, csv: opts.partitionsCsv, out: `${opts.buildDir}/partitions.bin` },
    flash: [
      { offset: '0x1000', file: bootloader.out },
      { offset: '0x8000', file: `${opts.buildDir}/partitions.bin` },
      { offset: '0xe000', file: `${opts.frameworkDir}/tools/partitions/boot_app0.bin` },
      { offset: hex(appSlot.offset), file: app.out },
    ],
    appMax: appSlot.size,
  };
}

/**
 * Writes what the plan leaves to fbuild: the partition table always, the two ELF images unless a
 * user's esptool writes them. `path` maps a planned output to where it is written now (the
 * build's staging dir) and a planned input to where it is read from.
 */
export function writeEsp32Images(plan: Esp32ImagePlan, path: (file: string) => string): void {
  if (!plan.commands.length) {
    for (const job of plan.images) writeFileSync(path(job.out), elf2image(readFileSync(path(job.elf)), job.options, job.elf));
  }
  const { csvPath, csv, out } = plan.partitions;
  writeFileSync(path(out), partitionTableBinary(parsePartitionTable(csv, csvPath), csvPath));
}

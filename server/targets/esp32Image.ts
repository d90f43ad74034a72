/**
 * The esp32dev flash layout and image steps, from pioarduino/platform-espressif32 55.03.31-2
 * (builder/main.py) and arduino-esp32's tools/pioarduino-build.py: what PlatformIO runs after the
 * link. No Xtensa toolchain runs here, so these are command lines, checked against the golden data
 * in test/golden/esp32dev-facts.json.
 */

export interface Partition {
  name: string;
  type: string;
  subtype: string;
  offset: number;
  size: number;
  flags: string;
}

const SIZE_UNITS: Record<string, number> = { K: 1024, M: 1024 * 1024 };

function parseNumber(text: string, what: string): number {
  const t = text.trim();
  const unit = /^(\d+)([KM])$/i.exec(t);
  const n = unit
    ? Number(unit[1]) * SIZE_UNITS[unit[2]!.toUpperCase()]!
    : t.toLowerCase().startsWith('0x')
      ? Number.parseInt(t, 16)
      : Number(t);
  if (!Number.isFinite(n)) throw new Error(`partition table: ${what} '${text}' is not a number`);
  return n;
}

/**
 * An ESP-IDF partition CSV (name, type, subtype, offset, size, flags; `#` comments). An empty offset
 * follows the previous partition, aligned to 0x10000 for apps and 0x1000 otherwise, as gen_esp32part does.
 */
export function parsePartitionsCsv(text: string): Partition[] {
  const out: Partition[] = [];
  let next = 0x9000;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [name = '', type = '', subtype = '', offset = '', size = '', flags = ''] = line.split(',').map((c) => c.trim());
    const align = type === 'app' ? 0x10000 : 0x1000;
    const start = offset ? parseNumber(offset, `offset of ${name}`) : Math.ceil(next / align) * align;
    const length = parseNumber(size, `size of ${name}`);
    out.push({ name, type, subtype, offset: start, size: length, flags });
    next = start + length;
  }
  return out;
}

/** The app partition the bootloader starts (ota_0, else factory, else the first app): where the app goes and how big it may be. */
export function appPartition(partitions: Partition[]): Partition {
  const app =
    partitions.find((p) => p.type === 'app' && p.subtype === 'ota_0') ??
    partitions.find((p) => p.type === 'app' && p.subtype === 'factory') ??
    partitions.find((p) => p.type === 'app');
  if (!app) throw new Error('partition table has no app partition');
  return app;
}

export interface Esp32ImagePlan {
  /** Command lines, in order: the app image, the bootloader image, the partition table. */
  commands: string[][];
  /** What to write where, as esptool's write-flash takes it. */
  flash: { offset: string; file: string }[];
  /** The app partition's size: the firmware's limit. */
  appMax: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/**
 * The image steps for an esp32 board: esptool elf2image for the app (with the SHA-256 offset the
 * Arduino build adds) and for the prebuilt bootloader ELF, gen_esp32part for the partition table,
 * and the flash layout (bootloader 0x1000, partitions 0x8000, boot_app0 0xe000, the app at its
 * partition's offset).
 */
export function esp32ImagePlan(opts: {
  esptool: string;
  python: string;
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
  const elf = `${opts.buildDir}/firmware.elf`;
  const bin = `${opts.buildDir}/firmware.bin`;
  const image = ['--chip', 'esp32', 'elf2image', '--flash-mode', mode, '--flash-freq', freq, '--flash-size', opts.flashSize];
  const app = appPartition(parsePartitionsCsv(opts.partitionsCsv));
  return {
    commands: [
      [opts.esptool, ...image, '--elf-sha256-offset', '0xb0', '-o', bin, elf],
      [opts.esptool, ...image, '-o', `${opts.buildDir}/bootloader.bin`, `${opts.sdkDir}/esp32/bin/bootloader_${mode}_${freq}.elf`],
      [opts.python, `${opts.frameworkDir}/tools/gen_esp32part.py`, '-q', opts.partitionsCsvPath, `${opts.buildDir}/partitions.bin`],
    ],
    flash: [
      { offset: '0x1000', file: `${opts.buildDir}/bootloader.bin` },
      { offset: '0x8000', file: `${opts.buildDir}/partitions.bin` },
      { offset: '0xe000', file: `${opts.frameworkDir}/tools/partitions/boot_app0.bin` },
      { offset: hex(app.offset), file: bin },
    ],
    appMax: app.size,
  };
}

/** Boards we can build for: the facts of each, from the Arduino/PlatformIO board definitions. */
export interface AvrBoard {
  id: string;
  name: string;
  platform: 'atmelavr';
  mcu: string;
  fCpu: string;
  /** `build.extra_flags`: the defines that identify the board to the core and to libraries. */
  extraFlags: string[];
  core: string;
  variant: string;
  /** Bytes of flash for the sketch (after the bootloader) and of RAM. */
  flashMax: number;
  ramMax: number;
  /** Boards with native USB (32u4): `build.usb_product`, the first of `build.hwids`, and `vendor`. */
  usb?: { product: string; vid: string; pid: string; vendor: string };
}

type AvrFacts = [name: string, mcu: string, fCpu: string, extraFlag: string, variant: string, flashMax: number, ramMax: number];

/** platform-atmelavr's boards/*.json (build and upload sections), the boards its Arduino core builds. */
const AVR_FACTS: Record<string, AvrFacts> = {
  uno: ['Arduino Uno', 'atmega328p', '16000000L', '-DARDUINO_AVR_UNO', 'standard', 32256, 2048],
  nanoatmega328: ['Arduino Nano ATmega328', 'atmega328p', '16000000L', '-DARDUINO_AVR_NANO', 'eightanaloginputs', 30720, 2048],
  nanoatmega328new: [
    'Arduino Nano ATmega328 (New Bootloader)',
    'atmega328p',
    '16000000L',
    '-DARDUINO_AVR_NANO',
    'eightanaloginputs',
    30720,
    2048,
  ],
  nanoatmega168: ['Arduino Nano ATmega168', 'atmega168', '16000000L', '-DARDUINO_AVR_NANO', 'eightanaloginputs', 14336, 1024],
  pro16MHzatmega328: [
    'Arduino Pro or Pro Mini ATmega328 (5V, 16 MHz)',
    'atmega328p',
    '16000000L',
    '-DARDUINO_AVR_PRO',
    'eightanaloginputs',
    30720,
    2048,
  ],
  pro8MHzatmega328: [
    'Arduino Pro or Pro Mini ATmega328 (3.3V, 8 MHz)',
    'atmega328p',
    '8000000L',
    '-DARDUINO_AVR_PRO',
    'eightanaloginputs',
    30720,
    2048,
  ],
  miniatmega328: ['Arduino Mini ATmega328', 'atmega328p', '16000000L', '-DARDUINO_AVR_MINI', 'eightanaloginputs', 28672, 2048],
  megaatmega2560: [
    'Arduino Mega or Mega 2560 ATmega2560 (Mega 2560)',
    'atmega2560',
    '16000000L',
    '-DARDUINO_AVR_MEGA2560',
    'mega',
    253952,
    8192,
  ],
  megaatmega1280: ['Arduino Mega or Mega 2560 ATmega1280', 'atmega1280', '16000000L', '-DARDUINO_AVR_MEGA', 'mega', 126976, 8192],
  leonardo: ['Arduino Leonardo', 'atmega32u4', '16000000L', '-DARDUINO_AVR_LEONARDO', 'leonardo', 28672, 2560],
  micro: ['Arduino Micro', 'atmega32u4', '16000000L', '-DARDUINO_AVR_MICRO', 'micro', 28672, 2560],
};

const AVR_USB: Record<string, NonNullable<AvrBoard['usb']>> = {
  leonardo: { product: 'Arduino Leonardo', vid: '0x2341', pid: '0x8036', vendor: 'Arduino' },
  micro: { product: 'Arduino Micro', vid: '0x2341', pid: '0x8037', vendor: 'Arduino' },
};

export function findBoard(id: string): AvrBoard | undefined {
  const facts = Object.hasOwn(AVR_FACTS, id) ? AVR_FACTS[id] : undefined;
  if (!facts) return undefined;
  const [name, mcu, fCpu, extraFlag, variant, flashMax, ramMax] = facts;
  const board: AvrBoard = {
    id,
    name,
    platform: 'atmelavr',
    mcu,
    fCpu,
    extraFlags: [extraFlag],
    core: 'arduino',
    variant,
    flashMax,
    ramMax,
  };
  if (AVR_USB[id]) board.usb = { ...AVR_USB[id] };
  return board;
}

/** Every board id fbuild builds for (AVR and ESP32), for messages. */
export function knownBoards(): string[] {
  return [...Object.keys(AVR_FACTS), ...Object.keys(ESP32_BOARDS)];
}

/** An ESP32 board, from pioarduino/platform-espressif32 55.03.31-2 boards/*.json. */
export interface Esp32Board {
  id: string;
  name: string;
  platform: 'espressif32';
  mcu: 'esp32';
  /** `build.core` and `build.variant`: the framework's cores/ and variants/ directories. */
  core: string;
  variant: string;
  fCpu: string;
  fFlash: string;
  flashMode: string;
  flashSize: string;
  extraFlags: string[];
  ramMax: number;
  /** The partition table used when the project names none. */
  partitions: string;
}

const ESP32_BOARDS: Record<string, Esp32Board> = {
  esp32dev: {
    id: 'esp32dev',
    name: 'Espressif ESP32 Dev Module',
    platform: 'espressif32',
    mcu: 'esp32',
    core: 'esp32',
    variant: 'esp32',
    fCpu: '240000000L',
    fFlash: '40000000L',
    flashMode: 'dio',
    flashSize: '4MB',
    extraFlags: ['-DARDUINO_ESP32_DEV'],
    ramMax: 327680,
    partitions: 'default.csv',
  },
};

export function findEsp32Board(id: string): Esp32Board | undefined {
  return ESP32_BOARDS[id];
}

/**
 * The board with the env's `board_build.*` / `board_upload.*` options applied, as PlatformIO updates
 * its board manifest from them (`board_build.f_cpu = 8000000L` builds for 8 MHz; the older
 * `board_mcu` / `board_f_cpu` too). Returns the problem in one line for a value that cannot be used.
 */
export function withBoardOptions(board: AvrBoard, raw: Record<string, string[]>): AvrBoard | string {
  const value = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = raw[k]?.join(' ').trim();
      if (v) return v;
    }
    return undefined;
  };
  const out: AvrBoard = { ...board, extraFlags: [...board.extraFlags], ...(board.usb ? { usb: { ...board.usb } } : {}) };
  const mcu = value('board_build.mcu', 'board_mcu');
  if (mcu !== undefined) {
    if (!/^[a-z0-9]+$/i.test(mcu)) return `board_build.mcu = ${mcu} is not an MCU name (e.g. atmega328p)`;
    out.mcu = mcu.toLowerCase();
  }
  const fCpu = value('board_build.f_cpu', 'board_f_cpu');
  if (fCpu !== undefined) {
    if (!/^\d+L?$/.test(fCpu)) return `board_build.f_cpu = ${fCpu} is not a frequency in Hz (e.g. 8000000L)`;
    out.fCpu = fCpu;
  }
  const extra = value('board_build.extra_flags');
  if (extra !== undefined) out.extraFlags = extra.split(/\s+/);
  const variant = value('board_build.variant');
  if (variant !== undefined) out.variant = variant;
  const core = value('board_build.core');
  if (core !== undefined && core !== 'arduino') {
    return `board_build.core = ${core} needs that core's package, which fbuild does not install; remove it to build with the Arduino core`;
  }
  const usbProduct = value('board_build.usb_product');
  if (usbProduct !== undefined && out.usb) out.usb.product = usbProduct;
  for (const [key, field] of [
    ['board_upload.maximum_size', 'flashMax'],
    ['board_upload.maximum_ram_size', 'ramMax'],
  ] as const) {
    const v = value(key);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v)) return `${key} = ${v} is not a number of bytes`;
    out[field] = Number(v);
  }
  return out;
}

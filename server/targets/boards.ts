/** Boards we can build for: the facts of each, from the Arduino/PlatformIO board definitions. */
export interface AvrBoard {
  id: string;
  name: string;
  platform: 'atmelavr';
  mcu: string;
  fCpu: string;
  /** Defines that identify the board to the core and to libraries. */
  boardDefine: string;
  core: string;
  variant: string;
  /** Bytes of flash for the sketch (after the bootloader) and of RAM. */
  flashMax: number;
  ramMax: number;
}

const BOARDS: Record<string, AvrBoard> = {
  uno: {
    id: 'uno',
    name: 'Arduino Uno',
    platform: 'atmelavr',
    mcu: 'atmega328p',
    fCpu: '16000000L',
    boardDefine: 'ARDUINO_AVR_UNO',
    core: 'arduino',
    variant: 'standard',
    flashMax: 32256,
    ramMax: 2048,
  },
};

export function findBoard(id: string): AvrBoard | undefined {
  return BOARDS[id];
}

/** Every board id fbuild builds for (AVR and ESP32), for messages. */
export function knownBoards(): string[] {
  return [...Object.keys(BOARDS), ...Object.keys(ESP32_BOARDS)];
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

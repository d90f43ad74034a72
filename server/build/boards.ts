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

export function knownBoards(): string[] {
  return Object.keys(BOARDS);
}

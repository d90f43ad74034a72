/**
 * A small ATmega328P (Arduino Uno) simulator for tests, built on avr8js.
 *
 * It runs an Intel HEX firmware image for a fixed number of CPU cycles at 16 MHz and reports
 * what the firmware wrote on USART0 (Serial) and how it drove PB5 (Arduino pin 13, the LED).
 */
import {
  AVREEPROM,
  EEPROMMemoryBackend,
  eepromConfig,
  AVRIOPort,
  AVRTimer,
  AVRUSART,
  CPU,
  avrInstruction,
  portBConfig,
  portCConfig,
  portDConfig,
  timer0Config,
  usart0Config,
} from 'avr8js';

export interface SimulationResult {
  /** Everything the firmware wrote on USART0 (Serial), decoded as latin1. */
  serial: string;
  /** Number of changes of the output level of pin PB5 (Arduino pin 13, the LED) seen. */
  ledToggles: number;
  /** CPU cycle counts at which PB5 went high. */
  ledHighCycles: number[];
  /** Cycles run. */
  cycles: number;
}

export interface SimulateOptions {
  /** Number of CPU cycles to run; default 32,000,000 (2 simulated seconds at 16 MHz). */
  cycles?: number;
  /** Checked about every 100,000 cycles; the simulation stops early when it returns true. */
  stopWhen?: (r: SimulationResult) => boolean;
}

/** ATmega328P flash size in bytes. */
export const FLASH_BYTES = 32 * 1024;
/** Simulated clock frequency. */
export const CLOCK_HZ = 16_000_000;
/** Default run length: 2 simulated seconds. */
export const DEFAULT_CYCLES = 32_000_000;
/** How often (in cycles) `stopWhen` is consulted. */
const STOP_CHECK_INTERVAL = 100_000;
/** PB5 = Arduino digital pin 13 (the on-board LED). */
const LED_BIT = 1 << 5;

/**
 * Parses Intel HEX text into a 32 KiB flash image (unwritten bytes are 0xFF).
 * Supports record types 00 (data), 01 (end of file), 02 (extended segment address),
 * 03 (start segment address, ignored), 04 (extended linear address) and 05 (start linear address, ignored).
 * Throws an Error naming the line on a malformed line, a bad checksum, or data outside the flash.
 */
export function parseIntelHex(text: string): Uint8Array {
  const flash = new Uint8Array(FLASH_BYTES).fill(0xff);
  const lines = text.split(/\r?\n/);
  let base = 0;
  let sawEof = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (sawEof) throw new Error(`Intel HEX line ${lineNo}: data after end-of-file record`);
    if (line[0] !== ':') throw new Error(`Intel HEX line ${lineNo}: missing ':' start code: ${JSON.stringify(line)}`);
    const hex = line.slice(1);
    if (hex.length < 10 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
      throw new Error(`Intel HEX line ${lineNo}: malformed record: ${JSON.stringify(line)}`);
    }
    const bytes = new Uint8Array(hex.length / 2);
    for (let j = 0; j < bytes.length; j++) bytes[j] = parseInt(hex.slice(j * 2, j * 2 + 2), 16);
    const count = bytes[0]!;
    if (bytes.length !== count + 5) {
      throw new Error(`Intel HEX line ${lineNo}: byte count ${count} does not match record length ${bytes.length - 5}`);
    }
    let sum = 0;
    for (const b of bytes) sum = (sum + b) & 0xff;
    if (sum !== 0) {
      const expected = (0x100 - ((sum - bytes[bytes.length - 1]! + 0x100) & 0xff)) & 0xff;
      throw new Error(
        `Intel HEX line ${lineNo}: bad checksum 0x${bytes[bytes.length - 1]!.toString(16).padStart(2, '0')}` +
          ` (expected 0x${expected.toString(16).padStart(2, '0')})`,
      );
    }
    const address = (bytes[1]! << 8) | bytes[2]!;
    const type = bytes[3]!;
    const data = bytes.subarray(4, 4 + count);
    switch (type) {
      case 0x00: {
        const start = base + address;
        if (start + count > FLASH_BYTES) {
          throw new Error(
            `Intel HEX line ${lineNo}: data at 0x${start.toString(16)}..0x${(start + count - 1).toString(16)}` +
              ` is outside the ${FLASH_BYTES}-byte flash`,
          );
        }
        flash.set(data, start);
        break;
      }
      case 0x01:
        sawEof = true;
        break;
      case 0x02:
        if (count !== 2) throw new Error(`Intel HEX line ${lineNo}: extended segment address record needs 2 bytes`);
        base = ((data[0]! << 8) | data[1]!) * 16;
        break;
      case 0x04:
        if (count !== 2) throw new Error(`Intel HEX line ${lineNo}: extended linear address record needs 2 bytes`);
        base = ((data[0]! << 8) | data[1]!) * 0x10000;
        break;
      case 0x03:
      case 0x05:
        break; // start address: irrelevant for a flash image
      default:
        throw new Error(`Intel HEX line ${lineNo}: unknown record type 0x${type.toString(16).padStart(2, '0')}`);
    }
  }
  return flash;
}

/**
 * Runs the firmware on a simulated ATmega328P at 16 MHz (timer0, USART0, ports B/C/D)
 * for `options.cycles` cycles (default 32,000,000), or until `options.stopWhen` returns true
 * (checked about every 100,000 cycles).
 */
export function simulateHex(hexText: string, options: SimulateOptions = {}): SimulationResult {
  const maxCycles = options.cycles ?? DEFAULT_CYCLES;
  const stopWhen = options.stopWhen;

  const flash = parseIntelHex(hexText);
  // Program memory is 16-bit words, stored little-endian in the image.
  const progMem = new Uint16Array(flash.length / 2);
  for (let i = 0; i < progMem.length; i++) progMem[i] = flash[2 * i]! | (flash[2 * i + 1]! << 8);
  const cpu = new CPU(progMem);

  // The peripherals hook themselves into the CPU on construction; timer0 drives millis()/delay().
  new AVRTimer(cpu, timer0Config);
  const usart = new AVRUSART(cpu, usart0Config, CLOCK_HZ);
  const portB = new AVRIOPort(cpu, portBConfig);
  new AVRIOPort(cpu, portCConfig);
  new AVRIOPort(cpu, portDConfig);
  // 1 KiB of EEPROM, so that sketches using the EEPROM library run (its writes poll EEPE).
  new AVREEPROM(cpu, new EEPROMMemoryBackend(1024), eepromConfig);

  const serialBytes: number[] = [];
  usart.onByteTransmit = (value: number) => {
    serialBytes.push(value);
  };

  let ledToggles = 0;
  const ledHighCycles: number[] = [];
  let ledLevel = 0;
  portB.addListener((value: number) => {
    const level = value & LED_BIT;
    if (level !== ledLevel) {
      ledLevel = level;
      ledToggles++;
      if (level) ledHighCycles.push(cpu.cycles);
    }
  });

  const snapshot = (): SimulationResult => ({
    serial: Buffer.from(serialBytes).toString('latin1'),
    ledToggles,
    ledHighCycles: ledHighCycles.slice(),
    cycles: cpu.cycles,
  });

  while (cpu.cycles < maxCycles) {
    const nextCheck = (Math.floor(cpu.cycles / STOP_CHECK_INTERVAL) + 1) * STOP_CHECK_INTERVAL;
    const chunkEnd = Math.min(maxCycles, nextCheck);
    while (cpu.cycles < chunkEnd) {
      avrInstruction(cpu);
      cpu.tick();
    }
    if (stopWhen && cpu.cycles < maxCycles && stopWhen(snapshot())) break;
  }

  return snapshot();
}

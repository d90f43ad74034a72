import { createHash } from 'node:crypto';
import { UserError } from '../../util/errors.js';
import { readElfSections, type ElfSection } from './elfSections.js';

/**
 * The ESP32 firmware image (app or second-stage bootloader) that `esptool --chip esp32 elf2image`
 * 5.1.0 writes, made in-process from the linked ELF. The rules, as esptool applies them
 * (esptool/bin_image.py ESP32FirmwareImage.save and cmds.py elf2image):
 *
 * - header: magic 0xE9, segment count, flash mode, flash size (high nibble) | frequency (low),
 *   entry point; then the 16-byte extended header (WP pin 0xEE, drive strengths 0, chip id 0 for
 *   the ESP32, min rev 0, min/max full rev 0/65535, 4 reserved bytes, "SHA-256 appended" = 1);
 * - the ELF's memory sections, in file order, with neighbours merged when one starts where the
 *   other ends and both lie in the same memory regions of the chip's map;
 * - flash-mapped segments (IROM, DROM) ordered by address (`.flash.appdesc` first) and each placed
 *   so its bytes sit at the same offset within a 64 KiB MMU page in the file as in the address
 *   space; the gap before one is filled with a slice of the next RAM segment (when the gap is more
 *   than a segment header) or with a zero segment at address 0; a flash segment ending less than
 *   0x24 bytes past a page boundary is padded to 0x24 past it (an old ESP-IDF bootloader bug);
 * - the remaining RAM segments by address (`.dram0.bootdesc` first);
 * - the checksum (0xEF XOR every segment byte) in the last byte of a 16-byte block, then the SHA-256
 *   of everything before it; the ELF file's own SHA-256 is written into the segment bytes at
 *   `--elf-sha256-offset`, or at 0xB0 when the ELF has a flash-mapped `.flash.appdesc` section.
 */

export const FLASH_MODES: Record<string, number> = { qio: 0, qout: 1, dio: 2, dout: 3 };
export const FLASH_SIZES: Record<string, number> = {
  '1MB': 0x00,
  '2MB': 0x10,
  '4MB': 0x20,
  '8MB': 0x30,
  '16MB': 0x40,
  '32MB': 0x50,
  '64MB': 0x60,
  '128MB': 0x70,
};
export const FLASH_FREQS: Record<string, number> = { '80m': 0xf, '40m': 0x0, '26m': 0x1, '20m': 0x2 };

const IMAGE_MAGIC = 0xe9;
const CHECKSUM_SEED = 0xef;
const SEGMENT_HEADER = 8;
const DIGEST_LENGTH = 32;
const MMU_PAGE = 0x10000;
const MAX_SEGMENTS = 16;
const WP_PIN_DISABLED = 0xee;
const ESP32_CHIP_ID = 0;
const APP_DESC_SHA256_OFFSET = 0xb0;

const IROM = [0x400d0000, 0x40400000] as const;
const DROM = [0x3f400000, 0x3f800000] as const;

/** The ESP32's address map as esptool names it: neighbours merge only inside the same regions. */
const MEMORY_MAP: [number, number, string][] = [
  [0x00000000, 0x00010000, 'PADDING'],
  [0x3f400000, 0x3f800000, 'DROM'],
  [0x3f800000, 0x3fc00000, 'EXTRAM_DATA'],
  [0x3ff80000, 0x3ff82000, 'RTC_DRAM'],
  [0x3ff90000, 0x40000000, 'BYTE_ACCESSIBLE'],
  [0x3ffae000, 0x40000000, 'DRAM'],
  [0x3ffe0000, 0x3ffffffc, 'DIRAM_DRAM'],
  [0x40000000, 0x40070000, 'IROM'],
  [0x40070000, 0x40078000, 'CACHE_PRO'],
  [0x40078000, 0x40080000, 'CACHE_APP'],
  [0x40080000, 0x400a0000, 'IRAM'],
  [0x400a0000, 0x400bfffc, 'DIRAM_IRAM'],
  [0x400c0000, 0x400c2000, 'RTC_IRAM'],
  [0x400d0000, 0x40400000, 'IROM'],
  [0x50000000, 0x50002000, 'RTC_DATA'],
];

export interface Elf2ImageOptions {
  flashMode: string;
  /** undefined: esptool's default encoding (0, which is 40m). */
  flashFreq?: string;
  flashSize: string;
  /** Where the ELF's SHA-256 goes in the image (the Arduino build passes 0xb0). */
  elfSha256Offset?: number;
}

export class ImageError extends UserError {}

export const isFlashAddress = (addr: number) => (addr >= IROM[0] && addr < IROM[1]) || (addr >= DROM[0] && addr < DROM[1]);

const regionsOf = (addr: number) =>
  MEMORY_MAP.filter(([start, end]) => start <= addr && addr < end)
    .map(([, , name]) => name)
    .join(',');

interface Segment {
  name: string;
  addr: number;
  data: Buffer;
}

/** Sections in file order; one that starts where the previous ends, in the same regions, joins it. */
function mergeNeighbours(sections: ElfSection[]): Segment[] {
  const out: Segment[] = [];
  for (const s of sections) {
    const last = out[out.length - 1];
    if (last && s.addr === last.addr + last.data.length && regionsOf(s.addr) === regionsOf(last.addr)) {
      last.data = Buffer.concat([last.data, s.data]);
    } else out.push({ name: s.name, addr: s.addr, data: s.data });
  }
  return out;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

function moveToFront(list: Segment[], name: string): void {
  const i = list.findIndex((s) => s.name === name);
  if (i > 0) list.unshift(...list.splice(i, 1));
}

/** Writes the image of `elf` (the ELF file's bytes); `file` names it in errors. */
export function elf2image(elf: Buffer, opts: Elf2ImageOptions, file = 'ELF'): Buffer {
  const flashMode = FLASH_MODES[opts.flashMode];
  if (flashMode === undefined) throw new ImageError(`flash mode '${opts.flashMode}' is not one of ${Object.keys(FLASH_MODES).join(', ')}`);
  const size = FLASH_SIZES[opts.flashSize];
  if (size === undefined)
    throw new ImageError(`flash size '${opts.flashSize}' is not supported by the esp32; use one of ${Object.keys(FLASH_SIZES).join(', ')}`);
  const freq = opts.flashFreq === undefined ? 0 : FLASH_FREQS[opts.flashFreq];
  if (freq === undefined)
    throw new ImageError(
      `flash frequency '${opts.flashFreq}' is not supported by the esp32; use one of ${Object.keys(FLASH_FREQS).join(', ')}`,
    );

  const input = readElfSections(elf, file);
  let sha256Offset = opts.elfSha256Offset || undefined;
  if (sha256Offset === undefined) {
    const appDesc = input.sections.find((s) => s.name.includes('.flash.appdesc'));
    if (appDesc && isFlashAddress(appDesc.addr)) sha256Offset = APP_DESC_SHA256_OFFSET;
  }
  const elfSha256 = sha256Offset === undefined ? undefined : createHash('sha256').update(elf).digest();

  const segments = mergeNeighbours(input.sections);
  if (segments.length > MAX_SEGMENTS)
    throw new ImageError(
      `${file}: ${segments.length} segments, the image allows ${MAX_SEGMENTS}; the linker script leaves too many separate sections`,
    );

  const byAddr = [...segments].sort((a, b) => a.addr - b.addr);
  const flash = byAddr.filter((s) => isFlashAddress(s.addr)).map((s) => ({ ...s }));
  const ram = byAddr.filter((s) => !isFlashAddress(s.addr)).map((s) => ({ ...s }));
  moveToFront(flash, '.flash.appdesc');
  moveToFront(ram, '.dram0.bootdesc');
  for (let i = 1; i < flash.length; i++) {
    if (Math.floor(flash[i]!.addr / MMU_PAGE) === Math.floor(flash[i - 1]!.addr / MMU_PAGE))
      throw new ImageError(
        `${file}: the flash segment at ${hex(flash[i]!.addr)} is in the same 64 KiB page as the one at ${hex(flash[i - 1]!.addr)}; the linker script must merge them`,
      );
  }

  const parts: Buffer[] = [];
  let position = 0;
  let checksum = CHECKSUM_SEED;
  let count = 0;
  const put = (b: Buffer) => {
    parts.push(b);
    position += b.length;
  };

  const header = Buffer.alloc(8);
  header.writeUInt8(IMAGE_MAGIC, 0);
  header.writeUInt8(flashMode, 2);
  header.writeUInt8(size + freq, 3);
  header.writeUInt32LE(input.entry, 4);
  put(header);
  const extended = Buffer.alloc(16);
  extended.writeUInt8(WP_PIN_DISABLED, 0);
  extended.writeUInt16LE(ESP32_CHIP_ID, 4);
  extended.writeUInt16LE(0xffff, 9); // max_rev_full 65535; min_rev (6) and min_rev_full (7..8) stay 0
  extended.writeUInt8(1, 15); // a SHA-256 digest follows the checksum
  put(extended);

  const writeSegment = (segment: Segment) => {
    let data = segment.data;
    if (sha256Offset !== undefined && elfSha256 && sha256Offset >= position && sha256Offset < position + data.length) {
      const at = sha256Offset - position;
      if (at < SEGMENT_HEADER || at + DIGEST_LENGTH > data.length)
        throw new ImageError(`${file}: the ELF SHA-256 offset 0x${sha256Offset.toString(16)} falls on a segment boundary`);
      const inData = at - SEGMENT_HEADER;
      if (data.subarray(inData, inData + DIGEST_LENGTH).some((b) => b !== 0))
        throw new ImageError(
          `${file}: the bytes at the ELF SHA-256 offset 0x${sha256Offset.toString(16)} are not zero; refusing to overwrite them`,
        );
      data = Buffer.from(data);
      elfSha256.copy(data, inData);
    }
    if (data.length % 4) throw new ImageError(`${file}: segment ${segment.name} has a length that is not a multiple of 4`);
    if (data.length >= 0x1000000) throw new ImageError(`${file}: segment ${segment.name} is 16 MB or more`);
    const h = Buffer.alloc(SEGMENT_HEADER);
    h.writeUInt32LE(segment.addr, 0);
    h.writeUInt32LE(data.length, 4);
    put(h);
    put(data);
    for (const b of data) checksum ^= b;
    count++;
  };

  // How many bytes must come before the next segment's header so that its data lands at the same
  // offset within a 64 KiB page as its address; the filler is itself a segment with a header.
  const gapBefore = (addr: number) => {
    const alignPast = (addr % MMU_PAGE) - SEGMENT_HEADER;
    let pad = MMU_PAGE - (position % MMU_PAGE) + alignPast;
    if (pad === 0 || pad === MMU_PAGE) return 0;
    pad -= SEGMENT_HEADER;
    return pad < 0 ? pad + MMU_PAGE : pad;
  };

  while (flash.length) {
    const segment = flash[0]!;
    const pad = gapBefore(segment.addr);
    if (pad > 0) {
      const filler = ram[0];
      if (filler && pad > SEGMENT_HEADER) {
        writeSegment({ name: filler.name, addr: filler.addr, data: filler.data.subarray(0, pad) });
        filler.data = filler.data.subarray(pad);
        filler.addr += pad;
        if (filler.data.length === 0) ram.shift();
      } else writeSegment({ name: segment.name, addr: 0, data: Buffer.alloc(pad) });
      continue;
    }
    const end = (position + segment.data.length + SEGMENT_HEADER) % MMU_PAGE;
    if (end < 0x24) segment.data = Buffer.concat([segment.data, Buffer.alloc(0x24 - end)]);
    writeSegment(segment);
    flash.shift();
  }
  for (const segment of ram) writeSegment(segment);

  // The checksum is the last byte of a 16-byte block.
  put(Buffer.alloc(15 - (position % 16)));
  put(Buffer.from([checksum]));
  const image = Buffer.concat(parts);
  image.writeUInt8(count, 1);
  return Buffer.concat([image, createHash('sha256').update(image).digest()]);
}

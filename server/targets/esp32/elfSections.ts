import { UserError } from '../../util/errors.js';

/**
 * The parts of a 32-bit little-endian ELF that an ESP image is made from: the entry point and the
 * sections that occupy memory. esptool's elf2image works from *sections* (not program headers),
 * drops those at address 0 or of size 0 (`.xt.prop`, debug info, comments), and keeps those whose
 * bytes are in the file (PROGBITS, INIT_ARRAY, FINI_ARRAY, PREINIT_ARRAY); NOBITS (`.bss`) and
 * string tables carry no image bytes.
 */
export interface ElfSection {
  name: string;
  addr: number;
  /** The section's bytes, zero-padded to a multiple of 4 as every image segment is. */
  data: Buffer;
}

export interface ElfImageInput {
  entry: number;
  sections: ElfSection[];
  /** Section types other than the known ones, skipped (esptool warns about each). */
  skippedTypes: number[];
}

const EM_XTENSA = 0x5e;
const EM_RISCV = 0xf3;
const SECTION_HEADER_SIZE = 0x28;
const SHT = { PROGBITS: 1, STRTAB: 3, NOBITS: 8, INIT_ARRAY: 14, FINI_ARRAY: 15, PREINIT_ARRAY: 16 } as const;
const WITH_BYTES = new Set<number>([SHT.PROGBITS, SHT.INIT_ARRAY, SHT.FINI_ARRAY, SHT.PREINIT_ARRAY]);
const KNOWN = new Set<number>([...WITH_BYTES, SHT.NOBITS, SHT.STRTAB]);

export class ElfError extends UserError {
  constructor(what: string, file: string) {
    super(`${file}: ${what}; give elf2image the firmware ELF the linker wrote`);
  }
}

/** Zero-pads to a multiple of 4 bytes. */
export function padTo4(data: Buffer): Buffer {
  const rest = data.length % 4;
  return rest ? Buffer.concat([data, Buffer.alloc(4 - rest)]) : data;
}

export function readElfSections(elf: Buffer, file = 'ELF'): ElfImageInput {
  if (elf.length < 0x34) throw new ElfError('not an ELF file (too short for an ELF header)', file);
  if (elf[0] !== 0x7f || elf.toString('latin1', 1, 4) !== 'ELF') throw new ElfError('not an ELF file (bad magic)', file);
  if (elf[4] !== 1 || elf[5] !== 1) throw new ElfError('not a 32-bit little-endian ELF', file);
  const machine = elf.readUInt16LE(18);
  if (machine !== EM_XTENSA && machine !== EM_RISCV)
    throw new ElfError(`not an Xtensa or RISC-V ELF (e_machine 0x${machine.toString(16).padStart(4, '0')})`, file);
  const entry = elf.readUInt32LE(24);
  const shoff = elf.readUInt32LE(32);
  const shentsize = elf.readUInt16LE(46);
  const shnum = elf.readUInt16LE(48);
  const shstrndx = elf.readUInt16LE(50);
  if (shentsize !== SECTION_HEADER_SIZE) throw new ElfError(`unexpected section header size 0x${shentsize.toString(16)}`, file);
  if (shnum === 0) throw new ElfError('the ELF has no section headers', file);
  if (shoff + shnum * SECTION_HEADER_SIZE > elf.length)
    throw new ElfError('the section headers run past the end of the file (truncated?)', file);
  if (shstrndx >= shnum) throw new ElfError(`no section name table at index ${shstrndx}`, file);

  const header = (i: number) => {
    const o = shoff + i * SECTION_HEADER_SIZE;
    return {
      nameOffset: elf.readUInt32LE(o),
      type: elf.readUInt32LE(o + 4),
      addr: elf.readUInt32LE(o + 12),
      offset: elf.readUInt32LE(o + 16),
      size: elf.readUInt32LE(o + 20),
    };
  };
  // Like a file read, a range past the end yields what is there.
  const bytes = (offset: number, size: number) => elf.subarray(Math.min(offset, elf.length), Math.min(offset + size, elf.length));
  const names = header(shstrndx);
  const strtab = bytes(names.offset, names.size);
  const nameAt = (offset: number) => {
    const end = strtab.indexOf(0, offset);
    if (end < 0) throw new ElfError(`a section name at 0x${offset.toString(16)} is not terminated`, file);
    return strtab.toString('utf8', offset, end);
  };

  const sections: ElfSection[] = [];
  const skippedTypes: number[] = [];
  for (let i = 0; i < shnum; i++) {
    const h = header(i);
    if (h.addr === 0 || h.size === 0) continue;
    if (!KNOWN.has(h.type)) {
      skippedTypes.push(h.type);
      continue;
    }
    if (WITH_BYTES.has(h.type))
      sections.push({ name: nameAt(h.nameOffset), addr: h.addr, data: padTo4(Buffer.from(bytes(h.offset, h.size))) });
  }
  return { entry, sections, skippedTypes };
}

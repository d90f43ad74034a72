// Hand-built Xtensa ELF files at ESP32 addresses, for the image tests: the same bytes on every
// machine, so the images fbuild writes from them can be compared with hashes recorded from esptool.
// Section contents come from a seeded generator; layouts are chosen to exercise elf2image's rules.
import { createHash } from 'node:crypto';

export interface TestSection {
  name: string;
  addr: number;
  /** PROGBITS bytes; `nobits` gives a size without bytes (.bss). */
  data?: Buffer;
  nobits?: number;
  /** Another ELF section type (e.g. 0x70000001, an Xtensa property table): esptool skips it. */
  type?: number;
}

/** Deterministic bytes: a SHA-256 counter stream of `seed`. */
export function seededBytes(seed: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0, block = 0; i < length; block++) {
    const chunk = createHash('sha256').update(`${seed}:${block}`).digest();
    i += chunk.copy(out, i);
  }
  return out;
}

/** A 32-bit little-endian Xtensa executable: the sections, their names, one PT_LOAD per alloc section. */
export function buildElf(entry: number, sections: TestSection[]): Buffer {
  const all: TestSection[] = [{ name: '', addr: 0, data: Buffer.alloc(0) }, ...sections, { name: '.shstrtab', addr: 0, type: 3 }];
  const names: number[] = [];
  let strtab = Buffer.alloc(0);
  for (const s of all) {
    names.push(s.name ? strtab.length : 0);
    if (s.name) strtab = Buffer.concat([strtab, Buffer.from(`${s.name}\0`)]);
  }
  strtab = Buffer.concat([Buffer.from([0]), strtab]);
  for (let i = 1; i < names.length; i++) if (all[i]!.name) names[i]! += 1;
  all[all.length - 1]!.data = strtab;

  const loads = sections.filter((s) => s.addr !== 0 && s.data && !s.type);
  const headerSize = 0x34;
  const phoff = headerSize;
  let offset = phoff + loads.length * 0x20;
  const placed = all.map((s) => {
    const bytes = s.data ?? Buffer.alloc(0);
    offset = (offset + 3) & ~3;
    const at = offset;
    offset += bytes.length;
    return { at, bytes };
  });
  const shoff = (offset + 3) & ~3;
  const out = Buffer.alloc(shoff + all.length * 0x28);
  out.write('\x7fELF', 0, 'latin1');
  out[4] = 1; // 32-bit
  out[5] = 1; // little-endian
  out[6] = 1; // version
  out.writeUInt16LE(2, 16); // ET_EXEC
  out.writeUInt16LE(0x5e, 18); // EM_XTENSA
  out.writeUInt32LE(1, 20);
  out.writeUInt32LE(entry, 24);
  out.writeUInt32LE(loads.length ? phoff : 0, 28);
  out.writeUInt32LE(shoff, 32);
  out.writeUInt32LE(0x300, 36);
  out.writeUInt16LE(headerSize, 40);
  out.writeUInt16LE(0x20, 42);
  out.writeUInt16LE(loads.length, 44);
  out.writeUInt16LE(0x28, 46);
  out.writeUInt16LE(all.length, 48);
  out.writeUInt16LE(all.length - 1, 50);
  loads.forEach((s, i) => {
    const p = phoff + i * 0x20;
    const { at, bytes } = placed[all.indexOf(s)]!;
    out.writeUInt32LE(1, p);
    out.writeUInt32LE(at, p + 4);
    out.writeUInt32LE(s.addr, p + 8);
    out.writeUInt32LE(s.addr, p + 12);
    out.writeUInt32LE(bytes.length, p + 16);
    out.writeUInt32LE(bytes.length, p + 20);
    out.writeUInt32LE(s.name.includes('text') || s.name.includes('vectors') ? 5 : 6, p + 24);
    out.writeUInt32LE(4, p + 28);
  });
  all.forEach((s, i) => {
    const { at, bytes } = placed[i]!;
    bytes.copy(out, at);
    if (i === 0) return;
    const h = shoff + i * 0x28;
    const type = s.type ?? (s.nobits !== undefined ? 8 : 1);
    out.writeUInt32LE(names[i]!, h);
    out.writeUInt32LE(type, h + 4);
    out.writeUInt32LE(s.addr ? (s.name.includes('text') ? 6 : 3) : 0, h + 8); // ALLOC|EXEC or ALLOC|WRITE
    out.writeUInt32LE(s.addr, h + 12);
    out.writeUInt32LE(at, h + 16);
    out.writeUInt32LE(s.nobits ?? bytes.length, h + 20);
    out.writeUInt32LE(s.type === 3 || !s.addr ? 1 : 4, h + 32);
  });
  return out;
}

/** An esp_app_desc_t-sized block (256 bytes) with magic, a name and a zeroed ELF SHA-256 field at 0x90. */
function appDesc(): Buffer {
  const b = seededBytes('appdesc', 256);
  b.writeUInt32LE(0xabcd5432, 0);
  b.fill(0, 0x90, 0xb0);
  return b;
}

const bytes = seededBytes;

/** The ELF shapes the golden cases use, by name. */
export const TEST_ELVES: Record<string, { description: string; elf: () => Buffer }> = {
  'iram-only': {
    description:
      'RAM only: .iram0.vectors 0x40080000 (0x400) and .iram0.text right after (merged), .dram0.data 0x3ffb0000 (0x2a6, padded), .dram0.bss (NOBITS), .xt.prop and .comment at address 0 (left out), an Xtensa property section (skipped)',
    elf: () =>
      buildElf(0x40080404, [
        { name: '.iram0.vectors', addr: 0x40080000, data: bytes('vectors', 0x400) },
        { name: '.iram0.text', addr: 0x40080400, data: bytes('iram-text', 0x1234) },
        { name: '.dram0.data', addr: 0x3ffb0000, data: bytes('dram', 0x2a6) },
        { name: '.dram0.bss', addr: 0x3ffb02a8, nobits: 0x800 },
        { name: '.xt.prop', addr: 0, data: bytes('xtprop', 0x40) },
        { name: '.comment', addr: 0, data: Buffer.from('GCC: (test) 12.2.0\0') },
        { name: '.xtensa.info', addr: 0x3ffb1000, data: bytes('info', 8), type: 0x70000001 },
      ]),
  },
  'flash-mapped': {
    description:
      'flash-mapped: .flash.appdesc 0x3f400020 (256 bytes, zero at 0x90) and .flash.rodata right after (merged, 0x10010 bytes: crosses a 64 KiB page and ends within 0x24 of the next), .flash.text 0x400d0020 (0x8abc), .iram0.vectors/.iram0.text 0x40080000 (0x400 + 0x5000), .dram0.data 0x3ffb0000 (0x1800); RAM fills the gaps before the flash segments',
    elf: () =>
      buildElf(0x40081000, [
        { name: '.iram0.vectors', addr: 0x40080000, data: bytes('vectors', 0x400) },
        { name: '.iram0.text', addr: 0x40080400, data: bytes('iram-text', 0x5000) },
        { name: '.dram0.data', addr: 0x3ffb0000, data: bytes('dram', 0x1800) },
        { name: '.flash.appdesc', addr: 0x3f400020, data: appDesc() },
        { name: '.flash.rodata', addr: 0x3f400120, data: bytes('rodata', 0x10010) },
        { name: '.flash.text', addr: 0x400d0020, data: bytes('flash-text', 0x8abc) },
        { name: '.dram0.bss', addr: 0x3ffb1800, nobits: 0x4000 },
        { name: '.xt.prop', addr: 0, data: bytes('xtprop', 0x100) },
      ]),
  },
  'many-segments': {
    description:
      'many small segments in file order not sorted by address: RTC_IRAM 0x400c0000, RTC_DATA 0x50000000, IRAM pieces with 4-byte gaps, an IRAM section running into DIRAM_IRAM (not merged across the region boundary), DRAM pieces, two DROM and two IROM sections on separate 64 KiB pages, EXTRAM_DATA; 15 segments after merging',
    elf: () =>
      buildElf(0x40080000, [
        { name: '.rtc.text', addr: 0x400c0000, data: bytes('rtc-text', 0x64) },
        { name: '.rtc.data', addr: 0x50000000, data: bytes('rtc-data', 0x22) },
        { name: '.iram0.vectors', addr: 0x40080000, data: bytes('v', 0x400) },
        { name: '.iram0.text', addr: 0x40080404, data: bytes('t1', 0x101) },
        { name: '.iram0.text2', addr: 0x4008050c, data: bytes('t2', 0x20) },
        { name: '.iram0.tail', addr: 0x4009fff0, data: bytes('tail', 0x10) },
        { name: '.iram0.diram', addr: 0x400a0000, data: bytes('diram', 0x30) },
        { name: '.dram0.data', addr: 0x3ffb0000, data: bytes('d1', 0x50) },
        { name: '.dram0.more', addr: 0x3ffb0054, data: bytes('d2', 0x13) },
        { name: '.dram0.next', addr: 0x3ffb0068, data: bytes('d3', 0x8) },
        { name: '.flash.rodata', addr: 0x3f400020, data: bytes('ro1', 0x200) },
        { name: '.flash.rodata2', addr: 0x3f410020, data: bytes('ro2', 0x30) },
        { name: '.flash.text', addr: 0x400e0020, data: bytes('ft1', 0x777) },
        { name: '.flash.text2', addr: 0x400f0020, data: bytes('ft2', 0x10) },
        { name: '.noinit', addr: 0x3ffc0000, data: bytes('noinit', 0x14) },
        { name: '.ext.ram', addr: 0x3f800000, data: bytes('ext', 0x18) },
      ]),
  },
  'bootloader-like': {
    description:
      'a second-stage bootloader: .dram0.bootdesc 0x3fff0000 (0x50, written first), .dram0.rodata/.dram0.data after it, .iram_loader.text 0x40078000, .iram.text 0x40080000; no flash segments',
    elf: () =>
      buildElf(0x40080400, [
        { name: '.iram_loader.text', addr: 0x40078000, data: bytes('loader', 0x2f00) },
        { name: '.iram.text', addr: 0x40080000, data: bytes('boot-iram', 0x1300) },
        { name: '.dram0.rodata', addr: 0x3fff0060, data: bytes('boot-ro', 0x800) },
        { name: '.dram0.bootdesc', addr: 0x3fff0000, data: bytes('bootdesc', 0x50) },
        { name: '.dram0.data', addr: 0x3fff0860, data: bytes('boot-data', 0x40) },
      ]),
  },
  'same-page': {
    description: 'two DROM sections with a gap between them in one 64 KiB page (a broken linker script): no image',
    elf: () =>
      buildElf(0x40080000, [
        { name: '.iram0.text', addr: 0x40080000, data: bytes('t', 0x100) },
        { name: '.flash.rodata', addr: 0x3f400020, data: bytes('ro1', 0x100) },
        { name: '.flash.rodata2', addr: 0x3f400400, data: bytes('ro2', 0x100) },
      ]),
  },
  'seventeen-segments': {
    description: '17 separate RAM sections (4-byte gaps): more segments than an image holds',
    elf: () =>
      buildElf(
        0x40080000,
        Array.from({ length: 17 }, (_, i) => ({ name: `.iram0.part${i}`, addr: 0x40080000 + i * 0x108, data: bytes(`p${i}`, 0x104) })),
      ),
  },
};

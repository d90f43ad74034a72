import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// server/targets/esp32/appImage.ts
import { createHash } from "node:crypto";

// server/targets/esp32/elfSections.ts
var EM_XTENSA = 94;
var EM_RISCV = 243;
var SECTION_HEADER_SIZE = 40;
var SHT = { PROGBITS: 1, STRTAB: 3, NOBITS: 8, INIT_ARRAY: 14, FINI_ARRAY: 15, PREINIT_ARRAY: 16 };
var WITH_BYTES = /* @__PURE__ */ new Set([SHT.PROGBITS, SHT.INIT_ARRAY, SHT.FINI_ARRAY, SHT.PREINIT_ARRAY]);
var KNOWN = /* @__PURE__ */ new Set([...WITH_BYTES, SHT.NOBITS, SHT.STRTAB]);
var ElfError = class extends UserError {
  constructor(what, file) {
    super(`${file}: ${what}; give elf2image the firmware ELF the linker wrote`);
  }
};
function padTo4(data) {
  const rest = data.length % 4;
  return rest ? Buffer.concat([data, Buffer.alloc(4 - rest)]) : data;
}
function readElfSections(elf, file = "ELF") {
  if (elf.length < 52) throw new ElfError("not an ELF file (too short for an ELF header)", file);
  if (elf[0] !== 127 || elf.toString("latin1", 1, 4) !== "ELF") throw new ElfError("not an ELF file (bad magic)", file);
  if (elf[4] !== 1 || elf[5] !== 1) throw new ElfError("not a 32-bit little-endian ELF", file);
  const machine = elf.readUInt16LE(18);
  if (machine !== EM_XTENSA && machine !== EM_RISCV)
    throw new ElfError(`not an Xtensa or RISC-V ELF (e_machine 0x${machine.toString(16).padStart(4, "0")})`, file);
  const entry = elf.readUInt32LE(24);
  const shoff = elf.readUInt32LE(32);
  const shentsize = elf.readUInt16LE(46);
  const shnum = elf.readUInt16LE(48);
  const shstrndx = elf.readUInt16LE(50);
  if (shentsize !== SECTION_HEADER_SIZE) throw new ElfError(`unexpected section header size 0x${shentsize.toString(16)}`, file);
  if (shnum === 0) throw new ElfError("the ELF has no section headers", file);
  if (shoff + shnum * SECTION_HEADER_SIZE > elf.length)
    throw new ElfError("the section headers run past the end of the file (truncated?)", file);
  if (shstrndx >= shnum) throw new ElfError(`no section name table at index ${shstrndx}`, file);
  const header = (i) => {
    const o = shoff + i * SECTION_HEADER_SIZE;
    return {
      nameOffset: elf.readUInt32LE(o),
      type: elf.readUInt32LE(o + 4),
      addr: elf.readUInt32LE(o + 12),
      offset: elf.readUInt32LE(o + 16),
      size: elf.readUInt32LE(o + 20)
    };
  };
  const bytes = (offset, size) => elf.subarray(Math.min(offset, elf.length), Math.min(offset + size, elf.length));
  const names = header(shstrndx);
  const strtab = bytes(names.offset, names.size);
  const nameAt = (offset) => {
    const end = strtab.indexOf(0, offset);
    if (end < 0) throw new ElfError(`a section name at 0x${offset.toString(16)} is not terminated`, file);
    return strtab.toString("utf8", offset, end);
  };
  const sections = [];
  const skippedTypes = [];
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

// server/targets/esp32/appImage.ts
var FLASH_MODES = { qio: 0, qout: 1, dio: 2, dout: 3 };
var FLASH_SIZES = {
  "1MB": 0,
  "2MB": 16,
  "4MB": 32,
  "8MB": 48,
  "16MB": 64,
  "32MB": 80,
  "64MB": 96,
  "128MB": 112
};
var FLASH_FREQS = { "80m": 15, "40m": 0, "26m": 1, "20m": 2 };
var IMAGE_MAGIC = 233;
var CHECKSUM_SEED = 239;
var SEGMENT_HEADER = 8;
var DIGEST_LENGTH = 32;
var MMU_PAGE = 65536;
var MAX_SEGMENTS = 16;
var WP_PIN_DISABLED = 238;
var ESP32_CHIP_ID = 0;
var APP_DESC_SHA256_OFFSET = 176;
var IROM = [1074593792, 1077936128];
var DROM = [1061158912, 1065353216];
var MEMORY_MAP = [
  [0, 65536, "PADDING"],
  [1061158912, 1065353216, "DROM"],
  [1065353216, 1069547520, "EXTRAM_DATA"],
  [1073217536, 1073225728, "RTC_DRAM"],
  [1073283072, 1073741824, "BYTE_ACCESSIBLE"],
  [1073405952, 1073741824, "DRAM"],
  [1073610752, 1073741820, "DIRAM_DRAM"],
  [1073741824, 1074200576, "IROM"],
  [1074200576, 1074233344, "CACHE_PRO"],
  [1074233344, 1074266112, "CACHE_APP"],
  [1074266112, 1074397184, "IRAM"],
  [1074397184, 1074528252, "DIRAM_IRAM"],
  [1074528256, 1074536448, "RTC_IRAM"],
  [1074593792, 1077936128, "IROM"],
  [1342177280, 1342185472, "RTC_DATA"]
];
var ImageError = class extends UserError {
};
var isFlashAddress = (addr) => addr >= IROM[0] && addr < IROM[1] || addr >= DROM[0] && addr < DROM[1];
var regionsOf = (addr) => MEMORY_MAP.filter(([start, end]) => start <= addr && addr < end).map(([, , name]) => name).join(",");
function mergeNeighbours(sections) {
  const out = [];
  for (const s of sections) {
    const last = out[out.length - 1];
    if (last && s.addr === last.addr + last.data.length && regionsOf(s.addr) === regionsOf(last.addr)) {
      last.data = Buffer.concat([last.data, s.data]);
    } else out.push({ name: s.name, addr: s.addr, data: s.data });
  }
  return out;
}
var hex = (n) => `0x${n.toString(16).padStart(8, "0")}`;
function moveToFront(list, name) {
  const i = list.findIndex((s) => s.name === name);
  if (i > 0) list.unshift(...list.splice(i, 1));
}
function elf2image(elf, opts, file = "ELF") {
  const flashMode = FLASH_MODES[opts.flashMode];
  if (flashMode === void 0) throw new ImageError(`flash mode '${opts.flashMode}' is not one of ${Object.keys(FLASH_MODES).join(", ")}`);
  const size = FLASH_SIZES[opts.flashSize];
  if (size === void 0)
    throw new ImageError(`flash size '${opts.flashSize}' is not supported by the esp32; use one of ${Object.keys(FLASH_SIZES).join(", ")}`);
  const freq = opts.flashFreq === void 0 ? 0 : FLASH_FREQS[opts.flashFreq];
  if (freq === void 0)
    throw new ImageError(
      `flash frequency '${opts.flashFreq}' is not supported by the esp32; use one of ${Object.keys(FLASH_FREQS).join(", ")}`
    );
  const input = readElfSections(elf, file);
  let sha256Offset = opts.elfSha256Offset || void 0;
  if (sha256Offset === void 0) {
    const appDesc = input.sections.find((s) => s.name.includes(".flash.appdesc"));
    if (appDesc && isFlashAddress(appDesc.addr)) sha256Offset = APP_DESC_SHA256_OFFSET;
  }
  const elfSha256 = sha256Offset === void 0 ? void 0 : createHash("sha256").update(elf).digest();
  const segments = mergeNeighbours(input.sections);
  if (segments.length > MAX_SEGMENTS)
    throw new ImageError(
      `${file}: ${segments.length} segments, the image allows ${MAX_SEGMENTS}; the linker script leaves too many separate sections`
    );
  const byAddr = [...segments].sort((a, b) => a.addr - b.addr);
  const flash = byAddr.filter((s) => isFlashAddress(s.addr)).map((s) => ({ ...s }));
  const ram = byAddr.filter((s) => !isFlashAddress(s.addr)).map((s) => ({ ...s }));
  moveToFront(flash, ".flash.appdesc");
  moveToFront(ram, ".dram0.bootdesc");
  for (let i = 1; i < flash.length; i++) {
    if (Math.floor(flash[i].addr / MMU_PAGE) === Math.floor(flash[i - 1].addr / MMU_PAGE))
      throw new ImageError(
        `${file}: the flash segment at ${hex(flash[i].addr)} is in the same 64 KiB page as the one at ${hex(flash[i - 1].addr)}; the linker script must merge them`
      );
  }
  const parts = [];
  let position = 0;
  let checksum = CHECKSUM_SEED;
  let count = 0;
  const put = (b) => {
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
  extended.writeUInt16LE(65535, 9);
  extended.writeUInt8(1, 15);
  put(extended);
  const writeSegment = (segment) => {
    let data = segment.data;
    if (sha256Offset !== void 0 && elfSha256 && sha256Offset >= position && sha256Offset < position + data.length) {
      const at = sha256Offset - position;
      if (at < SEGMENT_HEADER || at + DIGEST_LENGTH > data.length)
        throw new ImageError(`${file}: the ELF SHA-256 offset 0x${sha256Offset.toString(16)} falls on a segment boundary`);
      const inData = at - SEGMENT_HEADER;
      if (data.subarray(inData, inData + DIGEST_LENGTH).some((b) => b !== 0))
        throw new ImageError(
          `${file}: the bytes at the ELF SHA-256 offset 0x${sha256Offset.toString(16)} are not zero; refusing to overwrite them`
        );
      data = Buffer.from(data);
      elfSha256.copy(data, inData);
    }
    if (data.length % 4) throw new ImageError(`${file}: segment ${segment.name} has a length that is not a multiple of 4`);
    if (data.length >= 16777216) throw new ImageError(`${file}: segment ${segment.name} is 16 MB or more`);
    const h = Buffer.alloc(SEGMENT_HEADER);
    h.writeUInt32LE(segment.addr, 0);
    h.writeUInt32LE(data.length, 4);
    put(h);
    put(data);
    for (const b of data) checksum ^= b;
    count++;
  };
  const gapBefore = (addr) => {
    const alignPast = addr % MMU_PAGE - SEGMENT_HEADER;
    let pad = MMU_PAGE - position % MMU_PAGE + alignPast;
    if (pad === 0 || pad === MMU_PAGE) return 0;
    pad -= SEGMENT_HEADER;
    return pad < 0 ? pad + MMU_PAGE : pad;
  };
  while (flash.length) {
    const segment = flash[0];
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
    if (end < 36) segment.data = Buffer.concat([segment.data, Buffer.alloc(36 - end)]);
    writeSegment(segment);
    flash.shift();
  }
  for (const segment of ram) writeSegment(segment);
  put(Buffer.alloc(15 - position % 16));
  put(Buffer.from([checksum]));
  const image = Buffer.concat(parts);
  image.writeUInt8(count, 1);
  return Buffer.concat([image, createHash("sha256").update(image).digest()]);
}

// server/targets/esp32/partitionTable.ts
import { createHash as createHash2 } from "node:crypto";
var TABLE_OFFSET = 32768;
var TABLE_SIZE = 4096;
var FIRST_FREE = TABLE_OFFSET + TABLE_SIZE;
var MAX_TABLE_BYTES = 3072;
var NVS_RW_MIN_SIZE = 12288;
var OTADATA_SIZE = 8192;
var TYPE = { app: 0, data: 1, bootloader: 2, partition_table: 3 };
var TYPES = { ...TYPE };
var SUBTYPES = {
  [TYPE.bootloader]: { primary: 0, ota: 1, recovery: 2 },
  [TYPE.partition_table]: { primary: 0, ota: 1 },
  [TYPE.app]: {
    factory: 0,
    test: 32,
    ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`ota_${i}`, 16 + i])),
    tee_0: 48,
    tee_1: 49
  },
  [TYPE.data]: {
    ota: 0,
    phy: 1,
    nvs: 2,
    coredump: 3,
    nvs_keys: 4,
    efuse: 5,
    undefined: 6,
    esphttpd: 128,
    fat: 129,
    spiffs: 130,
    littlefs: 131,
    tee_ota: 144
  }
};
var FLAGS = { encrypted: 0, readonly: 1 };
var OFFSET_ALIGN = { [TYPE.app]: 65536 };
var offsetAlign = (type) => OFFSET_ALIGN[type] ?? 4096;
var PartitionError = class extends UserError {
  constructor(file, line, what) {
    super(`partition table ${file}${line ? ` line ${line}` : ""}: ${what}`);
  }
};
var PYTHON_LINE_BREAKS = new RegExp("\r\n|[\n\r\v\f\x85\u2028\u2029" + String.fromCharCode(28, 29, 30) + "]");
var FieldError = class extends Error {
};
function pythonInt(text) {
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?0)*|[1-9](?:_?[0-9])*)$/.exec(text.trim());
  if (!m) return void 0;
  const body = m[2].replace(/_/g, "");
  const value = /^0[oO]/.test(body) ? Number.parseInt(body.slice(2), 8) : /^0[bB]/.test(body) ? Number.parseInt(body.slice(2), 2) : Number(body);
  return m[1] === "-" ? -value : value;
}
function parseField(text, keywords = {}) {
  const suffix = /[kKmM]$/.exec(text);
  if (suffix) {
    const n2 = parseField(text.slice(0, -1), keywords);
    return n2 * (suffix[0].toLowerCase() === "k" ? 1024 : 1024 * 1024);
  }
  const n = pythonInt(text);
  if (n !== void 0) return n;
  const names = Object.keys(keywords);
  if (!names.length) throw new FieldError(`'${text}' is not a number`);
  const k = keywords[text.toLowerCase()];
  if (k === void 0) throw new FieldError(`'${text}' is not valid here; known: ${names.join(", ")}`);
  return k;
}
function expandVars(line, env) {
  return line.replace(/\$(\w+|\{[^}]*\})/g, (whole, name) => {
    const key = name.startsWith("{") ? name.slice(1, -1) : name;
    return env[key] ?? whole;
  });
}
var hex2 = (n) => n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
var isPrimary = (p) => (p.type === TYPE.bootloader || p.type === TYPE.partition_table) && p.subtype === 0;
function parseLine(text, line) {
  const [name = "", typeText = "", subtypeText = "", offsetText = "", sizeText = "", flagsText = ""] = `${text},,,,`.split(",").map((f) => f.trim());
  if (!typeText) throw new FieldError("the type can't be empty");
  const type = parseField(typeText, TYPES);
  let subtype;
  if (!subtypeText) {
    if (type === TYPE.app) throw new FieldError("an app partition needs a subtype");
    subtype = SUBTYPES[TYPE.data].undefined;
  } else subtype = parseField(subtypeText, SUBTYPES[type] ?? {});
  if (type === TYPE.bootloader)
    throw new FieldError("a bootloader partition needs the primary bootloader offset, which this table writer does not take");
  const offset = type === TYPE.partition_table && subtype === 0 ? TABLE_OFFSET : offsetText ? parseField(offsetText) : void 0;
  const size = type === TYPE.partition_table ? TABLE_SIZE : sizeText ? parseField(sizeText) : void 0;
  if (size === void 0) throw new FieldError("the size can't be empty");
  const flags = { encrypted: false, readonly: false };
  for (const flag of flagsText.split(":")) {
    if (flag === "encrypted" || flag === "readonly") flags[flag] = true;
    else if (flag) throw new FieldError(`unknown flag '${flag}' (known: encrypted, readonly)`);
  }
  return { name, type, subtype, ...offset === void 0 ? {} : { offset }, size, ...flags, line };
}
function parsePartitionTable(csv, file, env = process.env) {
  const parsed = [];
  csv.split(PYTHON_LINE_BREAKS).forEach((raw, i) => {
    const expanded = expandVars(raw, env);
    const unknown = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(expanded);
    if (unknown) throw new PartitionError(file, i + 1, `unknown variable '${unknown[1]}'`);
    const text = expanded.trim();
    if (!text || text.startsWith("#")) return;
    try {
      parsed.push(parseLine(text, i + 1));
    } catch (e) {
      if (e instanceof FieldError) throw new PartitionError(file, i + 1, e.message);
      throw e;
    }
  });
  let end = FIRST_FREE;
  const entries = [];
  for (const p of parsed) {
    if (isPrimary(p)) {
      entries.push(p);
      continue;
    }
    if (p.offset !== void 0 && p.offset < end) {
      throw new PartitionError(
        file,
        p.line,
        p === parsed[0] ? `offset ${hex2(p.offset)} overlaps the partition table's sector at ${hex2(TABLE_OFFSET)}; use ${hex2(end)} or higher` : `offset ${hex2(p.offset)} overlaps the previous partition, which ends at ${hex2(end)}`
      );
    }
    let offset = p.offset;
    if (offset === void 0) {
      const align = offsetAlign(p.type);
      offset = Math.ceil(end / align) * align;
    }
    const size = p.size < 0 ? -p.size - offset : p.size;
    entries.push({ ...p, offset, size });
    end = offset + size;
  }
  verify(entries, file);
  return entries;
}
function verify(entries, file) {
  for (const p of entries) {
    const fail = (what) => {
      throw new PartitionError(file, p.line, `partition ${p.name}: ${what}`);
    };
    const align = offsetAlign(p.type);
    if (p.offset % align) fail(`offset ${hex2(p.offset)} is not aligned to ${hex2(align)}`);
    if (p.type === TYPE.app && p.size % 4096) fail(`size ${hex2(p.size)} is not a multiple of 0x1000`);
    if (p.type === TYPE.data && (p.subtype === 0 || p.subtype === 3) && p.readonly)
      fail("otadata and coredump partitions are always read-write and cannot be readonly");
    if (p.type === TYPE.data && p.subtype === 2 && p.size < NVS_RW_MIN_SIZE && !p.readonly)
      fail(`an NVS partition of ${hex2(p.size)} bytes must be flagged readonly (read-write NVS needs at least ${hex2(NVS_RW_MIN_SIZE)})`);
  }
  const seen = /* @__PURE__ */ new Map();
  for (const p of entries) {
    const first = seen.get(p.name);
    if (first)
      throw new PartitionError(file, p.line, `partition name '${p.name}' is already used on line ${first.line}; names must be unique`);
    seen.set(p.name, p);
  }
  let last;
  for (const p of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (p.offset < FIRST_FREE && !isPrimary(p))
      throw new PartitionError(file, p.line, `partition ${p.name}: offset ${hex2(p.offset)} is below ${hex2(FIRST_FREE)}`);
    if (last && p.offset < last.offset + last.size)
      throw new PartitionError(
        file,
        p.line,
        `partition ${p.name} at ${hex2(p.offset)} overlaps ${last.name} (line ${last.line}, ${hex2(last.offset)}-${hex2(last.offset + last.size - 1)})`
      );
    last = p;
  }
  for (const [subtype, what] of [
    [0, "otadata"],
    [144, "TEE otadata"]
  ]) {
    const ota = entries.filter((p) => p.type === TYPE.data && p.subtype === subtype);
    if (ota.length > 1) throw new PartitionError(file, ota[1].line, `a second ${what} partition; only one is allowed`);
    if (ota.length === 1 && ota[0].size !== OTADATA_SIZE)
      throw new PartitionError(file, ota[0].line, `the ${what} partition must be 0x2000 bytes, not ${hex2(ota[0].size)}`);
  }
}
function partitionTableBinary(entries, file) {
  const rows = entries.map((p) => {
    const row = Buffer.alloc(32);
    const check = (value, max, what) => {
      if (!Number.isInteger(value) || value < 0 || value > max)
        throw new PartitionError(file, p.line, `partition ${p.name}: ${what} ${hex2(value)} does not fit the table's field`);
    };
    check(p.type, 255, "type");
    check(p.subtype, 255, "subtype");
    check(p.offset, 4294967295, "offset");
    check(p.size, 4294967295, "size");
    row.writeUInt16BE(43600, 0);
    row.writeUInt8(p.type, 2);
    row.writeUInt8(p.subtype, 3);
    row.writeUInt32LE(p.offset, 4);
    row.writeUInt32LE(p.size, 8);
    Buffer.from(p.name, "utf8").copy(row, 12, 0, 16);
    row.writeUInt32LE((p.encrypted ? 1 << FLAGS.encrypted : 0) | (p.readonly ? 1 << FLAGS.readonly : 0), 28);
    return row;
  });
  const body = Buffer.concat(rows);
  const md5 = Buffer.concat([Buffer.from([235, 235]), Buffer.alloc(14, 255), createHash2("md5").update(body).digest()]);
  const table = Buffer.concat([body, md5]);
  if (table.length >= MAX_TABLE_BYTES)
    throw new PartitionError(
      file,
      void 0,
      `${entries.length} partitions are more than the table holds (${MAX_TABLE_BYTES / 32 - 2} at most)`
    );
  return Buffer.concat([table, Buffer.alloc(MAX_TABLE_BYTES - table.length, 255)]);
}
function partitionTableFromCsv(csv, file, env = process.env) {
  return partitionTableBinary(parsePartitionTable(csv, file, env), file);
}

export {
  elf2image,
  TYPE,
  parsePartitionTable,
  partitionTableBinary,
  partitionTableFromCsv
};

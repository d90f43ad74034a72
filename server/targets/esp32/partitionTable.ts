import { createHash } from 'node:crypto';
import { UserError } from '../../util/errors.js';

/**
 * The binary partition table that ESP-IDF's `gen_esp32part.py IN.csv OUT.bin` writes (version 1.5, as
 * arduino-esp32 ships it in tools/), with its default options: the table at 0x8000, MD5 entry on,
 * verification on. Rules, as that tool applies them:
 *
 * - CSV: one partition a line (`name, type, subtype, offset, size, flags`), blank lines and lines
 *   starting with `#` skipped, `$VAR`/`${VAR}` taken from the environment; missing trailing fields
 *   are empty; numbers are Python integers (`0x…`, decimal, `_` separators) with an optional `K`/`M`
 *   suffix (×1024, ×1024²); types and subtypes are names or numbers;
 * - an empty offset follows the previous partition (from 0x9000), aligned to 0x10000 for an app and
 *   0x1000 otherwise; an offset below the previous partition's end is an overlap; a negative size
 *   means "up to that offset";
 * - verified: offsets aligned (app 0x10000, else 0x1000), app sizes to 0x1000, names unique, nothing
 *   below 0x9000 or overlapping, one otadata of 0x2000 bytes, read-write NVS of at least 0x3000;
 * - binary: 32 bytes an entry (`AA 50`, type, subtype, offset, size, name in 16 bytes, flags), then
 *   `EB EB` + 14×`FF` + the MD5 of the entries, then `FF` up to 0xC00 bytes.
 *
 * Every error is one line naming the CSV file and line.
 */

export interface PartitionEntry {
  name: string;
  type: number;
  subtype: number;
  offset: number;
  size: number;
  encrypted: boolean;
  readonly: boolean;
  /** 1-based line in the CSV. */
  line: number;
}

const TABLE_OFFSET = 0x8000;
const TABLE_SIZE = 0x1000;
const FIRST_FREE = TABLE_OFFSET + TABLE_SIZE;
const MAX_TABLE_BYTES = 0xc00;
const NVS_RW_MIN_SIZE = 0x3000;
const OTADATA_SIZE = 0x2000;

export const TYPE = { app: 0x00, data: 0x01, bootloader: 0x02, partition_table: 0x03 } as const;
const TYPES: Record<string, number> = { ...TYPE };
const SUBTYPES: Record<number, Record<string, number>> = {
  [TYPE.bootloader]: { primary: 0x00, ota: 0x01, recovery: 0x02 },
  [TYPE.partition_table]: { primary: 0x00, ota: 0x01 },
  [TYPE.app]: {
    factory: 0x00,
    test: 0x20,
    ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`ota_${i}`, 0x10 + i])),
    tee_0: 0x30,
    tee_1: 0x31,
  },
  [TYPE.data]: {
    ota: 0x00,
    phy: 0x01,
    nvs: 0x02,
    coredump: 0x03,
    nvs_keys: 0x04,
    efuse: 0x05,
    undefined: 0x06,
    esphttpd: 0x80,
    fat: 0x81,
    spiffs: 0x82,
    littlefs: 0x83,
    tee_ota: 0x90,
  },
};
const FLAGS = { encrypted: 0, readonly: 1 } as const;
const OFFSET_ALIGN: Record<number, number> = { [TYPE.app]: 0x10000 };
const offsetAlign = (type: number) => OFFSET_ALIGN[type] ?? 0x1000;

export class PartitionError extends UserError {
  constructor(file: string, line: number | undefined, what: string) {
    super(`partition table ${file}${line ? ` line ${line}` : ''}: ${what}`);
  }
}

/** Python's str.splitlines: \n, \r\n, \r and the other line boundaries (file, group and record separators too). */
const PYTHON_LINE_BREAKS = new RegExp('\r\n|[\n\r\v\f\x85\u2028\u2029' + String.fromCharCode(0x1c, 0x1d, 0x1e) + ']');

/** A field's text is not a number or a known name (caught and given its line by the caller). */
class FieldError extends Error {}

/** Python's `int(text, 0)`: prefixed hex/octal/binary, or decimal without leading zeros; `_` between digits. */
function pythonInt(text: string): number | undefined {
  const m = /^([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?0)*|[1-9](?:_?[0-9])*)$/.exec(text.trim());
  if (!m) return undefined;
  const body = m[2]!.replace(/_/g, '');
  const value = /^0[oO]/.test(body)
    ? Number.parseInt(body.slice(2), 8)
    : /^0[bB]/.test(body)
      ? Number.parseInt(body.slice(2), 2)
      : Number(body);
  return m[1] === '-' ? -value : value;
}

/** A number with an optional K/M suffix, else a keyword of `keywords`. */
function parseField(text: string, keywords: Record<string, number> = {}): number {
  const suffix = /[kKmM]$/.exec(text);
  if (suffix) {
    const n = parseField(text.slice(0, -1), keywords);
    return n * (suffix[0].toLowerCase() === 'k' ? 1024 : 1024 * 1024);
  }
  const n = pythonInt(text);
  if (n !== undefined) return n;
  const names = Object.keys(keywords);
  if (!names.length) throw new FieldError(`'${text}' is not a number`);
  const k = keywords[text.toLowerCase()];
  if (k === undefined) throw new FieldError(`'${text}' is not valid here; known: ${names.join(', ')}`);
  return k;
}

/** `$NAME` and `${NAME}` from the environment, unknown ones left as they are (Python's expandvars). */
function expandVars(line: string, env: NodeJS.ProcessEnv): string {
  return line.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    return env[key] ?? whole;
  });
}

const hex = (n: number) => (n < 0 ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`);
const isPrimary = (p: { type: number; subtype: number }) =>
  (p.type === TYPE.bootloader || p.type === TYPE.partition_table) && p.subtype === 0x00;

function parseLine(text: string, line: number): Omit<PartitionEntry, 'offset' | 'size'> & { offset?: number; size?: number } {
  const [name = '', typeText = '', subtypeText = '', offsetText = '', sizeText = '', flagsText = ''] = `${text},,,,`
    .split(',')
    .map((f) => f.trim());
  if (!typeText) throw new FieldError("the type can't be empty");
  const type = parseField(typeText, TYPES);
  let subtype: number;
  if (!subtypeText) {
    if (type === TYPE.app) throw new FieldError('an app partition needs a subtype');
    subtype = SUBTYPES[TYPE.data]!.undefined!;
  } else subtype = parseField(subtypeText, SUBTYPES[type] ?? {});
  if (type === TYPE.bootloader)
    throw new FieldError('a bootloader partition needs the primary bootloader offset, which this table writer does not take');
  const offset = type === TYPE.partition_table && subtype === 0x00 ? TABLE_OFFSET : offsetText ? parseField(offsetText) : undefined;
  const size = type === TYPE.partition_table ? TABLE_SIZE : sizeText ? parseField(sizeText) : undefined;
  if (size === undefined) throw new FieldError("the size can't be empty");
  const flags = { encrypted: false, readonly: false };
  for (const flag of flagsText.split(':')) {
    if (flag === 'encrypted' || flag === 'readonly') flags[flag] = true;
    else if (flag) throw new FieldError(`unknown flag '${flag}' (known: encrypted, readonly)`);
  }
  return { name, type, subtype, ...(offset === undefined ? {} : { offset }), size, ...flags, line };
}

/** Reads and verifies a partition CSV; `file` names it in errors. */
export function parsePartitionTable(csv: string, file: string, env: NodeJS.ProcessEnv = process.env): PartitionEntry[] {
  const parsed: ReturnType<typeof parseLine>[] = [];
  csv.split(PYTHON_LINE_BREAKS).forEach((raw, i) => {
    const expanded = expandVars(raw, env);
    const unknown = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(expanded);
    if (unknown) throw new PartitionError(file, i + 1, `unknown variable '${unknown[1]}'`);
    const text = expanded.trim();
    if (!text || text.startsWith('#')) return;
    try {
      parsed.push(parseLine(text, i + 1));
    } catch (e) {
      if (e instanceof FieldError) throw new PartitionError(file, i + 1, e.message);
      throw e;
    }
  });

  // Offsets left empty follow the previous partition; the table's own sector comes first.
  let end = FIRST_FREE;
  const entries: PartitionEntry[] = [];
  for (const p of parsed) {
    if (isPrimary(p)) {
      entries.push(p as PartitionEntry);
      continue;
    }
    if (p.offset !== undefined && p.offset < end) {
      throw new PartitionError(
        file,
        p.line,
        p === parsed[0]
          ? `offset ${hex(p.offset)} overlaps the partition table's sector at ${hex(TABLE_OFFSET)}; use ${hex(end)} or higher`
          : `offset ${hex(p.offset)} overlaps the previous partition, which ends at ${hex(end)}`,
      );
    }
    let offset = p.offset;
    if (offset === undefined) {
      const align = offsetAlign(p.type);
      offset = Math.ceil(end / align) * align;
    }
    const size = p.size! < 0 ? -p.size! - offset : p.size!;
    entries.push({ ...p, offset, size });
    end = offset + size;
  }
  verify(entries, file);
  return entries;
}

function verify(entries: PartitionEntry[], file: string): void {
  for (const p of entries) {
    const fail = (what: string): never => {
      throw new PartitionError(file, p.line, `partition ${p.name}: ${what}`);
    };
    const align = offsetAlign(p.type);
    if (p.offset % align) fail(`offset ${hex(p.offset)} is not aligned to ${hex(align)}`);
    if (p.type === TYPE.app && p.size % 0x1000) fail(`size ${hex(p.size)} is not a multiple of 0x1000`);
    if (p.type === TYPE.data && (p.subtype === 0x00 || p.subtype === 0x03) && p.readonly)
      fail('otadata and coredump partitions are always read-write and cannot be readonly');
    if (p.type === TYPE.data && p.subtype === 0x02 && p.size < NVS_RW_MIN_SIZE && !p.readonly)
      fail(`an NVS partition of ${hex(p.size)} bytes must be flagged readonly (read-write NVS needs at least ${hex(NVS_RW_MIN_SIZE)})`);
  }
  const seen = new Map<string, PartitionEntry>();
  for (const p of entries) {
    const first = seen.get(p.name);
    if (first)
      throw new PartitionError(file, p.line, `partition name '${p.name}' is already used on line ${first.line}; names must be unique`);
    seen.set(p.name, p);
  }
  let last: PartitionEntry | undefined;
  for (const p of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (p.offset < FIRST_FREE && !isPrimary(p))
      throw new PartitionError(file, p.line, `partition ${p.name}: offset ${hex(p.offset)} is below ${hex(FIRST_FREE)}`);
    if (last && p.offset < last.offset + last.size)
      throw new PartitionError(
        file,
        p.line,
        `partition ${p.name} at ${hex(p.offset)} overlaps ${last.name} (line ${last.line}, ${hex(last.offset)}-${hex(last.offset + last.size - 1)})`,
      );
    last = p;
  }
  for (const [subtype, what] of [
    [0x00, 'otadata'],
    [0x90, 'TEE otadata'],
  ] as const) {
    const ota = entries.filter((p) => p.type === TYPE.data && p.subtype === subtype);
    if (ota.length > 1) throw new PartitionError(file, ota[1]!.line, `a second ${what} partition; only one is allowed`);
    if (ota.length === 1 && ota[0]!.size !== OTADATA_SIZE)
      throw new PartitionError(file, ota[0]!.line, `the ${what} partition must be 0x2000 bytes, not ${hex(ota[0]!.size)}`);
  }
}

/** The table's binary form (0xC00 bytes), as written at 0x8000. */
export function partitionTableBinary(entries: PartitionEntry[], file: string): Buffer {
  const rows = entries.map((p) => {
    const row = Buffer.alloc(32);
    const check = (value: number, max: number, what: string) => {
      if (!Number.isInteger(value) || value < 0 || value > max)
        throw new PartitionError(file, p.line, `partition ${p.name}: ${what} ${hex(value)} does not fit the table's field`);
    };
    check(p.type, 0xff, 'type');
    check(p.subtype, 0xff, 'subtype');
    check(p.offset, 0xffffffff, 'offset');
    check(p.size, 0xffffffff, 'size');
    row.writeUInt16BE(0xaa50, 0);
    row.writeUInt8(p.type, 2);
    row.writeUInt8(p.subtype, 3);
    row.writeUInt32LE(p.offset, 4);
    row.writeUInt32LE(p.size, 8);
    Buffer.from(p.name, 'utf8').copy(row, 12, 0, 16);
    row.writeUInt32LE((p.encrypted ? 1 << FLAGS.encrypted : 0) | (p.readonly ? 1 << FLAGS.readonly : 0), 28);
    return row;
  });
  const body = Buffer.concat(rows);
  const md5 = Buffer.concat([Buffer.from([0xeb, 0xeb]), Buffer.alloc(14, 0xff), createHash('md5').update(body).digest()]);
  const table = Buffer.concat([body, md5]);
  if (table.length >= MAX_TABLE_BYTES)
    throw new PartitionError(
      file,
      undefined,
      `${entries.length} partitions are more than the table holds (${MAX_TABLE_BYTES / 32 - 2} at most)`,
    );
  return Buffer.concat([table, Buffer.alloc(MAX_TABLE_BYTES - table.length, 0xff)]);
}

/** `gen_esp32part.py IN.csv OUT.bin`: the CSV's text in, the table's bytes out. */
export function partitionTableFromCsv(csv: string, file: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  return partitionTableBinary(parsePartitionTable(csv, file, env), file);
}

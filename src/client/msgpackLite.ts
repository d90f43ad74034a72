/**
 * The few MessagePack types /v1/compile's body and answer use (nil, booleans, numbers, strings, bytes,
 * arrays, maps with string keys), for `fbuild cc`. The wrapper is a process per compile, and loading
 * msgpackr (90 KB of JavaScript) cost about 14 ms of its start here; this is a page of code. The
 * server and the long-lived clients keep msgpackr: both write the same standard encoding.
 */

/** Encodes `value`; object properties that are undefined are left out (as JSON.stringify does). */
export function encodeMsgpack(value: unknown): Buffer {
  const parts: Buffer[] = [];
  write(value, parts);
  return Buffer.concat(parts);
}

function header(parts: Buffer[], n: number, fix: number, fixMax: number, codes: [number, number, number]): void {
  if (n <= fixMax) parts.push(Buffer.from([fix | n]));
  else if (n <= 0xff && codes[0] !== 0) parts.push(Buffer.from([codes[0], n]));
  else if (n <= 0xffff) parts.push(Buffer.from([codes[1], n >> 8, n & 0xff]));
  else {
    const b = Buffer.alloc(5);
    b[0] = codes[2];
    b.writeUInt32BE(n, 1);
    parts.push(b);
  }
}

function write(v: unknown, parts: Buffer[]): void {
  if (v === null || v === undefined) parts.push(Buffer.from([0xc0]));
  else if (typeof v === 'boolean') parts.push(Buffer.from([v ? 0xc3 : 0xc2]));
  else if (typeof v === 'number') writeNumber(v, parts);
  else if (typeof v === 'string') {
    const bytes = Buffer.from(v, 'utf8');
    header(parts, bytes.length, 0xa0, 31, [0xd9, 0xda, 0xdb]);
    parts.push(bytes);
  } else if (v instanceof Uint8Array) {
    header(parts, v.length, 0, -1, [0xc4, 0xc5, 0xc6]);
    parts.push(Buffer.from(v.buffer, v.byteOffset, v.length));
  } else if (Array.isArray(v)) {
    header(parts, v.length, 0x90, 15, [0, 0xdc, 0xdd]);
    for (const x of v) write(x, parts);
  } else if (typeof v === 'object') {
    const entries = Object.entries(v).filter((e) => e[1] !== undefined);
    header(parts, entries.length, 0x80, 15, [0, 0xde, 0xdf]);
    for (const [k, x] of entries) {
      write(k, parts);
      write(x, parts);
    }
  } else throw new TypeError(`cannot encode a ${typeof v} as msgpack`);
}

function writeNumber(n: number, parts: Buffer[]): void {
  if (Number.isInteger(n) && n >= -0x80000000 && n <= 0xffffffff) {
    if (n >= 0 && n <= 0x7f) return void parts.push(Buffer.from([n]));
    if (n < 0 && n >= -32) return void parts.push(Buffer.from([n & 0xff]));
    const b = Buffer.alloc(5);
    if (n >= 0) {
      b[0] = 0xce;
      b.writeUInt32BE(n, 1);
    } else {
      b[0] = 0xd2;
      b.writeInt32BE(n, 1);
    }
    return void parts.push(b);
  }
  const b = Buffer.alloc(9);
  b[0] = 0xcb;
  b.writeDoubleBE(n, 1);
  parts.push(b);
}

/** Decodes one value that fills `buf`; throws on anything else (a truncated or foreign body). */
export function decodeMsgpack(buf: Buffer): unknown {
  const r = { buf, pos: 0 };
  const v = read(r);
  if (r.pos !== buf.length) throw new Error('trailing bytes after the msgpack value');
  return v;
}

interface Reader {
  buf: Buffer;
  pos: number;
}

function take(r: Reader, n: number): number {
  const at = r.pos;
  if (at + n > r.buf.length) throw new Error('truncated msgpack value');
  r.pos += n;
  return at;
}

function read(r: Reader): unknown {
  const b = r.buf;
  const c = b[take(r, 1)]!;
  if (c <= 0x7f) return c;
  if (c >= 0xe0) return c - 0x100;
  if (c >= 0xa0 && c <= 0xbf) return str(r, c & 0x1f);
  if (c >= 0x90 && c <= 0x9f) return arr(r, c & 0x0f);
  if (c >= 0x80 && c <= 0x8f) return map(r, c & 0x0f);
  switch (c) {
    case 0xc0:
      return null;
    case 0xc2:
      return false;
    case 0xc3:
      return true;
    case 0xc4:
      return bin(r, b[take(r, 1)]!);
    case 0xc5:
      return bin(r, b.readUInt16BE(take(r, 2)));
    case 0xc6:
      return bin(r, b.readUInt32BE(take(r, 4)));
    case 0xca:
      return b.readFloatBE(take(r, 4));
    case 0xcb:
      return b.readDoubleBE(take(r, 8));
    case 0xcc:
      return b[take(r, 1)]!;
    case 0xcd:
      return b.readUInt16BE(take(r, 2));
    case 0xce:
      return b.readUInt32BE(take(r, 4));
    case 0xcf:
      return Number(b.readBigUInt64BE(take(r, 8)));
    case 0xd0:
      return b.readInt8(take(r, 1));
    case 0xd1:
      return b.readInt16BE(take(r, 2));
    case 0xd2:
      return b.readInt32BE(take(r, 4));
    case 0xd3:
      return Number(b.readBigInt64BE(take(r, 8)));
    case 0xd9:
      return str(r, b[take(r, 1)]!);
    case 0xda:
      return str(r, b.readUInt16BE(take(r, 2)));
    case 0xdb:
      return str(r, b.readUInt32BE(take(r, 4)));
    case 0xdc:
      return arr(r, b.readUInt16BE(take(r, 2)));
    case 0xdd:
      return arr(r, b.readUInt32BE(take(r, 4)));
    case 0xde:
      return map(r, b.readUInt16BE(take(r, 2)));
    case 0xdf:
      return map(r, b.readUInt32BE(take(r, 4)));
    default:
      throw new Error(`unsupported msgpack type 0x${c.toString(16)}`);
  }
}

function str(r: Reader, n: number): string {
  const at = take(r, n);
  return r.buf.toString('utf8', at, at + n);
}

function bin(r: Reader, n: number): Buffer {
  const at = take(r, n);
  return r.buf.subarray(at, at + n);
}

function arr(r: Reader, n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(read(r));
  return out;
}

function map(r: Reader, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    const k = read(r);
    if (typeof k !== 'string') throw new Error('msgpack map key is not a string');
    // A key named __proto__ is data here, never the object's prototype.
    Object.defineProperty(out, k, { value: read(r), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

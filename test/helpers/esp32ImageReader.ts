// An independent reader of ESP32 firmware images and partition tables, written from the formats'
// documentation (ESP-IDF "App Image Format" and "Partition Tables"), not from fbuild's writers: the
// tests parse every image back with it and check each field against what went in.
import { createHash } from 'node:crypto';

export interface ReadImage {
  segmentCount: number;
  flashMode: number;
  flashSize: number;
  flashFreq: number;
  entry: number;
  wpPin: number;
  chipId: number;
  minRevFull: number;
  maxRevFull: number;
  hashAppended: boolean;
  segments: { addr: number; fileOffset: number; data: Buffer }[];
  checksum: number;
  digest: Buffer;
  /** Bytes covered by the digest (everything before it). */
  length: number;
}

/** Parses an image and checks what the format itself guarantees; throws naming the first broken rule. */
export function readImage(image: Buffer): ReadImage {
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`bad image: ${what}`);
  };
  need(image.length >= 24, 'shorter than its headers');
  need(image[0] === 0xe9, `magic 0x${image[0]?.toString(16)}`);
  const segmentCount = image[1]!;
  const segments: ReadImage['segments'] = [];
  let at = 24;
  for (let i = 0; i < segmentCount; i++) {
    need(at + 8 <= image.length, `segment ${i} header past the end`);
    const addr = image.readUInt32LE(at);
    const len = image.readUInt32LE(at + 4);
    need(len % 4 === 0, `segment ${i} length ${len} not a multiple of 4`);
    need(at + 8 + len <= image.length, `segment ${i} data past the end`);
    segments.push({ addr, fileOffset: at + 8, data: image.subarray(at + 8, at + 8 + len) });
    at += 8 + len;
  }
  const checksumAt = at + 15 - (at % 16);
  need(checksumAt < image.length, 'no checksum byte');
  need(
    image.subarray(at, checksumAt).every((b) => b === 0),
    'non-zero bytes between the last segment and the checksum',
  );
  let expected = 0xef;
  for (const s of segments) for (const b of s.data) expected ^= b;
  const checksum = image[checksumAt]!;
  need(checksum === expected, `checksum 0x${checksum.toString(16)}, the segments give 0x${expected.toString(16)}`);
  const hashAppended = image[23] === 1;
  const length = checksumAt + 1;
  const digest = image.subarray(length, length + 32);
  if (hashAppended) {
    need(digest.length === 32, 'the SHA-256 is cut short');
    need(createHash('sha256').update(image.subarray(0, length)).digest().equals(digest), 'the appended SHA-256 does not match');
    need(image.length === length + 32, `${image.length - length - 32} bytes after the SHA-256`);
  }
  return {
    segmentCount,
    flashMode: image[2]!,
    flashSize: image[3]! >> 4,
    flashFreq: image[3]! & 0xf,
    entry: image.readUInt32LE(4),
    wpPin: image[8]!,
    chipId: image.readUInt16LE(12),
    minRevFull: image.readUInt16LE(15),
    maxRevFull: image.readUInt16LE(17),
    hashAppended,
    segments,
    checksum,
    digest,
    length,
  };
}

/** The bytes the image loads at `addr` (from whichever segment holds them), or undefined. */
export function bytesAt(image: ReadImage, addr: number, length: number): Buffer | undefined {
  for (const s of image.segments) {
    if (s.addr !== 0 && addr >= s.addr && addr + length <= s.addr + s.data.length)
      return s.data.subarray(addr - s.addr, addr - s.addr + length);
  }
  return undefined;
}

export interface ReadPartition {
  type: number;
  subtype: number;
  offset: number;
  size: number;
  name: string;
  flags: number;
}

/** Parses a binary partition table: 32-byte entries, the MD5 entry over them, 0xFF to the end. */
export function readPartitionTable(table: Buffer): ReadPartition[] {
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`bad partition table: ${what}`);
  };
  need(table.length === 0xc00, `length 0x${table.length.toString(16)}`);
  const out: ReadPartition[] = [];
  let at = 0;
  for (; table.readUInt16BE(at) === 0xaa50; at += 32) {
    const name = table.subarray(at + 12, at + 28);
    const end = name.indexOf(0);
    out.push({
      type: table[at + 2]!,
      subtype: table[at + 3]!,
      offset: table.readUInt32LE(at + 4),
      size: table.readUInt32LE(at + 8),
      name: name.toString('utf8', 0, end < 0 ? 16 : end),
      flags: table.readUInt32LE(at + 28),
    });
  }
  need(table.readUInt16BE(at) === 0xebeb, 'no MD5 entry after the partitions');
  need(
    table.subarray(at + 2, at + 16).every((b) => b === 0xff),
    'the MD5 entry is not padded with 0xFF',
  );
  need(
    createHash('md5')
      .update(table.subarray(0, at))
      .digest()
      .equals(table.subarray(at + 16, at + 32)),
    'the MD5 does not match the entries',
  );
  need(
    table.subarray(at + 32).every((b) => b === 0xff),
    'the rest of the table is not 0xFF',
  );
  return out;
}

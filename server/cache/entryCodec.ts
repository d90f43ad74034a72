import { createHash } from 'node:crypto';
import { Packr } from 'msgpackr';
import type { ContextEntry } from './store.js';

/**
 * The bytes of one stored entry, the same on disk and in a remote tier: a magic word, the SHA-256
 * of the body, then the body (msgpack). Decoding checks all three and the key the entry claims, so
 * nothing read back, from a disk or from a network service, is trusted unverified.
 */

const MAGIC = Buffer.from('FBC1');
export const ENTRY_HEADER_BYTES = MAGIC.length + 32;

// Plain maps and arrays (no msgpackr record extension): a file without record definitions can be
// read by any msgpack reader.
const packr = new Packr({ useRecords: false, moreTypes: false });

export function encodeEntry(entry: ContextEntry): Buffer {
  const body = packr.pack(entry);
  return Buffer.concat([MAGIC, createHash('sha256').update(body).digest(), body]);
}

/** The entry, or 'damaged' when the bytes fail any check (including a key other than `expectedKey`). */
export function decodeEntry(data: Uint8Array, expectedKey?: string): ContextEntry | 'damaged' {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < ENTRY_HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'damaged';
  const body = bytes.subarray(ENTRY_HEADER_BYTES);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(MAGIC.length, ENTRY_HEADER_BYTES))) return 'damaged';
  try {
    const entry = packr.unpack(body) as ContextEntry;
    if (!entry || typeof entry !== 'object' || !Array.isArray(entry.results) || typeof entry.contextKey !== 'string') return 'damaged';
    if (expectedKey !== undefined && entry.contextKey !== expectedKey) return 'damaged';
    return entry;
  } catch {
    return 'damaged';
  }
}

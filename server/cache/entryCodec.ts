import { createHash } from 'node:crypto';
import { Packr } from 'msgpackr';
import type { ContextEntry, FullEntry, ResultOutputs } from './store.js';

/**
 * The bytes of what the store keeps, on disk and in a remote tier. Nothing read back, from a disk or a
 * network service, is trusted unverified:
 * - a whole entry (v1 files, the remote tier's values) and a manifest (v2) are a magic word, the
 *   SHA-256 of the body, then the body (msgpack); decoding checks all three and the key claimed;
 * - a blob (a result's outputs, v2) is plain msgpack named by its SHA-256, which its reader checks.
 */

const ENTRY_MAGIC = Buffer.from('FBC1');
const MANIFEST_MAGIC = Buffer.from('FBM2');
export const FRAME_HEADER_BYTES = ENTRY_MAGIC.length + 32;

// Plain maps and arrays (no msgpackr record extension): a file without record definitions can be
// read by any msgpack reader.
const packr = new Packr({ useRecords: false, moreTypes: false });

function frame(magic: Buffer, value: unknown): Buffer {
  const body = packr.pack(value);
  return Buffer.concat([magic, createHash('sha256').update(body).digest(), body]);
}

/** The value in a frame, or undefined when the bytes fail a check or are not a keyed entry (`expectedKey`, if given). */
function unframe(magic: Buffer, data: Uint8Array, expectedKey?: string): { contextKey: string; results: unknown[] } | undefined {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < FRAME_HEADER_BYTES || !bytes.subarray(0, magic.length).equals(magic)) return undefined;
  const body = bytes.subarray(FRAME_HEADER_BYTES);
  if (!createHash('sha256').update(body).digest().equals(bytes.subarray(magic.length, FRAME_HEADER_BYTES))) return undefined;
  try {
    const entry = packr.unpack(body) as { contextKey: string; results: unknown[] };
    if (!entry || typeof entry !== 'object' || !Array.isArray(entry.results) || typeof entry.contextKey !== 'string') return undefined;
    if (expectedKey !== undefined && entry.contextKey !== expectedKey) return undefined;
    return entry;
  } catch {
    return undefined;
  }
}

export function encodeEntry(entry: FullEntry): Buffer {
  return frame(ENTRY_MAGIC, entry);
}

/** The entry, or 'damaged' when the bytes fail any check (including a key other than `expectedKey`). */
export function decodeEntry(data: Uint8Array, expectedKey?: string): FullEntry | 'damaged' {
  const entry = unframe(ENTRY_MAGIC, data, expectedKey) as FullEntry | undefined;
  // Every result carries its outputs: a value that checks out but lacks them is of no use.
  return entry && entry.results.every((r) => r?.object instanceof Uint8Array) ? entry : 'damaged';
}

export function encodeManifest(entry: ContextEntry): Buffer {
  return frame(MANIFEST_MAGIC, entry);
}

export function decodeManifest(data: Uint8Array, expectedKey?: string): ContextEntry | 'damaged' {
  const entry = unframe(MANIFEST_MAGIC, data, expectedKey) as ContextEntry | undefined;
  if (!entry) return 'damaged';
  const blobsNamed = entry.results.every(
    (r) =>
      typeof r?.blob === 'string' &&
      BLOB_NAME.test(r.blob) &&
      Number.isSafeInteger(r.blobBytes) &&
      (r.objectHash === undefined || (typeof r.objectHash === 'string' && BLOB_NAME.test(r.objectHash))) &&
      (r.quiet === undefined || r.quiet === true),
  );
  return blobsNamed ? entry : 'damaged';
}

/** Blob names are SHA-256 hex: anything else in a manifest would name a path outside the store. */
export const BLOB_NAME = /^[0-9a-f]{64}$/;

/** A result's outputs as a blob, and the blob's name. */
export function encodeBlob(outputs: ResultOutputs): { bytes: Buffer; hash: string } {
  // Only the outputs' fields, in one order: identical results make identical blobs, stored once.
  const { object, depfile, stdout, stderr, steps } = outputs;
  const bytes = packr.pack({ object, stdout, stderr, ...(depfile ? { depfile } : {}), ...(steps ? { steps } : {}) });
  return { bytes, hash: createHash('sha256').update(bytes).digest('hex') };
}

export function decodeBlob(data: Uint8Array, expectedHash: string): ResultOutputs | 'damaged' {
  if (createHash('sha256').update(data).digest('hex') !== expectedHash) return 'damaged';
  try {
    const outputs = packr.unpack(data) as ResultOutputs;
    if (!outputs || typeof outputs !== 'object' || !(outputs.object instanceof Uint8Array)) return 'damaged';
    return outputs;
  } catch {
    return 'damaged';
  }
}

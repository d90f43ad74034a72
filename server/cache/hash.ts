import { createHash } from 'node:crypto';

/** SHA-256 as lowercase hex: the one digest used for keys, content hashes and entry checksums. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Hashes a sequence of fields without ambiguity between ("ab","c") and ("a","bc"): each field is
 * written with its length in front.
 */
export class KeyHasher {
  private readonly hash = createHash('sha256');

  constructor(domain: string) {
    this.field(domain);
  }

  field(value: string | Uint8Array): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32LE(bytes.length);
    this.hash.update(len).update(bytes);
    return this;
  }

  fields(values: readonly string[]): this {
    this.field(String(values.length));
    for (const v of values) this.field(v);
    return this;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}

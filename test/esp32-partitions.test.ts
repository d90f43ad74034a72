// ESP32 partition tables written by fbuild, byte for byte as gen_esp32part.py writes them: the CSVs
// and the hashes of the real tool's output are in test/golden/esp32-images.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePartitionTable, partitionTableFromCsv } from '../server/targets/esp32/partitionTable.ts';
import { UserError } from '../server/util/errors.ts';
import { fbuild } from './helpers/buildCli.ts';
import { readPartitionTable } from './helpers/esp32ImageReader.ts';

const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'golden', 'esp32-images.json'), 'utf8')) as {
  partitions: { name: string; csv: string; command: string; sha256: string }[];
  partitionErrors: { name: string; csv: string; line: number; lineNamed: number | null; what: string }[];
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('five partition CSVs: default-like, empty offsets, K/M suffixes, hex offsets and numbers, blank and comment lines', () => {
  assert.deepEqual(golden.partitions.map((p) => p.name).sort(), [
    'blank-lines',
    'default-like',
    'empty-offsets',
    'hex-offsets',
    'suffixes',
  ]);
  for (const p of golden.partitions) assert.equal(sha256(partitionTableFromCsv(p.csv, `${p.name}.csv`, {})), p.sha256, p.command);
});

test('every table parses back: the entries the CSV names, the MD5 entry, 0xFF to 0xC00 bytes', () => {
  for (const p of golden.partitions) {
    const table = readPartitionTable(partitionTableFromCsv(p.csv, `${p.name}.csv`, {}));
    const entries = parsePartitionTable(p.csv, `${p.name}.csv`, {});
    assert.deepEqual(
      table.map((e) => [e.name, e.type, e.subtype, e.offset, e.size]),
      entries.map((e) => [e.name.slice(0, 16), e.type, e.subtype, e.offset, e.size]),
      p.name,
    );
    const csvNames = p.csv
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(',')[0]!.trim().slice(0, 16));
    assert.deepEqual(
      table.map((e) => e.name),
      csvNames,
      p.name,
    );
  }
  // Empty offsets follow the previous partition: data to 0x1000, apps to 0x10000.
  const implicit = parsePartitionTable(golden.partitions.find((p) => p.name === 'empty-offsets')!.csv, 'empty-offsets.csv', {});
  assert.deepEqual(
    implicit.map((e) => [e.name, e.offset]),
    [
      ['nvs', 0x9000],
      ['otadata', 0xe000],
      ['phy_init', 0x10000],
      ['factory', 0x20000],
      ['ota_0', 0x120000],
      ['storage', 0x220000],
    ],
  );
  // A negative size runs up to that offset; flags are bits.
  const hex = readPartitionTable(
    partitionTableFromCsv(golden.partitions.find((p) => p.name === 'hex-offsets')!.csv, 'hex-offsets.csv', {}),
  );
  assert.deepEqual(hex.at(-1), { type: 1, subtype: 6, offset: 0x201000, size: 0x400000 - 0x201000, name: 'rest', flags: 0 });
  assert.deepEqual(
    hex.slice(0, 3).map((e) => e.flags),
    [2, 1, 1],
  );
});

test('a wrong byte in an entry, the MD5 or the padding is caught', () => {
  const p = golden.partitions.find((x) => x.name === 'default-like')!;
  const good = partitionTableFromCsv(p.csv, 'default-like.csv', {});
  const entries = readPartitionTable(good);
  const md5At = entries.length * 32;
  for (const [field, offset] of [
    ['magic', 0],
    ['type', 2],
    ['subtype', 35],
    ['offset', 4 + 64],
    ['size', 8 + 96],
    ['name', 12],
    ['flags', 28],
    ['MD5 marker', md5At],
    ['MD5', md5At + 20],
    ['padding', 0xbff],
  ] as const) {
    const bad = Buffer.from(good);
    bad[offset] = bad[offset]! ^ 0x01;
    assert.notEqual(sha256(bad), p.sha256, field);
    assert.throws(() => readPartitionTable(bad), /bad partition table/, field);
  }
});

test('each validation error of gen_esp32part is one line naming the CSV file and line', () => {
  assert.ok(golden.partitionErrors.length >= 5);
  for (const e of golden.partitionErrors) {
    assert.throws(
      () => partitionTableFromCsv(e.csv, `${e.name}.csv`, {}),
      (err: unknown) =>
        err instanceof UserError && !err.message.includes('\n') && err.message.startsWith(`partition table ${e.name}.csv line ${e.line}:`),
      `${e.name}: ${e.what}`,
    );
  }
  for (const name of ['err-overlap', 'err-align', 'err-app-size', 'err-number'])
    assert.ok(
      golden.partitionErrors.some((e) => e.name === name),
      name,
    );
});

test('fbuild partitions IN.csv OUT.bin writes the table; a bad CSV is one line and no file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fbuild-partitions-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const p = golden.partitions.find((x) => x.name === 'default-like')!;
  writeFileSync(join(dir, 'default.csv'), p.csv);
  const ok = fbuild(['partitions', join(dir, 'default.csv'), join(dir, 'partitions.bin')]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(sha256(readFileSync(join(dir, 'partitions.bin'))), p.sha256);

  const overlap = golden.partitionErrors.find((e) => e.name === 'err-overlap')!;
  writeFileSync(join(dir, 'bad.csv'), overlap.csv);
  const bad = fbuild(['partitions', '-q', join(dir, 'bad.csv'), join(dir, 'bad.bin')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^partition table .*bad\.csv line 3: offset 0x140000 overlaps the previous partition/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  assert.throws(() => readFileSync(join(dir, 'bad.bin')), /ENOENT/);

  const option = fbuild(['partitions', '--offset', '0x9000', join(dir, 'default.csv'), join(dir, 'x.bin')]);
  assert.equal(option.code, 2);
  assert.match(option.stderr, /option '--offset' is not supported by fbuild/);
});

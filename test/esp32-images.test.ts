// ESP32 images written by fbuild, byte for byte as esptool 5.1.0 writes them: the hashes in
// test/golden/esp32-images.json were recorded by running the real esptool on the ELFs that
// test/helpers/esp32Elf.ts builds. Every image is also parsed back by an independent reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elf2image, FLASH_FREQS, FLASH_MODES, FLASH_SIZES } from '../server/targets/esp32/appImage.ts';
import { readElfSections } from '../server/targets/esp32/elfSections.ts';
import { UserError } from '../server/util/errors.ts';
import { fbuild } from './helpers/buildCli.ts';
import { TEST_ELVES } from './helpers/esp32Elf.ts';
import { bytesAt, readImage } from './helpers/esp32ImageReader.ts';

interface ImageCase {
  elf: string;
  args: string[];
  command: string;
  bytes: number;
  sha256: string;
}
const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'golden', 'esp32-images.json'), 'utf8')) as {
  elfs: Record<string, { sha256: string }>;
  images: ImageCase[];
  imageErrors: { elf: string; args: string[]; what: string }[];
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const arg = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const optionsOf = (args: string[]) => ({
  flashMode: arg(args, '--flash-mode')!,
  flashFreq: arg(args, '--flash-freq')!,
  flashSize: arg(args, '--flash-size')!,
  ...(arg(args, '--elf-sha256-offset') ? { elfSha256Offset: Number(arg(args, '--elf-sha256-offset')) } : {}),
});
const elfOf = (name: string) => {
  const elf = TEST_ELVES[name]!.elf();
  // The input is the one the hashes were recorded from; if not, the helper changed, not fbuild.
  assert.equal(sha256(elf), golden.elfs[name]!.sha256, `test ELF ${name} is not the one esptool was run on`);
  return elf;
};

test('the golden cases cover three ELF shapes and every flash mode, frequency and size pioarduino passes for esp32dev', () => {
  const shapes = new Set(golden.images.map((c) => c.elf));
  for (const shape of ['iram-only', 'flash-mapped', 'many-segments']) assert.ok(shapes.has(shape), shape);
  const withOffset = golden.images.filter((c) => arg(c.args, '--elf-sha256-offset') === '0xb0');
  assert.ok(
    withOffset.some((c) => c.args.join(' ').includes('--flash-mode dio --flash-freq 40m --flash-size 4MB')),
    'esp32dev app',
  );
  for (const mode of ['dio', 'dout'])
    assert.ok(
      withOffset.some((c) => arg(c.args, '--flash-mode') === mode),
      mode,
    );
  for (const freq of ['40m', '80m'])
    assert.ok(
      withOffset.some((c) => arg(c.args, '--flash-freq') === freq),
      freq,
    );
  for (const size of ['2MB', '4MB', '8MB', '16MB'])
    assert.ok(
      withOffset.some((c) => arg(c.args, '--flash-size') === size),
      size,
    );
});

test('every image is byte-identical to the one esptool 5.1.0 wrote', () => {
  for (const c of golden.images) {
    const image = elf2image(elfOf(c.elf), optionsOf(c.args));
    assert.equal(image.length, c.bytes, c.command);
    assert.equal(sha256(image), c.sha256, c.command);
  }
});

test('every image parses back: header fields, segments on their pages, every ELF section at its address, checksum, digest', () => {
  for (const c of golden.images) {
    const elfBytes = elfOf(c.elf);
    const options = optionsOf(c.args);
    const image = readImage(elf2image(elfBytes, options));
    const elf = readElfSections(elfBytes);
    assert.equal(image.flashMode, FLASH_MODES[options.flashMode], c.command);
    assert.equal(image.flashSize << 4, FLASH_SIZES[options.flashSize], c.command);
    assert.equal(image.flashFreq, FLASH_FREQS[options.flashFreq], c.command);
    assert.equal(image.entry, elf.entry, c.command);
    assert.deepEqual([image.wpPin, image.chipId, image.minRevFull, image.maxRevFull, image.hashAppended], [0xee, 0, 0, 0xffff, true]);
    assert.ok(image.segmentCount <= 16 + 4, `${c.command}: ${image.segmentCount} segments`);
    for (const s of image.segments) {
      const flashMapped = (s.addr >= 0x3f400000 && s.addr < 0x3f800000) || (s.addr >= 0x400d0000 && s.addr < 0x40400000);
      if (flashMapped)
        assert.equal(s.fileOffset % 0x10000, s.addr % 0x10000, `${c.command}: flash segment 0x${s.addr.toString(16)} off its page`);
    }
    const digestAt = options.elfSha256Offset ?? (elf.sections.some((s) => s.name === '.flash.appdesc') ? 0xb0 : undefined);
    for (const section of elf.sections) {
      const loaded = bytesAt(image, section.addr, section.data.length);
      assert.ok(loaded, `${c.command}: ${section.name} is not in the image`);
      if (digestAt === undefined) assert.ok(loaded.equals(section.data), `${c.command}: ${section.name} differs`);
    }
    if (digestAt !== undefined) {
      const holder = image.segments.find((s) => digestAt >= s.fileOffset && digestAt < s.fileOffset + s.data.length)!;
      const written = holder.data.subarray(digestAt - holder.fileOffset, digestAt - holder.fileOffset + 32);
      assert.equal(written.toString('hex'), sha256(elfBytes), `${c.command}: the ELF's SHA-256 at 0x${digestAt.toString(16)}`);
    }
  }
});

test('a wrong byte in any field of an image is caught', () => {
  const c = golden.images.find((x) => x.elf === 'flash-mapped' && arg(x.args, '--elf-sha256-offset'))!;
  const good = elf2image(elfOf(c.elf), optionsOf(c.args));
  const parsed = readImage(good);
  const second = parsed.segments[1]!;
  const fields: [string, number][] = [
    ['segment count', 1],
    ['flash mode', 2],
    ['flash size/frequency', 3],
    ['entry point', 4],
    ['WP pin', 8],
    ['max chip revision', 17],
    ['first segment address', 24],
    ['first segment length', 28],
    ['first segment data', 40],
    ['ELF SHA-256', 0xb0],
    ['second segment address', second.fileOffset - 8],
    ['second segment data', second.fileOffset + 5],
    ['checksum', parsed.length - 1],
    ['appended digest', parsed.length + 3],
  ];
  for (const [field, offset] of fields) {
    const bad = Buffer.from(good);
    bad[offset] = bad[offset]! ^ 0x01;
    assert.notEqual(sha256(bad), c.sha256, `${field}: the hash comparison catches it`);
    // The reader alone catches what the format protects; the rest differs from what went in.
    let caught: string;
    try {
      const back = readImage(bad);
      const changed =
        back.segmentCount !== parsed.segmentCount ||
        back.flashMode !== parsed.flashMode ||
        back.flashSize !== parsed.flashSize ||
        back.flashFreq !== parsed.flashFreq ||
        back.entry !== parsed.entry ||
        back.wpPin !== parsed.wpPin ||
        back.maxRevFull !== parsed.maxRevFull;
      caught = changed ? 'a header field differs' : 'not caught';
    } catch (e) {
      caught = (e as Error).message;
    }
    assert.notEqual(caught, 'not caught', `${field} at 0x${offset.toString(16)}`);
  }
});

test('what esptool refuses, fbuild refuses with one line', () => {
  for (const c of golden.imageErrors) {
    assert.throws(
      () => elf2image(TEST_ELVES[c.elf]!.elf(), optionsOf(c.args), `${c.elf}.elf`),
      (e: unknown) => e instanceof UserError && !e.message.includes('\n') && e.message.includes(`${c.elf}.elf`),
      `${c.elf}: ${c.what}`,
    );
  }
  assert.throws(
    () => elf2image(Buffer.from('not an elf at all, but long enough to hold a header........'), optionsOf(golden.images[0]!.args)),
    /not an ELF file/,
  );
  const elf = TEST_ELVES['iram-only']!.elf();
  assert.throws(
    () => elf2image(elf, { flashMode: 'dio', flashFreq: '60m', flashSize: '4MB' }),
    /flash frequency '60m' is not supported by the esp32/,
  );
  assert.throws(() => elf2image(elf, { flashMode: 'dio', flashFreq: '40m', flashSize: '4MB-c1' }), /flash size '4MB-c1' is not supported/);
  assert.throws(() => elf2image(elf, { flashMode: 'opi', flashFreq: '40m', flashSize: '4MB' }), /flash mode 'opi'/);
});

test('fbuild elf2image writes the same bytes as the library, with esptool’s options; other chips and options are one line', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fbuild-elf2image-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const c = golden.images.find((x) => x.elf === 'flash-mapped' && arg(x.args, '--elf-sha256-offset'))!;
  writeFileSync(join(dir, 'firmware.elf'), elfOf(c.elf));
  const out = join(dir, 'out', 'firmware.bin');
  const ok = fbuild(['elf2image', '--chip', 'esp32', ...c.args, '-o', out, join(dir, 'firmware.elf')]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(sha256(readFileSync(out)), c.sha256);

  const short = fbuild([
    'elf2image',
    '-c',
    'esp32',
    '-fm',
    'dio',
    '-ff',
    '40m',
    '-fs',
    '4MB',
    '--elf-sha256-offset=0xb0',
    '-o',
    out,
    join(dir, 'firmware.elf'),
  ]);
  assert.equal(short.code, 0, short.stderr);
  assert.equal(
    sha256(readFileSync(out)),
    golden.images.find((x) => x.args.join(' ') === '--flash-mode dio --flash-freq 40m --flash-size 4MB --elf-sha256-offset 0xb0')!.sha256,
  );

  for (const [args, message] of [
    [['--chip', 'esp32s3'], /chip 'esp32s3' is not supported by fbuild/],
    [['--chip', 'esp32', '--secure-pad'], /option '--secure-pad' is not supported by fbuild/],
    [['--chip', 'esp32', '--flash-freq', '48m'], /flash frequency '48m' is not supported by the esp32/],
    [['--chip', 'esp32', '--elf-sha256-offset', 'lots'], /--elf-sha256-offset 'lots' is not a number/],
  ] as const) {
    const r = fbuild(['elf2image', ...args, '-o', out, join(dir, 'firmware.elf')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
  const missing = fbuild(['elf2image', '--chip', 'esp32', '-o', out, join(dir, 'nope.elf')]);
  assert.notEqual(missing.code, 0);
  assert.equal(missing.stderr.trim().split('\n').length, 1, missing.stderr);
  assert.doesNotMatch(missing.stderr, /internal error|\n\s+at /);
});

// esp32dev's board, flash layout and image steps against golden data read from the real platform
// files (test/golden/esp32dev-facts.json, with its sources).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEsp32Board } from '../server/targets/boards.ts';
import { appPartition, esp32ImagePlan } from '../server/targets/esp32Image.ts';
import { parsePartitionTable } from '../server/targets/esp32/partitionTable.ts';
import { esp32PackagePlan } from '../server/toolchains/esp32Packages.ts';
import { loadManifest } from '../server/toolchains/manifest.ts';
import { facts } from './helpers/esp32Packages.ts';

const csv = (facts.partitionsCsv as string[][]).map((r) => r.join(',')).join('\n') + '\n';

test('esp32dev board definition matches the platform’s boards/esp32dev.json', () => {
  const b = findEsp32Board('esp32dev')!;
  assert.ok(b);
  assert.equal(b.mcu, facts.board.mcu);
  assert.equal(b.fCpu, facts.board.f_cpu);
  assert.equal(b.fFlash, facts.board.f_flash);
  assert.equal(b.flashMode, facts.board.flash_mode);
  assert.equal(b.flashSize, facts.board.flash_size);
  assert.equal(b.ramMax, facts.board.maximum_ram_size);
  assert.deepEqual(b.extraFlags, facts.board.extra_flags);
  assert.equal(b.partitions, facts.board.partitions);
});

test('the default partition table: the app goes to ota_0, and its size is the firmware limit', () => {
  const parts = parsePartitionTable(csv, 'default.csv', {});
  assert.deepEqual(
    parts.map((p) => p.name),
    ['nvs', 'otadata', 'app0', 'app1', 'eeprom', 'spiffs'],
  );
  const app = appPartition(parts);
  assert.equal(`0x${app.offset.toString(16)}`, facts.image.offsets.app);
  assert.equal(app.size, facts.board.maximum_size);
  // Offsets left empty follow the previous partition, apps aligned to 64 KiB.
  const implicit = parsePartitionTable('nvs,data,nvs,,0x5000\nfactory,app,factory,,1M\n', 'implicit.csv', {});
  assert.deepEqual(
    implicit.map((p) => [p.offset, p.size]),
    [
      [0x9000, 0x5000],
      [0x10000, 0x100000],
    ],
  );
});

test('image steps and flash layout match the golden command lines (with FBUILD_ESPTOOL, the esptool commands)', () => {
  const b = findEsp32Board('esp32dev')!;
  const planInput = {
    esptool: 'ESPTOOL' as string | undefined,
    frameworkDir: 'FRAMEWORK_DIR',
    sdkDir: 'FRAMEWORK_SDK_DIR',
    buildDir: 'BUILD_DIR',
    flashMode: b.flashMode,
    fFlash: b.fFlash,
    flashSize: b.flashSize,
    partitionsCsvPath: 'PARTITIONS_TABLE_CSV',
    partitionsCsv: csv,
  };
  const plan = esp32ImagePlan(planInput);
  const values: Record<string, string> = {
    flash_mode: facts.image.elf2image_values.flash_mode,
    flash_freq: facts.image.elf2image_values.flash_freq,
    BUILD_DIR: 'BUILD_DIR',
    FRAMEWORK_DIR: 'FRAMEWORK_DIR',
    FRAMEWORK_SDK_DIR: 'FRAMEWORK_SDK_DIR',
    PARTITIONS_TABLE_CSV: 'PARTITIONS_TABLE_CSV',
  };
  const fill = (args: string[]) =>
    args.map((a) => a.replace(/\$\{(\w+)\}/g, (_, k: string) => values[k] ?? `\${${k}}`).replace(/^"(.*)"$/, '$1'));
  const [app, bootloader] = plan.commands;
  assert.deepEqual(app!.slice(1), fill(facts.image.elf2image).slice(1));
  assert.deepEqual(bootloader!.slice(1), fill(facts.image.bootloaderImage).slice(1));
  // Without FBUILD_ESPTOOL the same arguments go to fbuild's own writer.
  const { esptool: _, ...withoutEsptool } = planInput;
  const own = esp32ImagePlan(withoutEsptool);
  assert.deepEqual(own.commands, []);
  const asArgs = (j: (typeof own.images)[number]) => [
    '--flash-mode',
    j.options.flashMode,
    '--flash-freq',
    j.options.flashFreq,
    '--flash-size',
    j.options.flashSize,
    ...(j.options.elfSha256Offset ? ['--elf-sha256-offset', `0x${j.options.elfSha256Offset.toString(16)}`] : []),
    '-o',
    j.out,
    j.elf,
  ];
  assert.deepEqual(asArgs(own.images[0]!), fill(facts.image.elf2image).slice(4));
  assert.deepEqual(asArgs(own.images[1]!), fill(facts.image.bootloaderImage).slice(4));
  assert.deepEqual([own.partitions.csvPath, own.partitions.out], fill(facts.image.partitionsImage).slice(3));
  // write-flash takes offset/file pairs in this order (the golden upload command).
  const upload = fill(facts.image.upload);
  const pairs = upload.slice(upload.indexOf('detect') + 1);
  assert.deepEqual(
    plan.flash.flatMap((f) => [f.offset, f.file]),
    pairs,
  );
  assert.equal(plan.appMax, facts.board.maximum_size);
});

test('esp32dev package resolution: verified archives for this host, and what cannot be installed', () => {
  const specs = loadManifest({});
  const linux = esp32PackagePlan(specs, 'x86_64-linux-gnu');
  assert.deepEqual(
    linux.install.map((i) => i.spec.name),
    ['xtensa-esp-elf', 'framework-arduinoespressif32', 'framework-arduinoespressif32-libs'],
  );
  assert.match(linux.install[0]!.archive.url, /xtensa-esp-elf-14\.2\.0_20241119-x86_64-linux-gnu\.tar\.(xz|gz)$/);
  assert.match(linux.install[0]!.archive.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(linux.missing, [], 'esptool is not needed: fbuild writes the images itself');
  const arm = esp32PackagePlan(specs, 'aarch64-linux-gnu');
  assert.match(arm.install[0]!.archive.url, /aarch64-linux-gnu/);
  assert.notEqual(arm.install[0]!.archive.sha256, linux.install[0]!.archive.sha256);
});

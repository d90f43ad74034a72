// The action's esp32dev leg on a runner with nothing but the action: no Python and no esptool on
// PATH (test/helpers/runnerHarness.ts runs the composite action; the esp32 packages are the test
// ones, with Debian's real Xtensa compiler behind them). fbuild writes every image itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { actionJob, jobFor } from './helpers/actionJobs.ts';
import { BOOTLOADER_IMAGE_SHA256, DEFAULT_CSV, makeEsp32Packages, pathWithout, recordedCalls } from './helpers/esp32Packages.ts';
import { readImage } from './helpers/esp32ImageReader.ts';
import { tempDir } from './helpers/fixtures.ts';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { prepareAction } from './helpers/runnerHarness.ts';

let root: string;
let cleanup: () => void;
let emulator: GhCacheEmulator;
let action: string;

before(async () => {
  ({ dir: root, cleanup } = tempDir('fbuild-action-esp32-'));
  action = await prepareAction(join(root, 'action'));
  emulator = await GhCacheEmulator.start();
});

after(async () => {
  await emulator.close();
  cleanup();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('an esp32dev job on a runner without Python or esptool writes firmware.bin, bootloader.bin, partitions.bin and prints the flash layout', async () => {
  const { packagesDir, logDir } = makeEsp32Packages(join(root, 'esp32'));
  const PATH = pathWithout(['python', 'python3', 'esptool', 'esptool.py'], join(root, 'runner-path'));
  for (const tool of ['python3', 'python', 'esptool', 'esptool.py'])
    assert.notEqual(spawnSync('sh', ['-c', `command -v ${tool}`], { env: { PATH } }).status, 0, `${tool} is not on the runner's PATH`);

  const job = jobFor(root, emulator, {
    fixture: 'sketch',
    env: { PATH, FBUILD_ESP32_PACKAGES_DIR: packagesDir, FBUILD_TEST_TOOL_LOG: logDir },
  });
  rmSync(join(job.workspace, 'src'), { recursive: true, force: true });
  mkdirSync(join(job.workspace, 'src'));
  writeFileSync(join(job.workspace, 'platformio.ini'), '[env:esp32dev]\nplatform = espressif32\nboard = esp32dev\nframework = arduino\n');
  writeFileSync(
    join(job.workspace, 'src', 'main.cpp'),
    '#include <Arduino.h>\nstatic const unsigned char pattern[4] = {1, 0, 1, 1};\nvoid setup() {}\nvoid loop() { digitalWrite(LED_BUILTIN, pattern[millis() & 3]); }\n',
  );
  const result = await actionJob(job, action, { environment: 'esp32dev' });
  assert.equal(result.conclusion, 'success', result.log);

  const build = join(job.workspace, '.fbuild', 'build', 'esp32dev');
  const out = result.outputs('fbuild');
  assert.equal(out['firmware-bin'], join(build, 'firmware.bin'));
  assert.ok(readImage(readFileSync(join(build, 'firmware.bin'))).segments.length > 0, 'a well-formed app image');
  assert.equal(sha256(readFileSync(join(build, 'bootloader.bin'))), BOOTLOADER_IMAGE_SHA256, 'esptool’s bootloader image, byte for byte');
  assert.equal(sha256(readFileSync(join(build, 'partitions.bin'))), DEFAULT_CSV.sha256, 'gen_esp32part’s table, byte for byte');
  assert.match(
    result.log,
    new RegExp(
      `esp32dev: flash layout: 0x1000 ${build}/bootloader\\.bin, 0x8000 ${build}/partitions\\.bin, 0xe000 \\S+/boot_app0\\.bin, 0x10000 ${build}/firmware\\.bin`,
    ),
  );
  // The compiler, archiver and size tool ran; nothing else did.
  const ran = new Set(recordedCalls(logDir).map((c) => c[0]!.replace(/.*\//, '')));
  assert.deepEqual(ran, new Set(['xtensa-esp32-elf-g++', 'xtensa-esp32-elf-gcc', 'xtensa-esp32-elf-gcc-ar', 'xtensa-esp32-elf-size']));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnFbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';
import { compilersMentioning, eventually, slowFirmwareUnit } from './helpers/serverHarness.ts';

/** Ctrl-C on an embedded `fbuild build`: its compilers stop, nothing is published, one line says so. */

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');

for (const [signal, expected] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  test(`an embedded build interrupted with ${signal} kills its compilers, publishes nothing, says it was cancelled and exits ${expected}`, async (t) => {
    const tmp = tempDir();
    t.after(tmp.cleanup);
    const dir = join(tmp.dir, 'blink');
    cpSync(BLINK, dir, { recursive: true, filter: (src) => !src.includes('.fbuild') });
    writeFileSync(join(dir, 'src', 'slow.c'), slowFirmwareUnit(1500));
    const marker = `-DINTERRUPTED_BUILD_${signal}_${randomBytes(4).toString('hex')}`;
    const ini = join(dir, 'platformio.ini');
    writeFileSync(ini, readFileSync(ini, 'utf8').replace('board = uno', `board = uno\nbuild_flags = -fno-lto -O2 ${marker}`));

    const child = spawnFbuild(['build', dir, '--cache-dir', join(tmp.dir, 'cache')]);
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('close', (code) => r(code)));
    assert.ok(await eventually(() => compilersMentioning(marker).length > 0, 60_000), `its compilers started: ${stderr}`);
    child.kill(signal);

    assert.equal(await exited, expected, stderr);
    assert.match(stderr, /^build of uno cancelled; its compilers were stopped and its outputs left as they were$/m);
    assert.doesNotMatch(stderr, /compile failed|error:/);
    assert.ok(await eventually(() => compilersMentioning(marker).length === 0, 3_000), 'no compiler left running');
    const buildDir = join(dir, '.fbuild', 'build', 'uno');
    for (const f of ['firmware.hex', 'firmware.elf', 'fingerprint.json']) assert.ok(!existsSync(join(buildDir, f)), `${f} was not written`);
  });
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CacheService } from '../server/cache/cacheService.ts';
import { embeddedBackend } from '../server/engine/buildSession.ts';
import { DirectBackend } from '../server/engine/directBackend.ts';
import { build, type BuildResult } from '../server/engine/orchestrator.ts';
import type { ProgressEvent } from '../server/protocol/wire.ts';
import { simulateHex } from './helpers/simulate.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';

/**
 * Projects laid out as the public ones that showed each rule (docs/PLATFORMIO.md): each builds,
 * its uno firmware prints what it should in the simulator, another checkout hits every unit (the
 * link included), and that firmware equals a build with no cache.
 */

const SECRETS = { FBUILD_CACHE_TOKEN: 'sekret-server-token', GITHUB_TOKEN: 'ghs_job_token', ACTIONS_RUNTIME_TOKEN: 'rt' };

async function cachedBuild(cacheDir: string, projectDir: string, environment?: string, events?: ProgressEvent[]): Promise<BuildResult> {
  const svc = await CacheService.start({ cacheDir });
  try {
    return await build({
      projectDir,
      backend: embeddedBackend(svc),
      env: { ...process.env, ...SECRETS },
      ...(environment ? { environment } : {}),
      ...(events ? { onEvent: (e) => events.push(e) } : {}),
    });
  } finally {
    await svc.shutdown();
  }
}

const hexOf = (dir: string, r: BuildResult) => readFileSync(join(dir, r.artifacts.hex), 'utf8');

/**
 * The project built cold, then from another checkout with the same cache (every unit and the link
 * hit), then with no cache at all: the same firmware. Returns the serial output of the firmware.
 */
async function buildEverywhere(
  root: string,
  write: (dir: string) => void,
  environment?: string,
  events?: ProgressEvent[],
): Promise<string> {
  const cacheDir = join(root, 'cache');
  const first = join(root, 'first', 'project');
  const other = join(root, 'another-checkout', 'somewhere', 'project');
  const bare = join(root, 'nocache', 'project');
  for (const dir of [first, other, bare]) write(dir);
  const cold = await cachedBuild(cacheDir, first, environment, events);
  assert.equal(cold.ok, true);
  assert.equal(cold.stats.misses, cold.stats.compiles);
  const warm = await cachedBuild(cacheDir, other, environment);
  assert.equal(warm.stats.compiles, cold.stats.compiles);
  assert.equal(warm.stats.hits, warm.stats.compiles, `another checkout: ${warm.stats.hits}/${warm.stats.compiles} units hit`);
  const none = await build({
    projectDir: bare,
    backend: new DirectBackend(),
    env: { ...process.env, ...SECRETS },
    ...(environment ? { environment } : {}),
  });
  assert.equal(none.stats.hits, 0);
  assert.equal(hexOf(other, warm), hexOf(bare, none));
  assert.equal(hexOf(first, cold), hexOf(bare, none));
  return simulateHex(hexOf(first, cold)).serial;
}

/** A DCC-style project: the sketch at the root (`src_dir = .`, `include_dir = .`), a git revision from a `!` script. */
function writeStation(dir: string, revision = 'a1b2c3d'): void {
  writeFiles(dir, {
    'platformio.ini': [
      '[platformio]',
      'src_dir = .',
      'include_dir = .',
      'default_envs = uno',
      '',
      '[env]',
      'platform = atmelavr',
      'framework = arduino',
      '',
      '[env:uno]',
      'board = uno',
      '; nothing in [env] sets lib_deps: this expands to nothing, as in PlatformIO',
      'lib_deps = ${env.lib_deps}',
      'build_flags =',
      '  !python3 scripts/git_rev.py',
      '  -DSTATION_TRACKS=${this.custom_tracks}',
      'custom_tracks = 2',
      '',
    ].join('\n'),
    REVISION: `${revision}\n`,
    'scripts/git_rev.py': [
      'import os',
      'rev = open("REVISION").read().strip()',
      'seen = "yes" if any(os.environ.get(k) for k in ("FBUILD_CACHE_TOKEN", "GITHUB_TOKEN", "ACTIONS_RUNTIME_TOKEN")) else "no"',
      'print(\'-DGIT_REV=\\\\"%s\\\\" -DSECRETS_SEEN=\\\\"%s\\\\"\' % (rev, seen))',
      '',
    ].join('\n'),
    'CommandStation.ino': [
      '#include "config.h"',
      '#include "Tracks.h"',
      'void setup() {',
      '  Serial.begin(115200);',
      '  Serial.print("rev ");',
      '  Serial.println(GIT_REV);',
      '  Serial.print("secrets ");',
      '  Serial.println(SECRETS_SEEN);',
      '  Serial.println(trackPower(STATION_TRACKS));',
      '}',
      'void loop() {}',
      '',
    ].join('\n'),
    'config.h': '#pragma once\n#define MAX_CURRENT 250\n',
    'Tracks.h': '#pragma once\nint trackPower(int tracks);\n',
    'Tracks.cpp': '#include "Tracks.h"\n#include "config.h"\nint trackPower(int tracks) { return tracks * MAX_CURRENT; }\n',
    'README.md': 'A DCC command station.\n',
  });
}

test('src_dir = . with include_dir = .: a DCC-style sketch at the root builds, with a !script git revision and no secret', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const serial = await buildEverywhere(tmp.dir, (dir) => writeStation(dir));
  assert.match(serial, /^rev a1b2c3d\r\nsecrets no\r\n500\r\n/);

  // The station just built and its cache (the revision in build_flags reaches the core too: a
  // station of its own would compile the uno core cold once more before the change).
  await t.test('the !command output is part of the keys: a new revision misses the units it reaches and prints the new one', async () => {
    const cacheDir = join(tmp.dir, 'cache');
    const dir = join(tmp.dir, 'first', 'project');
    await cachedBuild(cacheDir, dir);
    writeFileSync(join(dir, 'REVISION'), 'ffee999\n');
    const events: ProgressEvent[] = [];
    const r = await cachedBuild(cacheDir, dir, undefined, events);
    const missed = events.flatMap((e) => (e.type === 'unit' && e.unit.outcome !== 'hit' ? [e.unit.source] : []));
    assert.ok(
      missed.some((s) => s.endsWith('CommandStation.ino.cpp')),
      `missed: ${missed.join(', ')}`,
    );
    assert.match(simulateHex(hexOf(dir, r)).serial, /^rev ffee999\r\n/);
  });
});

/** A multi-program repository: one folder per program under src/, picked by `+<${PIOENV}/>`, and shared code. */
function writePrograms(dir: string): void {
  writeFiles(dir, {
    'platformio.ini': [
      '[env]',
      'platform = atmelavr',
      'board = uno',
      'framework = arduino',
      'build_src_filter = +<${PIOENV}/> +<common/>',
      'build_flags = -I${PROJECT_SRC_DIR}/common -DPROGRAM_NAME=\\"${PIOENV}\\" -I$PROJECT_DIR/include',
      '',
      '[env:blink]',
      '[env:counter]',
      'build_flags = ${env.build_flags} -DSTEP=3',
      '',
    ].join('\n'),
    'include/board_pins.h': '#pragma once\n#define STATUS_LED 13\n',
    'src/common/shared.h': '#pragma once\nint sharedValue();\n',
    'src/common/shared.cpp': '#include "shared.h"\nint sharedValue() { return 40; }\n',
    'src/blink/main.cpp': [
      '#include <Arduino.h>',
      '#include <board_pins.h>',
      '#include <shared.h>',
      'void setup() { Serial.begin(115200); Serial.println(PROGRAM_NAME); Serial.println(sharedValue() + 2); pinMode(STATUS_LED, OUTPUT); }',
      'void loop() {}',
      '',
    ].join('\n'),
    'src/counter/main.cpp': [
      '#include <Arduino.h>',
      '#include <shared.h>',
      'void setup() { Serial.begin(115200); Serial.println(PROGRAM_NAME); Serial.println(sharedValue() + STEP); }',
      'void loop() {}',
      '',
    ].join('\n'),
  });
}

test('build_src_filter = +<${PIOENV}/>: each env of a multi-program repo builds its own folder', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  assert.match(await buildEverywhere(join(tmp.dir, 'blink'), writePrograms, 'blink'), /^blink\r\n42\r\n/);
  assert.match(await buildEverywhere(join(tmp.dir, 'counter'), writePrograms, 'counter'), /^counter\r\n43\r\n/);
});

/** A course repository: each lab an example whose filter reaches back into the shared sources. */
function writeLabs(dir: string): void {
  writeFiles(dir, {
    'platformio.ini': [
      '[platformio]',
      'src_dir = examples/hello',
      '',
      '[env:uno]',
      'platform = atmelavr',
      'board = uno',
      'framework = arduino',
      'build_src_filter = +<*> +<../../src/> +<../shared/> -<../shared/broken/>',
      '',
    ].join('\n'),
    'src/util.h': '#pragma once\nint doubled(int x);\n',
    'src/util.cpp': '#include "util.h"\nint doubled(int x) { return 2 * x; }\n',
    'examples/shared/greet.h': '#pragma once\nvoid greet();\n',
    'examples/shared/greet.cpp': '#include <Arduino.h>\n#include "greet.h"\nvoid greet() { Serial.println("hello lab"); }\n',
    'examples/shared/broken/nope.cpp': '#error the filter left this out\n',
    'examples/other/main.cpp': '#error another lab: not in this filter\n',
    'examples/hello/main.cpp': [
      '#include <Arduino.h>',
      '#include "../../src/util.h"',
      '#include "../shared/greet.h"',
      'void setup() { Serial.begin(115200); greet(); Serial.println(doubled(21)); }',
      'void loop() {}',
      '',
    ].join('\n'),
  });
  // A link to itself inside the sources (left by a tool or a mistake): skipped, not walked forever.
  symlinkSync('.', join(dir, 'examples', 'hello', 'loop'));
}

test('build_src_filter climbing out of src_dir (+<../../src/>, +<../shared/>): those files are compiled, objects stay in the build dir', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const events: ProgressEvent[] = [];
  const serial = await buildEverywhere(tmp.dir, writeLabs, undefined, events);
  assert.match(serial, /^hello lab\r\n42\r\n/);
  const warnings = events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));
  assert.ok(
    warnings.some((w) => /^(src_dir|build_src_filter): skipping loop: a link to .*examples\/hello, which is walked already/.test(w)),
    warnings.join('\n'),
  );
});

// Bad and unusual input, end to end through the CLI: each is a clear one-line error (exit 2) or a
// correct build; never a crash (exit 70, a stack trace) or a hang. Covered elsewhere, not repeated:
// an unknown env and an unknown board (build-errors.test.ts, "bad input: one line ..."), a 5 MB line
// with control bytes, a 2^30-fold interpolation and a FIFO as platformio.ini (reliability.test.ts,
// "bad paths and bad files ..."), syntax errors and reference cycles (platformio-ini.test.ts).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { unknownBoardHint } from '../server/targets/boards.ts';
import { fbuild, fbuildAsync, type CliRun } from './helpers/buildCli.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { startChildServer } from './helpers/serverHarness.ts';
import { wrappedFbuildCommand } from './helpers/bundle.ts';
import { copyUnoCoreStore, referenceHex } from './helpers/sharedBuilds.ts';

const BLINK = join(import.meta.dirname, '..', 'examples', 'blink');
const TOKEN = 'bad-input-0123456789abcdef';

function copyBlink(to: string): string {
  cpSync(BLINK, to, { recursive: true, filter: (src) => !src.includes('.fbuild') });
  return to;
}
const hexOf = (dir: string, env = 'uno') => readFileSync(join(dir, '.fbuild', 'build', env, 'firmware.hex'), 'utf8');

/** The firmware of the blink example built without any cache, once per run (helpers/sharedBuilds.ts). */
const blinkReference = () => referenceHex(BLINK);

/** Exit 2 and one line on stderr, matching `message`; no stack trace, no "internal error". */
function userError(r: CliRun, message: RegExp, what: string): void {
  assert.equal(r.code, 2, `${what}: exit ${r.code}; stderr: ${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at .*:\d+:\d+\)?\n|internal error/, `${what}: a stack trace or an internal error`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${what}: one line, not ${lines.length}: ${r.stderr.slice(0, 2000)}`);
  assert.match(lines[0]!, message, what);
  assert.ok(r.stderr.length < 500, `${what}: ${r.stderr.length} characters of stderr`);
}

/** Deterministic pseudo-random bytes (a linear congruential generator): the same garbage every run. */
function garbage(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    b[i] = s >>> 24;
  }
  return b;
}

test('a malformed platformio.ini, in several shapes: one line naming the line and the fix, exit 2', () => {
  const t = tempDir();
  try {
    const cache = join(t.dir, 'cache');
    const cases: [string, string | Buffer, RegExp][] = [
      [
        'no section',
        'platform = atmelavr\nboard = uno\n',
        /^platformio\.ini:1: key 'platform' outside any section; put it under a \[section\]/,
      ],
      [
        'a reference never closed',
        '[env:uno]\nplatform = atmelavr\nboard = uno\nbuild_flags = -DX=${env:uno.board\n',
        /^platformio\.ini:4: unclosed reference '\$\{env:uno\.board' in 'build_flags'; end it with '\}'$/,
      ],
      [
        'a reference to a section that does not exist',
        '[env:uno]\nplatform = atmelavr\nboard = uno\nbuild_flags = -DX=${common.flags}\n',
        /^platformio\.ini:4: unknown section 'common' in \$\{common\.flags\}; define \[common\]/,
      ],
      [
        'a malformed reference',
        '[env:uno]\nplatform = atmelavr\nboard = uno\nbuild_flags = ${.x}\n',
        /^platformio\.ini:4: malformed reference \$\{\.x\}; write it as \$\{section\.key\}$/,
      ],
      [
        'a duplicate option',
        '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nboard = nano\n',
        /^platformio\.ini:5: duplicate key 'board' in \[env:uno\] \(first on line 3\); keep only one$/,
      ],
      [
        'a section header never closed',
        '[env:uno\nboard = uno\n',
        /^platformio\.ini:1: malformed section header '\[env:uno'; write it as \[name\]$/,
      ],
      ['binary garbage', garbage(4096, 15), /^platformio\.ini:\d+: cannot parse '/],
      ['garbage after a valid env', Buffer.concat([Buffer.from('[env:uno]\nboard = uno\n'), garbage(2048, 16)]), /^platformio\.ini:\d+: /],
      ['no environment at all', '[platformio]\n', /no \[env:NAME\] section|no environment/i],
    ];
    for (const [what, ini, message] of cases) {
      const dir = copyBlink(join(t.dir, what.replaceAll(' ', '-')));
      writeFileSync(join(dir, 'platformio.ini'), ini);
      userError(fbuild(['build', dir, '--cache-dir', cache]), message, what);
    }
  } finally {
    t.cleanup();
  }
});

test('a project path with spaces and non-ASCII letters builds right: embedded, through the server, wrapped', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  // The uno core from the shared warm store (sharedBuilds.ts) in both caches: the project's path is
  // the point, and the core is not under it; the sketch's unit and the link still compile.
  const cache = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const expected = blinkReference();

  const dir = copyBlink(join(tmp.dir, 'Prôjet été', 'blink ü'));
  const embedded = fbuild(['build', dir, '--cache-dir', cache, '--json']);
  assert.equal(embedded.code, 0, embedded.stderr);
  assert.equal(hexOf(dir), expected, 'the firmware built in "Prôjet été/" differs');
  const again = fbuild(['build', dir, '--cache-dir', cache, '--json', '--force']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.json!.stats.hitRate, 1, JSON.stringify(again.json!.stats));

  const server = await startChildServer({
    cacheDir: copyUnoCoreStore(join(tmp.dir, 'server-cache')),
    port: 0,
    token: TOKEN,
    allowRoots: [tmp.dir],
    fbuildCommand: wrappedFbuildCommand(), // the wrapped backend's `fbuild cc`: dist/cc.cjs, bundled from the sources
  });
  t.after(() => server.stop());
  const env = { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN };
  for (const backend of ['embedded', 'wrapped']) {
    const viaServer = copyBlink(join(tmp.dir, 'Prôjet été', `über ${backend}`));
    const r = await fbuildAsync(['build', viaServer, '--backend', backend, '--json'], { env });
    assert.equal(r.code, 0, `${backend}: ${r.stderr}`);
    assert.equal(hexOf(viaServer), expected, `the firmware built through the server (${backend}) differs`);
    assert.equal(r.json!.stats.errors ?? 0, 0, JSON.stringify(r.json!.stats));
  }
  const warm = copyBlink(join(tmp.dir, 'Prôjet été', 'wärm'));
  const hit = await fbuildAsync(['build', warm, '--json'], { env });
  assert.equal(hit.code, 0, hit.stderr);
  assert.equal(hit.json!.stats.hitRate, 1, JSON.stringify(hit.json!.stats));

  await t.test('an unknown env or board through the server: one line, exit 2', async () => {
    userError(
      await fbuildAsync(['build', warm, '-e', 'mega'], { env }),
      /^unknown environment 'mega' in platformio\.ini; known: uno$/,
      'env',
    );
    writeFileSync(join(warm, 'platformio.ini'), '[env:x]\nplatform = atmelavr\nboard = due\nframework = arduino\n');
    const r = await fbuildAsync(['build', warm], { env });
    userError(r, /^unknown board 'due' in env 'x'; /, 'board');
    assert.equal(r.stderr.trim(), `unknown board 'due' in env 'x'; ${unknownBoardHint('due')}`);
  });
});

test('a workspace reached through a symlink builds right, and its warm second build hits', () => {
  const t = tempDir();
  try {
    // The uno core from the shared warm store: the workspace's path is the point (the core is not under it).
    const cache = copyUnoCoreStore(join(t.dir, 'cache'));
    const expected = blinkReference();
    copyBlink(join(t.dir, 'real', 'blink'));
    symlinkSync(join(t.dir, 'real'), join(t.dir, 'link'));
    const viaLink = join(t.dir, 'link', 'blink');
    const cold = fbuild(['build', viaLink, '--cache-dir', cache, '--json']);
    assert.equal(cold.code, 0, cold.stderr);
    assert.equal(hexOf(viaLink), expected);
    const warm = fbuild(['build', viaLink, '--cache-dir', cache, '--json', '--force']);
    assert.equal(warm.code, 0, warm.stderr);
    assert.equal(warm.json!.stats.hitRate, 1, JSON.stringify(warm.json!.stats));
    // The same project by its real path: the same cache entries.
    const real = fbuild(['build', join(t.dir, 'real', 'blink'), '--cache-dir', cache, '--json', '--force']);
    assert.equal(real.code, 0, real.stderr);
    assert.equal(real.json!.stats.hitRate, 1, JSON.stringify(real.json!.stats));
    assert.equal(hexOf(viaLink), expected);
  } finally {
    t.cleanup();
  }
});

test('a compiler that prints 5 MB of warnings: the build succeeds, the warnings pass through unchanged, a hit replays them', async () => {
  const t = tempDir();
  try {
    const cache = join(t.dir, 'cache');
    const bin = join(t.dir, 'bin');
    mkdirSync(bin);
    const line = 'src/blink.ino:1:1: warning: a loud warning [-Wloud]\n';
    const warnings = line.repeat(Math.ceil(5_000_000 / line.length)).slice(0, 5_000_000);
    // avr-gcc and avr-g++ wrappers: 5 MB of warning lines when compiling the sketch, then the real compiler.
    for (const tool of ['avr-gcc', 'avr-g++']) {
      writeFileSync(
        join(bin, tool),
        `#!/bin/sh\ncase "$*" in *" -c "*blink.ino.cpp*) yes '${line.trimEnd()}' | head -c 5000000 >&2 ;; esac\n` +
          `exec /usr/bin/${tool} "$@"\n`,
      );
      chmodSync(join(bin, tool), 0o755);
    }
    const env = { PATH: `${bin}:${process.env.PATH ?? '/usr/bin'}` };
    const expected = blinkReference();
    const dir = copyBlink(join(t.dir, 'blink'));
    // fbuildAsync: spawnSync would cut the child off at its 1 MiB output buffer.
    const cold = await fbuildAsync(['build', dir, '--cache-dir', cache, '--json'], { env });
    assert.equal(cold.code, 0, cold.stderr.slice(0, 2000));
    assert.equal(hexOf(dir), expected);
    // As make would show them: the compiler's own bytes, once, neither cut nor doubled.
    assert.ok(cold.stderr === warnings, `stderr: ${cold.stderr.length} characters, not the compiler's 5,000,000`);
    const warm = await fbuildAsync(['build', dir, '--cache-dir', cache, '--json', '--force'], { env });
    assert.equal(warm.code, 0, warm.stderr.slice(0, 2000));
    assert.equal(warm.json!.stats.hitRate, 1, JSON.stringify(warm.json!.stats));
    assert.ok(warm.stderr === warnings, `the hit replayed ${warm.stderr.length} characters of warnings, not 5,000,000`);
    assert.equal(hexOf(dir), expected);
  } finally {
    t.cleanup();
  }
});

/** 5,000 under `npm run soak`; fewer in `npm test`, where the cold build's compiles (about 20 ms each here) would take minutes. */
const MANY_FILES = Number(process.env.FBUILD_MANY_FILES ?? 300);

test(`a project of ${MANY_FILES} source files builds and runs, its second build is a no-op, another checkout hits`, async (t) => {
  const tmp = tempDir();
  try {
    const dir = join(tmp.dir, 'many');
    const sources: Record<string, string> = { 'platformio.ini': '[env:native]\nplatform = native\n' };
    for (let i = 0; i < MANY_FILES; i++) sources[`src/d${Math.floor(i / 500)}/f${i}.c`] = `int f${i}(int x) { return x + ${i}; }\n`;
    const ids = Array.from({ length: MANY_FILES }, (_, i) => i);
    // The program adds up every unit's answer: it exits 0 only if all of them were linked in.
    sources['src/main.c'] =
      ids.map((i) => `int f${i}(int);`).join('\n') +
      `\nint main(void) {\n  long s = 0;\n${ids.map((i) => `  s += f${i}(1);`).join('\n')}\n` +
      `  return s == ${ids.reduce((a, i) => a + i + 1, 0)}L ? 0 : 1;\n}\n`;
    writeFiles(dir, sources);
    const cache = join(tmp.dir, 'cache');
    const timed = async (args: string[]) => {
      const t0 = performance.now();
      const r = await fbuildAsync(args);
      assert.equal(r.code, 0, r.stderr.slice(0, 2000));
      return { r, ms: Math.round(performance.now() - t0) };
    };
    const cold = await timed(['build', dir, '--cache-dir', cache, '--json']);
    assert.equal(cold.r.json!.stats.compiles, MANY_FILES + 2, JSON.stringify(cold.r.json!.stats)); // the units, main.c, the link
    const program = cold.r.json!.artifacts.elf as string;
    assert.equal(spawnSync(program).status, 0, 'the program did not see every unit');
    const again = await timed(['build', dir, '--cache-dir', cache, '--json']);
    assert.equal(again.r.json!.upToDate, true);
    rmSync(join(dir, '.fbuild'), { recursive: true, force: true });
    const rebuilt = await timed(['build', dir, '--cache-dir', cache, '--json']);
    assert.equal(rebuilt.r.json!.stats.hitRate, 1, JSON.stringify(rebuilt.r.json!.stats));
    assert.equal(spawnSync(program).status, 0);
    t.diagnostic(`${MANY_FILES} files: cold ${cold.ms} ms, no-op ${again.ms} ms, all hits ${rebuilt.ms} ms`);
  } finally {
    tmp.cleanup();
  }
});

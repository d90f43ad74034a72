import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { CacheService, type CompileResult } from '../server/cache/cacheService.ts';
import { CompileSession } from '../server/cache/compileSession.ts';
import { startServer } from '../server/http/startServer.ts';
import { CacheClient } from '../src/client/cacheClient.ts';
import type { UnitOutcome } from '../server/protocol/wire.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { copyUnoCoreStore } from './helpers/sharedBuilds.ts';

/**
 * Issue 16: within one build session each header is checked once, for all its units. A header
 * edited between two builds must still be seen by the second, also when both run in one server
 * and the header was old enough (outside the racy window) for the stat cache to remember it.
 */

const HEADER_V1 = '#pragma once\n#define LIMIT 11\n';
// The same length: only the content (and mtime/ctime) tell the two apart.
const HEADER_V2 = '#pragma once\n#define LIMIT 42\n';

const PROJECT = {
  'platformio.ini': '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n',
  'include/limits.h': HEADER_V1,
  'src/main.cpp': '#include <Arduino.h>\n#include "limits.h"\nvoid setup() { pinMode(LIMIT, OUTPUT); }\nvoid loop() {}\n',
  'src/other.cpp': 'int other() { return 3; }\n',
};

/** Past git's racy window (2 s), so that the stat cache may keep what it read. */
const PAST_RACY_WINDOW_MS = 2100;

test('one server, two builds: a header edited between them is noticed by the second', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const dir = join(tmp.dir, 'proj');
  writeFiles(dir, PROJECT);
  // The uno core warm (helpers/sharedBuilds.ts): the point is the project's own units, whose outcomes
  // are the ones compared below (the store holds nothing of this project: they are still new).
  const cacheDir = copyUnoCoreStore(join(tmp.dir, 'cache'));
  const server = await startServer({ cacheDir, port: 0, token: 'session-token', allowRoots: [tmp.dir] });
  t.after(() => server.shutdown());
  const client = new CacheClient(server.url, server.token);
  t.after(() => client.close());

  const build = async (): Promise<Record<string, string>> => {
    const units: UnitOutcome[] = [];
    let ok = false;
    for await (const e of client.build({ projectDir: dir, force: true })) {
      if (e.type === 'unit') units.push(e.unit);
      if (e.type === 'done') ok = 'stats' in e.result && e.result.ok;
    }
    assert.ok(ok, 'the build succeeded');
    const project = units.filter((u) => u.source.startsWith('src/'));
    return Object.fromEntries(project.map((u) => [u.source, u.reason ? `${u.outcome}: ${u.reason}` : u.outcome]));
  };

  await sleep(PAST_RACY_WINDOW_MS);
  assert.deepEqual(await build(), { 'src/main.cpp': 'miss: new', 'src/other.cpp': 'miss: new' });
  assert.deepEqual(await build(), { 'src/main.cpp': 'hit', 'src/other.cpp': 'hit' });
  writeFileSync(join(dir, 'include/limits.h'), HEADER_V2);
  assert.deepEqual(await build(), { 'src/main.cpp': 'miss: header changed: include/limits.h', 'src/other.cpp': 'hit' });
  // And back: the first result is still kept under the same context.
  writeFileSync(join(dir, 'include/limits.h'), HEADER_V1);
  assert.deepEqual(await build(), { 'src/main.cpp': 'hit', 'src/other.cpp': 'hit' });
});

const UNITS = {
  'include/a.h': '#pragma once\n#define A 1\n',
  'src/x.c': '#include "a.h"\nint x(void) { return A; }\n',
  'src/y.c': '#include "a.h"\nint y(void) { return A + 1; }\n',
};

test('CacheService: a session checks a file once for all its units; a new session checks again', async (t) => {
  const tmp = tempDir();
  t.after(tmp.cleanup);
  const ws = join(tmp.dir, 'ws');
  writeFiles(ws, UNITS);
  const svc = await CacheService.start({ cacheDir: join(tmp.dir, 'cache') });
  t.after(() => svc.shutdown());
  const compileBoth = async (session: CompileSession): Promise<string[]> => {
    const rs: CompileResult[] = [];
    for (const u of ['x', 'y']) {
      const args = ['-c', '-mmcu=atmega328p', '-Os', '-MMD', '-Iinclude', `src/${u}.c`, '-o', `${u}.o`];
      rs.push(await svc.compile({ compiler: 'avr-gcc', args, cwd: ws, workspaceRoot: ws, session }));
    }
    for (const r of rs) assert.equal(r.exitCode, 0, String(r.stderr));
    return rs.map((r) => (r.reason ? `${r.outcome}: ${r.reason}` : r.outcome));
  };

  await sleep(PAST_RACY_WINDOW_MS);
  assert.deepEqual(await compileBoth(new CompileSession()), ['miss: new', 'miss: new']);
  const warm = new CompileSession();
  assert.deepEqual(await compileBoth(warm), ['hit', 'hit']);
  // The session looked at each of its three files once, though two units read the header, and once
  // at the one place earlier on the search path that must still not hold a.h (src/, the sources' dir).
  assert.equal(warm.checkedFiles, 4);
  writeFileSync(join(ws, 'include/a.h'), '#pragma once\n#define A 7\n');
  assert.deepEqual(await compileBoth(new CompileSession()), ['miss: header changed: include/a.h', 'miss: header changed: include/a.h']);
});

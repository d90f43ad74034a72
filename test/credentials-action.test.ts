// The action on a project whose lib_deps URL carries `user:password@`: the password reaches no
// output of the job — its log (masked by core.setSecret before anything runs), the job summary, the
// PR comment's body, the files under the workspace's build and libdeps dirs, and the archives saved
// to the cache service.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { actionJob, jobFor } from './helpers/actionJobs.ts';
import { tempDir } from './helpers/fixtures.ts';
import { GhCacheEmulator } from './helpers/ghCacheEmulator.ts';
import { startGithubApiEmulator } from './helpers/githubApiEmulator.ts';
import { startRegistry } from './helpers/registryEmulator.ts';
import { prepareAction } from './helpers/runnerHarness.ts';

const PASSWORD = 'c0rrect-h0rse-battery';
const TOKEN = 'ghs_credentialsTestWriteToken';
const HEAD = 'a'.repeat(40);

function filesHolding(dir: string, needle: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => readFileSync(f).includes(needle));
}

test('a pull request job with lib_deps credentials: none in the log, the summary, the PR comment, the workspace or the saved archives', async (t) => {
  const { dir: root, cleanup } = tempDir('fbuild-credentials-action-');
  const action = await prepareAction(join(root, 'action'));
  const cache = await GhCacheEmulator.start();
  const registry = await startRegistry();
  const github = await startGithubApiEmulator();
  t.after(async () => {
    await github.close();
    await registry.close();
    await cache.close();
    cleanup();
  });
  github.addToken(TOKEN, 'write');
  github.addPull('octo', 'firmware', { number: 7, headLabel: 'octo:feature', headSha: HEAD });
  const archive = registry.serveArchive('Grader.tar.gz', {
    'library.json': JSON.stringify({ name: 'Grader', version: '3.0.1' }),
    'src/Grader.h': '#pragma once\n#include <Arduino.h>\ninline void grade() { Serial.println("graded"); }\n',
  });
  registry.requireBasicAuth('/archives/Grader', 'student', PASSWORD);

  const event = join(root, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      pull_request: {
        number: 7,
        head: { sha: HEAD, repo: { full_name: 'octo/firmware' } },
        base: { repo: { full_name: 'octo/firmware' } },
      },
    }),
  );
  const job = jobFor(root, cache, {
    fixture: 'sketch',
    identity: { ref: 'refs/pull/7/merge' },
    env: {
      FBUILD_REGISTRY_URL: registry.apiUrl,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'octo/firmware',
      GITHUB_API_URL: github.url,
    },
  });
  rmSync(join(job.workspace, 'src'), { recursive: true, force: true });
  mkdirSync(join(job.workspace, 'src'));
  writeFileSync(
    join(job.workspace, 'platformio.ini'),
    `[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\nlib_deps = Grader=${archive.replace('http://', `http://student:${PASSWORD}@`)}\n`,
  );
  writeFileSync(
    join(job.workspace, 'src', 'main.cpp'),
    '#include <Arduino.h>\n#include <Grader.h>\nvoid setup() { grade(); }\nvoid loop() {}\n',
  );

  const r = await actionJob(job, action, { environment: 'uno', comment: 'true', 'github-token': TOKEN });
  assert.equal(r.conclusion, 'success', r.log);
  assert.ok(r.masks.includes(PASSWORD), 'the password was handed to core.setSecret');
  assert.ok(!r.log.includes(PASSWORD), 'job log');
  assert.ok(!r.summary.includes(PASSWORD), 'job summary');
  const comments = github.comments('octo', 'firmware', 7);
  assert.equal(comments.length, 1, 'the report comment was posted');
  assert.ok(!comments[0]!.body.includes(PASSWORD), 'PR comment body');
  for (const out of Object.values(r.outputs('fbuild'))) assert.ok(!out.includes(PASSWORD), 'step outputs');
  // Only the platformio.ini the user wrote holds it.
  assert.deepEqual(filesHolding(job.workspace, PASSWORD), [join(job.workspace, 'platformio.ini')]);
  assert.deepEqual(filesHolding(job.home, PASSWORD), []);

  const saved = cache.finalized().filter((e) => e.data);
  assert.ok(
    saved.some((e) => e.key.startsWith('fbuild-libdeps-uno-')),
    'the libraries were saved',
  );
  for (const entry of saved) {
    // The tar stream itself (names are relative to the workspace, some climbing out of it): file
    // contents appear in it verbatim once decompressed.
    const zstd = entry.data!.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    const tar = execFileSync(zstd ? 'zstd' : 'gzip', ['-dc'], { input: entry.data!, maxBuffer: 1024 ** 3 });
    assert.ok(tar.length > entry.data!.length / 2, `saved archive ${entry.key} decompressed`);
    assert.ok(!tar.includes(PASSWORD), `saved archive ${entry.key}`);
  }
});

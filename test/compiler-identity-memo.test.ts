// The compiler-identity memo in the cache dir: a long-lived process (a resident server started while a
// build was still probing) uses every identity another process probed and saved since, without running
// the compilers again; a compiler replaced since is probed again.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CompilerIdentities } from '../server/cache/compilerIdentity.ts';
import { tempDir } from './helpers/fixtures.ts';

/** A GCC-like driver that prints an include search list for `-E -v` and counts its runs in a file. */
function fakeCompiler(dir: string, name: string, headers: string, runs: string): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `echo run >> '${runs}'`,
      `echo '#include <...> search starts here:' >&2`,
      `echo ' ${headers}' >&2`,
      `echo 'End of search list.' >&2`,
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

const runCount = (runs: string) => {
  try {
    return readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};

test('a process that started before the memo existed uses every identity another process saved in it, and probes a replaced compiler again', (t) => {
  const { dir, cleanup } = tempDir();
  t.after(cleanup);
  const runs = join(dir, 'runs.log');
  const ccA = fakeCompiler(dir, 'cc-a', dir, runs);
  const ccB = fakeCompiler(dir, 'cc-b', dir, runs);
  const ccC = fakeCompiler(dir, 'cc-c', dir, runs);
  const memo = join(dir, 'cache', 'v1', 'compilers.msgpack');

  const longLived = new CompilerIdentities(memo); // no memo yet
  const oneShot = new CompilerIdentities(memo);
  const ids = [ccA, ccB, ccC].map((cc) => oneShot.identify(cc));
  oneShot.save();
  const probed = runCount(runs);
  assert.ok(probed >= 3, `each compiler was probed once by the process that saved the memo (${probed} runs)`);

  assert.deepEqual(
    [ccA, ccB, ccC].map((cc) => longLived.identify(cc)),
    ids,
  );
  assert.equal(runCount(runs), probed, 'no compiler ran again: all three identities came from the memo');

  // A compiler replaced since (another size and mtime) is probed again, in both processes' eyes.
  writeFileSync(ccB, readFileSync(ccB, 'utf8') + '# rebuilt\n');
  utimesSync(ccB, new Date(), new Date(Date.now() + 5000));
  const again = longLived.identify(ccB);
  assert.notEqual(again, ids[1]);
  assert.ok(runCount(runs) > probed, 'the replaced compiler was probed');
});

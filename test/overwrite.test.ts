import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOver } from '../server/util/overwrite.ts';
import { tempDir } from './helpers/fixtures.ts';

/** writeOver, the hit's output write: the file ends with exactly the new content, whatever was there. */

test('writeOver: a new file, a longer, a shorter and an equal content; mtime moves; a symlink is followed', () => {
  const tmp = tempDir();
  try {
    const f = join(tmp.dir, 'a.o');
    writeOver(f, Buffer.from('0123456789'));
    assert.equal(readFileSync(f, 'utf8'), '0123456789');
    writeOver(f, 'abc');
    assert.equal(readFileSync(f, 'utf8'), 'abc', 'the old tail is cut');
    writeOver(f, Buffer.alloc(200_000, 0x41));
    assert.deepEqual(readFileSync(f), Buffer.alloc(200_000, 0x41));
    utimesSync(f, new Date(1_000_000), new Date(1_000_000));
    writeOver(f, Buffer.alloc(200_000, 0x42));
    assert.deepEqual(readFileSync(f), Buffer.alloc(200_000, 0x42));
    assert.ok(statSync(f).mtimeMs > 1_000_000 + 1000, 'make sees the output as new');
    writeOver(f, new Uint8Array());
    assert.equal(statSync(f).size, 0);

    const target = join(tmp.dir, 'target.o');
    writeFileSync(target, 'old old old');
    symlinkSync(target, join(tmp.dir, 'link.o'));
    writeOver(join(tmp.dir, 'link.o'), 'new');
    assert.equal(readFileSync(target, 'utf8'), 'new');
  } finally {
    tmp.cleanup();
  }
});

test('writeOver: a directory and a missing directory are errors, as for writeFileSync', () => {
  const tmp = tempDir();
  try {
    mkdirSync(join(tmp.dir, 'dir.o'));
    assert.throws(() => writeOver(join(tmp.dir, 'dir.o'), 'x'), { code: 'EISDIR' });
    assert.throws(() => writeOver(join(tmp.dir, 'missing', 'a.o'), 'x'), { code: 'ENOENT' });
  } finally {
    tmp.cleanup();
  }
});

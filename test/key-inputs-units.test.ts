import { test } from 'node:test';
import assert from 'node:assert/strict';
import { incbinPaths, sourceMarkers } from '../server/cache/sourceMarkers.ts';
import { negativeLookups } from '../server/cache/unitInputs.ts';
import { parseCompile } from '../server/cache/compilerArgs.ts';

test('.incbin paths are read from assembler text and from inline asm strings; one built by a macro is unreadable', () => {
  assert.deepEqual(incbinPaths('font: .incbin "data/font.bin"\n'), ['data/font.bin']);
  assert.deepEqual(incbinPaths('asm(".global f\\nf: .incbin \\"img/logo.raw\\"\\n");'), ['img/logo.raw']);
  assert.deepEqual(incbinPaths('#define INCBIN(f) asm(".incbin \\"" f "\\"")\n'), [null]);
  assert.deepEqual(incbinPaths('.incbin FILE_NAME\n'), [null]);
  assert.equal(sourceMarkers(Buffer.from('int x;\n')).incbin, undefined);
});

test('__FILE__ counts as a token only; the system_header pragma only as a directive', () => {
  assert.equal(sourceMarkers(Buffer.from('const char *f = __FILE__;\n')).usesFile, true);
  assert.equal(sourceMarkers(Buffer.from('// logs __FILE__ when asked\nint x;\n')).usesFile, false);
  assert.equal(sourceMarkers(Buffer.from('#  pragma GCC system_header\n')).systemHeader, true);
  assert.equal(sourceMarkers(Buffer.from('/* no system_header here */\n')).systemHeader, false);
});

test('negative lookups: each earlier place the user owns, where the header name is absent, and no other', () => {
  const present = new Set(['/ws/src/other.h']);
  const chain = ['/ws/src', '/ws/ext/first', '/tool/include', '/ws/ext/second'];
  const owned = (d: string) => d.startsWith('/ws/');
  const absent = negativeLookups(['/ws/ext/second/cfg.h', '/ws/src/other.h', '/tool/include/stdio.h'], chain, owned, (p) => present.has(p));
  assert.deepEqual(absent.sort(), ['/ws/ext/first/cfg.h', '/ws/ext/first/stdio.h', '/ws/src/cfg.h', '/ws/src/stdio.h']);
});

test('the search path is read in GCC order, and system dirs on the command line are noticed', () => {
  const parsed = parseCompile(['-c', '-idirafter', 'late', '-Ia', '-isystem', 'sys', '-iquote', 'q', '-Ib', 'x.c', '-o', 'x.o'], '/ws');
  assert.equal(parsed.kind, 'cacheable');
  if (parsed.kind !== 'cacheable') return;
  assert.deepEqual(parsed.searchDirs, ['q', 'a', 'b', 'sys', 'late']);
  assert.equal(parsed.addsSystemDirs, true);
  const plain = parseCompile(['-c', '-Ia', '-include', 'pre.h', 'x.c', '-o', 'x.o'], '/ws');
  assert.equal(plain.kind === 'cacheable' && plain.addsSystemDirs, false);
});

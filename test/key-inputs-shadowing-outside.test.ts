import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { provesCase, UNO_INI } from './helpers/keyInputs.ts';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { negativeLookups, packageDirs, userIncludeDir } from '../server/cache/unitInputs.ts';

// Include dirs outside the workspace: each checkout is its own repository (a `.git`), so a folder
// beside it stays outside the workspace (it does not widen the root), as a global library folder or
// a sibling checkout of a shared library does. Both checkouts name the same outside folders.
test('a new header in an include dir outside the workspace shadows the one found further down: the rebuild uses it, in this and another checkout', async (t) => {
  await provesCase(t, {
    name: 'outside',
    project: (dir) => {
      const outside = dir.replace(/-[ab]$/, '-shared');
      mkdirSync(join(outside, 'first'), { recursive: true });
      writeFiles(join(outside, 'second'), { 'cfg.h': '#define CFG_VALUE 0x03\n' });
      return {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'platformio.ini': `${UNO_INI}build_flags = -I${outside}/first -I${outside}/second\n`,
        'src/main.cpp': '#include <Arduino.h>\n#include "cfg.h"\nvoid setup() { DDRB = CFG_VALUE; }\nvoid loop() {}\n',
      };
    },
    change: (dir) => writeFileSync(join(dir.replace(/-[ab]$/, '-shared'), 'first', 'cfg.h'), '#define CFG_VALUE 0x04\n'),
    reason: 'header shadowed',
  });
});

test('which include dirs outside the workspace get negative lookups: the user’s, not the toolchain’s or its packages’', (t) => {
  const tmp = tempDir('fbuild-pkgdirs-');
  t.after(tmp.cleanup);
  const base = realpathSync(tmp.dir);
  // Debian's avr-gcc: its prefix /usr holds the Arduino core under /usr/share.
  assert.deepEqual(packageDirs('/usr/bin/avr-gcc'), ['/usr']);
  // An installed package (fbuild's marker): the toolchains dir it sits in, which holds the framework too.
  const toolchains = join(base, 'toolchains');
  writeFiles(join(toolchains, 'toolchain-x-1.0'), { '.fbuild-package.json': '{}', 'bin/x-gcc': '' });
  writeFiles(join(toolchains, 'framework-y-2.0'), { '.fbuild-package.json': '{}', 'cores/y/Y.h': '' });
  const vouched = packageDirs(join(toolchains, 'toolchain-x-1.0', 'bin', 'x-gcc'));
  assert.deepEqual(vouched, [join(toolchains, 'toolchain-x-1.0'), toolchains]);
  // A toolchain without a marker vouches for its own prefix only.
  writeFiles(join(base, 'plain'), { 'bin/x-gcc': '' });
  assert.deepEqual(packageDirs(join(base, 'plain', 'bin', 'x-gcc')), [join(base, 'plain')]);

  // A compiler in ~/bin vouches for nothing (its prefix is the home dir), nor a prefix holding the workspace.
  assert.deepEqual(packageDirs(join(homedir(), 'bin', 'gcc')), []);
  assert.equal(userIncludeDir(join(base, 'plain', 'include'), join(base, 'plain', 'ws'), [join(base, 'plain')]), true);

  const root = join(base, 'ws');
  assert.equal(userIncludeDir(join(root, 'ext'), root, vouched), true, 'inside the workspace');
  assert.equal(userIncludeDir(join(base, 'shared', 'include'), root, vouched), true, 'a sibling folder');
  assert.equal(userIncludeDir(join(toolchains, 'framework-y-2.0', 'cores', 'y'), root, vouched), false, 'a package');
  assert.equal(userIncludeDir('/usr/share/arduino/hardware/arduino/avr/cores/arduino', root, ['/usr']), false);

  // The lookups themselves: the header found in the second dir, the first one (outside, the user's) recorded.
  const first = join(base, 'shared', 'first');
  const second = join(base, 'shared', 'second');
  const framework = join(toolchains, 'framework-y-2.0', 'cores', 'y');
  const owned = (d: string) => userIncludeDir(d, root, vouched);
  assert.deepEqual(
    negativeLookups([join(second, 'cfg.h')], [join(root, 'src'), framework, first, second], owned, () => false),
    [join(root, 'src', 'cfg.h'), join(first, 'cfg.h')],
  );
});

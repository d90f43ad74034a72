import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fbuild } from './helpers/buildCli.ts';
import { tempDir } from './helpers/fixtures.ts';

/** `fbuild boards [FILTER] [--json]`: the boards, their core, and whether each builds here. */

test('fbuild boards lists every board with its core and whether it builds here; a filter narrows it', (t) => {
  const work = tempDir();
  t.after(work.cleanup);
  const env = { FBUILD_TOOLCHAINS_DIR: join(work.dir, 'toolchains') };
  const all = fbuild(['boards', '--json'], { env });
  assert.equal(all.code, 0, all.stderr);
  const rows = all.json as unknown as {
    id: string;
    core: string;
    mcu: string;
    fCpu: number;
    flash: number;
    builds: string;
    package: string;
  }[];
  assert.equal(rows.length, 224);
  const row = (id: string) => rows.find((r) => r.id === id)!;
  // uno: Debian's core has its variant; MiniCore's ATmega328P: its package comes first; Digispark: a vendor core.
  assert.deepEqual([row('uno').core, row('uno').builds, row('uno').flash], ['arduino', 'ready', 32256]);
  assert.deepEqual(
    [row('ATmega328P').core, row('ATmega328P').builds, row('ATmega328P').package],
    ['MiniCore', 'install', 'framework-arduino-avr-minicore 3.1.2'],
  );
  assert.equal(row('ATmega328P').flash, 32768 - 384);
  assert.deepEqual([row('sparkfun_promicro16').builds, row('sparkfun_promicro16').package], ['install', 'framework-arduino-avr 5.3.0']);
  assert.equal(row('digispark-tiny').builds, 'unsupported');
  assert.equal(rows.filter((r) => r.builds === 'unsupported').length, 16);

  const table = fbuild(['boards', 'attiny85'], { env });
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trim().split('\n');
  assert.match(lines[0]!, /^ID\s+MCU\s+Frequency\s+Flash\s+RAM\s+Core\s+Builds here\s+Name$/);
  assert.match(table.stdout, /^attiny85\s+ATTINY85\s+8MHz\s+8KB\s+512B\s+tiny\s+after install\s+Generic ATtiny85$/m);
  assert.match(table.stdout, /^digispark-tiny\s+ATTINY85\s+16\.5MHz\s+.*\sdtiny\s+no\s+Digispark USB$/m);
  assert.match(lines.at(-1)!, /^5 boards;/);

  const none = fbuild(['boards', 'no-such-board'], { env });
  assert.equal(none.code, 0);
  assert.equal(none.stdout, "no board matches 'no-such-board'\n");
  const bad = fbuild(['boards', 'a', 'b'], { env });
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim(), 'fbuild boards: one filter at most; usage: fbuild boards [FILTER] [--json]');
});

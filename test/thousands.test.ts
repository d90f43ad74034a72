import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { thousands } from '../server/util/thousands.ts';

test('thousands prints every number as toLocaleString("en-US") does', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => {
      assert.equal(thousands(n), n.toLocaleString('en-US'));
    }),
    { numRuns: 2000 },
  );
  assert.equal(thousands(1234567), '1,234,567');
  assert.equal(thousands(-1000), '-1,000');
});

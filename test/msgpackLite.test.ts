import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pack, unpack } from 'msgpackr';
import { decodeMsgpack, encodeMsgpack } from '../src/client/msgpackLite.ts';

/** `fbuild cc`'s own MessagePack codec against msgpackr, which the server uses: each reads what the other writes. */

const long = (n: number, c = 'x') => c.repeat(n);

const values: Record<string, unknown> = {
  'a compile body': {
    compiler: 'avr-gcc',
    args: ['-c', 'src/main.cpp', '-o', 'build/main.o', ...Array.from({ length: 40 }, (_, i) => `-DFLAG_${i}=ü${i}`)],
    cwd: '/work/project',
    env: Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`VAR_${i}`, long(i * 7, 'é')])),
    workspaceRoot: '/work',
  },
  'strings at every length boundary': [0, 1, 31, 32, 255, 256, 65535, 65536].map((n) => long(n)),
  'arrays and maps past 15 and 65535 entries': {
    small: Array.from({ length: 15 }, (_, i) => i),
    mid: Array.from({ length: 16 }, (_, i) => `s${i}`),
    big: Array.from({ length: 70000 }, (_, i) => i % 3),
    map: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i])),
  },
  numbers: [
    0,
    1,
    127,
    128,
    255,
    256,
    65535,
    65536,
    2 ** 32 - 1,
    2 ** 32,
    -1,
    -32,
    -33,
    -128,
    -129,
    -32768,
    -32769,
    -(2 ** 31),
    0.5,
    -1e-9,
    1.5e300,
  ],
  'nil and booleans': [null, true, false],
  'an empty map, array and string': { m: {}, a: [], s: '' },
};

for (const [name, v] of Object.entries(values)) {
  test(`msgpackLite: ${name} decode from msgpackr and encode for it`, () => {
    assert.deepEqual(decodeMsgpack(pack(v)), v);
    assert.deepEqual(unpack(encodeMsgpack(v)), v);
  });
}

test('msgpackLite: bytes (stdout, stderr) of 0, 255, 256 and 70,000 bytes, both ways', () => {
  for (const n of [0, 255, 256, 70000]) {
    const bytes = Buffer.from(Array.from({ length: n }, (_, i) => (i * 31) % 256));
    const answer = { exitCode: 1, stdout: bytes, stderr: new Uint8Array(), outcome: 'hit', savedMs: 12.25 };
    const fromServer = decodeMsgpack(pack(answer)) as typeof answer;
    assert.deepEqual(Buffer.from(fromServer.stdout), bytes);
    assert.equal(fromServer.stderr.length, 0);
    assert.equal(fromServer.savedMs, 12.25);
    assert.deepEqual(Buffer.from((unpack(encodeMsgpack(answer)) as typeof answer).stdout), bytes);
  }
});

test('msgpackLite: undefined properties are left out; a __proto__ key stays data', () => {
  assert.deepEqual(unpack(encodeMsgpack({ a: 1, b: undefined })), { a: 1 });
  const decoded = decodeMsgpack(encodeMsgpack(JSON.parse('{"__proto__": {"polluted": true}}'))) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
  assert.deepEqual(Object.keys(decoded), ['__proto__']);
});

test('msgpackLite: a truncated body, trailing bytes or an unknown type is an error, not a value', () => {
  const whole = pack({ exitCode: 0, stdout: Buffer.alloc(10), outcome: 'hit' });
  for (let cut = 1; cut < whole.length; cut++) assert.throws(() => decodeMsgpack(whole.subarray(0, cut)), /truncated/);
  assert.throws(() => decodeMsgpack(Buffer.concat([whole, Buffer.from([0])])), /trailing/);
  assert.throws(() => decodeMsgpack(Buffer.from([0xc1])), /unsupported/);
  assert.throws(() => encodeMsgpack({ f: () => 0 }), /cannot encode a function/);
});

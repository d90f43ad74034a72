import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEventStream } from '../src/client/buildEventStream.ts';

async function* chunksOf(parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p;
}

test('a build event stream: heartbeats dropped, a character split between chunks kept whole, a last line without a newline read', async () => {
  const text =
    JSON.stringify({ type: 'heartbeat' }) +
    '\n' +
    JSON.stringify({ type: 'warning', message: 'größe – ✓' }) +
    '\n\n' +
    JSON.stringify({ type: 'upToDate', environment: 'uno' });
  const bytes = new TextEncoder().encode(text);
  // Split inside the multi-byte characters: every byte its own chunk.
  const parts = [...bytes].map((b) => Uint8Array.of(b));
  const events = [];
  for await (const e of buildEventStream(chunksOf(parts)[Symbol.asyncIterator](), (e) => e as Error)) events.push(e);
  assert.deepEqual(events, [
    { type: 'warning', message: 'größe – ✓' },
    { type: 'upToDate', environment: 'uno' },
  ]);
});

test('a build event stream: a failing read becomes the caller’s error', async () => {
  const failing: AsyncIterator<Uint8Array> = { next: () => Promise.reject(new Error('socket hang up')) };
  await assert.rejects(
    (async () => {
      for await (const e of buildEventStream(failing, (err) => new Error(`lost the server: ${(err as Error).message}`))) void e;
    })(),
    /lost the server: socket hang up/,
  );
});

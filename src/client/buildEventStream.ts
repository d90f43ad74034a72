import type { BuildEvent } from '../../server/protocol/wire.js';

/**
 * A `/v1/build` response body (one JSON event per line) as its events, without the server's
 * heartbeats. A read that fails becomes `failure(error)`. Text is decoded as a stream, so a character
 * split between two chunks (a compiler's non-ASCII diagnostic) arrives whole.
 */
export async function* buildEventStream(chunks: AsyncIterator<Uint8Array>, failure: (e: unknown) => Error): AsyncGenerator<BuildEvent> {
  const decoder = new TextDecoder();
  const parse = function* (text: string): Generator<BuildEvent> {
    const e = JSON.parse(text) as BuildEvent;
    if (e.type !== 'heartbeat') yield e;
  };
  let pending = '';
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch (e) {
      throw failure(e);
    }
    if (next.done) break;
    pending += decoder.decode(next.value, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim()) yield* parse(line);
    }
  }
  pending += decoder.decode();
  if (pending.trim()) yield* parse(pending);
}

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/client/buildEventStream.ts
async function* buildEventStream(chunks, failure) {
  const decoder = new TextDecoder();
  const parse = function* (text) {
    const e = JSON.parse(text);
    if (e.type !== "heartbeat") yield e;
  };
  let pending = "";
  for (; ; ) {
    let next;
    try {
      next = await chunks.next();
    } catch (e) {
      throw failure(e);
    }
    if (next.done) break;
    pending += decoder.decode(next.value, { stream: true });
    let nl;
    while ((nl = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim()) yield* parse(line);
    }
  }
  pending += decoder.decode();
  if (pending.trim()) yield* parse(pending);
}

export {
  buildEventStream
};

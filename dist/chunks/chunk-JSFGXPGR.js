import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/action/stepTimes.ts
var inFlight = 0;
var since = 0;
var transferTotal = 0;
async function timedTransfer(call) {
  if (inFlight++ === 0) since = performance.now();
  try {
    return await call();
  } finally {
    if (--inFlight === 0) transferTotal += performance.now() - since;
  }
}
function transferMsSoFar() {
  return transferTotal + (inFlight > 0 ? performance.now() - since : 0);
}
var current;
function beginStep(step) {
  if (!current) current = { step, startedAt: 0, transferAtStart: 0 };
  else {
    const end = current.takenAt ?? { ms: performance.now(), transferMs: transferMsSoFar() };
    current = { step, startedAt: end.ms, transferAtStart: end.transferMs };
  }
}
function stepTimeSoFar() {
  if (!current) return void 0;
  current.takenAt = { ms: performance.now(), transferMs: transferMsSoFar() };
  return {
    step: current.step,
    ms: Math.round(current.takenAt.ms - current.startedAt),
    transferMs: Math.round(current.takenAt.transferMs - current.transferAtStart)
  };
}
function cacheOverhead(steps, buildsMs) {
  const ownMs = {};
  let transferMs = 0;
  for (const s of steps) {
    ownMs[s.step] = Math.max(0, s.ms - s.transferMs - (s.step === "build" ? buildsMs : 0));
    transferMs += s.transferMs;
  }
  const ms = Object.values(ownMs).reduce((a, b) => a + b, 0);
  return { ms, transferMs, buildsMs, ownMs };
}
function withStepTime(steps, t) {
  return [...(steps ?? []).filter((s) => s.step !== t.step), t];
}

export {
  timedTransfer,
  beginStep,
  stepTimeSoFar,
  cacheOverhead,
  withStepTime
};

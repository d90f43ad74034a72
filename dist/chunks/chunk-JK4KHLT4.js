import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/cli/progress.ts
var ProgressLine = class {
  constructor(stream, enabled) {
    this.stream = stream;
    this.active = enabled && Boolean(stream.isTTY);
  }
  stream;
  total = 0;
  shown = false;
  active;
  start(total) {
    this.total = total;
  }
  update(done, label) {
    if (!this.active || this.total === 0) return;
    const n = Math.min(done, this.total);
    const width = 24;
    const filled = Math.round(n / this.total * width);
    const columns = this.stream.columns ?? 80;
    const line = `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${n}/${this.total} ${label}`;
    this.stream.write(`\r\x1B[K${line.slice(0, columns - 1)}`);
    this.shown = true;
  }
  /** A download's progress: bytes so far, of the total when known. */
  download(label, received, total) {
    if (!this.active) return;
    const kb = (n) => `${Math.round(n / 1024)} KiB`;
    const line = `downloading ${label}: ${kb(received)}${total ? ` of ${kb(total)}` : ""}`;
    this.stream.write(`\r\x1B[K${line.slice(0, (this.stream.columns ?? 80) - 1)}`);
    this.shown = true;
  }
  clear() {
    if (this.shown) this.stream.write("\r\x1B[K");
    this.shown = false;
  }
};

export {
  ProgressLine
};

/** A one-line progress bar on a terminal; silent when the stream is not a TTY or when disabled. */
export class ProgressLine {
  private total = 0;
  private shown = false;
  private readonly active: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    enabled: boolean,
  ) {
    this.active = enabled && Boolean(stream.isTTY);
  }

  start(total: number): void {
    this.total = total;
  }

  update(done: number, label: string): void {
    if (!this.active || this.total === 0) return;
    const n = Math.min(done, this.total);
    const width = 24;
    const filled = Math.round((n / this.total) * width);
    const columns = this.stream.columns ?? 80;
    const line = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${n}/${this.total} ${label}`;
    this.stream.write(`\r\x1b[K${line.slice(0, columns - 1)}`);
    this.shown = true;
  }

  /** A download's progress: bytes so far, of the total when known. */
  download(label: string, received: number, total: number | undefined): void {
    if (!this.active) return;
    const kb = (n: number) => `${Math.round(n / 1024)} KiB`;
    const line = `downloading ${label}: ${kb(received)}${total ? ` of ${kb(total)}` : ''}`;
    this.stream.write(`\r\x1b[K${line.slice(0, (this.stream.columns ?? 80) - 1)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

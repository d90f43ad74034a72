import type { BuildEvent } from '../../server/protocol/wire.js';
import { formatSummary } from './buildReport.js';
import { ProgressLine } from './progress.js';

/**
 * Prints a build's events in a terminal (progress, the compilers' diagnostics, a summary) or as one
 * JSON object. The same for an embedded build and one streamed from the server.
 */
export class BuildPrinter {
  private readonly progress: ProgressLine;
  private errorLine: string | undefined;

  constructor(private readonly opts: { json: boolean; verbose: boolean }) {
    this.progress = new ProgressLine(process.stderr, !opts.json && !opts.verbose);
  }

  handle(e: BuildEvent): void {
    const { json, verbose } = this.opts;
    switch (e.type) {
      case 'start':
        if (verbose) process.stderr.write(`${e.environment}: ${e.units} units with ${e.toolchain}\n`);
        this.progress.start(e.units);
        break;
      case 'unit':
        // The compiler's own diagnostics, unchanged.
        if (e.stdout || e.stderr) this.progress.clear();
        if (e.stdout && !json) process.stdout.write(e.stdout);
        if (e.stderr) process.stderr.write(e.stderr);
        if (verbose) process.stderr.write(`${e.unit.outcome.padEnd(11)} ${e.unit.source}${e.unit.reason ? `  (${e.unit.reason})` : ''}\n`);
        this.progress.update(e.index, e.unit.source);
        break;
      case 'link':
        if (e.stderr) {
          this.progress.clear();
          process.stderr.write(e.stderr);
        }
        if (verbose) process.stderr.write(`${e.outcome.padEnd(11)} link${e.reason ? `  (${e.reason})` : ''}\n`);
        this.progress.update(Number.POSITIVE_INFINITY, 'link');
        break;
      case 'warning':
        this.progress.clear();
        process.stderr.write(`fbuild: warning: ${e.message}\n`);
        break;
      case 'library':
        this.progress.clear();
        if (!json || verbose) process.stderr.write(`fbuild: ${e.action} ${e.library.name} ${e.library.version} (${e.library.source})\n`);
        break;
      case 'download':
        this.progress.download(e.label, e.received, e.total);
        break;
      case 'upToDate':
        // The summary says it too; verbose mode also says why.
        if (verbose) process.stderr.write(`${e.environment}: up to date (no input changed since the last successful build)\n`);
        break;
      case 'waiting':
        this.progress.clear();
        process.stderr.write(`fbuild: waiting for another build of ${e.environment} in ${e.dir}\n`);
        break;
      case 'notice':
        // A repeated notice only with --verbose, which also adds the details.
        if (e.repeat && !verbose) break;
        this.progress.clear();
        process.stderr.write(`fbuild: notice: ${e.message}\n`);
        if (verbose && e.detail) process.stderr.write(`fbuild: notice: ${e.detail}\n`);
        break;
      case 'error':
        this.errorLine = e.message;
        break;
      case 'done':
        this.progress.clear();
        if (json) process.stdout.write(JSON.stringify(e.result) + '\n');
        else if (!('error' in e.result)) process.stdout.write(formatSummary(e.result));
        if (this.errorLine) process.stderr.write(`${this.errorLine}\n`);
        break;
    }
  }
}

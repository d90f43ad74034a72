import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StepCommand } from '../cache/stepsCache.js';

/**
 * The link writes its outputs aside, in `<build dir>/.staging/`, and they are renamed into place only
 * once the link succeeded and the build was not cancelled: a reader of `firmware.hex` sees the old
 * file or the new one, never a half-written one or one from a build that was called off. The staging
 * paths are fixed (the build dir is locked), so the cached link's key does not change between builds.
 */
export class ArtifactStaging {
  private readonly staged: Map<string, string>;

  constructor(
    private readonly projectDir: string,
    buildDir: string,
    readonly outputs: string[],
  ) {
    const prefix = `${buildDir}/`;
    this.staged = new Map(outputs.map((o) => [o, o.startsWith(prefix) ? `${buildDir}/.staging/${o.slice(prefix.length)}` : o]));
  }

  /** Where the link steps write each output instead, in the order of `outputs`. */
  get stagedOutputs(): string[] {
    return this.outputs.map((o) => this.staged.get(o)!);
  }

  /** The link steps with every output argument pointed at its staging path (the dirs made). */
  redirect(steps: StepCommand[]): StepCommand[] {
    for (const s of this.stagedOutputs) mkdirSync(join(this.projectDir, dirname(s)), { recursive: true });
    return steps.map((step) => ({ ...step, args: step.args.map((a) => this.staged.get(a) ?? a) }));
  }

  /** Renames the staged outputs into place, one atomic rename each; `notWritten` (a hit left them in the store) are not. */
  publish(notWritten: readonly string[] = []): void {
    for (const [final, staged] of this.staged) {
      if (staged !== final && !notWritten.includes(final)) renameSync(join(this.projectDir, staged), join(this.projectDir, final));
    }
  }

  /** After a failed link: no output of an older build is left to be taken for this one's. */
  removePublished(): void {
    for (const final of this.outputs) rmSync(join(this.projectDir, final), { force: true });
  }
}

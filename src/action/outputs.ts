import * as core from '@actions/core';
import type { EnvRecord, ReportRow } from './reportRows.js';
import { fraction, totals } from './reportRows.js';

/** The build step's outputs, set in one place. With several envs the firmware is the first env's. */
export function setBuildOutputs(rows: ReportRow[], records: EnvRecord[], statsFile: string): void {
  const t = totals(rows);
  core.setOutput('hit-rate', fraction(t.hitRate));
  core.setOutput('hits', String(t.hits));
  core.setOutput('misses', String(t.misses));
  core.setOutput('uncacheable', String(t.uncacheable));
  core.setOutput('time-saved-ms', String(t.timeSavedMs));
  core.setOutput('stats-file', statsFile);
  const first = records.find((r) => !('error' in r.result));
  if (first && !('error' in first.result)) {
    const r = first.result;
    core.setOutput('firmware-elf', r.artifacts.elf);
    core.setOutput(r.artifacts.hex.endsWith('.bin') ? 'firmware-bin' : 'firmware-hex', r.artifacts.hex);
    core.setOutput('flash-bytes', String(r.size.flash));
    core.setOutput('ram-bytes', String(r.size.ram));
  }
}

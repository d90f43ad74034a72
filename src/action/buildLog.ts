import * as core from '@actions/core';
import type { BuildEvent } from '../../server/protocol/wire.js';
import type { EnvRecord } from './reportRows.js';

/** The build warnings this job has shown: each once, whichever env's build said it first. */
const warned = new Set<string>();

/**
 * Turns one env's build events into the step's log and an EnvRecord. The compilers' diagnostics are
 * printed unchanged; each unit that missed or could not be cached is named with why, so a low hit
 * rate explains itself in the log.
 */
export class BuildLog {
  readonly record: EnvRecord;

  constructor(environment: string) {
    this.record = {
      environment,
      result: { environment, ok: false, error: 'the build ended without a result' },
      units: { total: 0, hits: 0, misses: 0, uncacheable: 0, errors: 0 },
      missed: [],
    };
  }

  handle(e: BuildEvent): void {
    const rec = this.record;
    switch (e.type) {
      case 'start':
        rec.environment = e.environment;
        rec.toolchain = e.toolchain;
        core.info(`${e.environment}: ${e.units} steps with ${e.toolchain}`);
        break;
      case 'unit': {
        const u = e.unit;
        rec.units.total++;
        if (u.outcome === 'hit') rec.units.hits++;
        else if (u.outcome === 'miss') {
          rec.units.misses++;
          rec.missed.push({ source: u.source, reason: u.reason ?? 'new' });
        } else if (u.outcome === 'uncacheable') rec.units.uncacheable++;
        else {
          rec.units.errors++;
          (rec.storeErrors ??= []).push({ source: u.source, reason: u.reason ?? 'unknown' });
        }
        if (u.outcome !== 'hit') core.info(`${u.outcome.padEnd(11)} ${u.source}${u.reason ? ` (${u.reason})` : ''}`);
        if (e.stdout) process.stdout.write(e.stdout);
        if (e.stderr) process.stdout.write(e.stderr);
        break;
      }
      case 'link':
        rec.link = { outcome: e.outcome, ...(e.reason ? { reason: e.reason } : {}) };
        if (e.outcome === 'error') (rec.storeErrors ??= []).push({ source: 'link', reason: e.reason ?? 'unknown' });
        if (e.stderr) process.stdout.write(e.stderr);
        break;
      case 'upToDate':
        core.info(`${e.environment}: up to date (nothing changed since the last successful build)`);
        break;
      case 'notice':
        if (!e.repeat) core.info(`fbuild: notice: ${e.message}`);
        break;
      case 'warning':
        // An annotation (an extra_scripts line not run, the remote tier unreachable, a platformio.ini
        // option ignored), once per job: each env's build says the project's own again.
        if (!warned.has(e.message)) {
          warned.add(e.message);
          core.warning(`fbuild: ${e.message}`);
        }
        break;
      case 'error':
        rec.error = e.message;
        break;
      case 'done':
        rec.result = e.result;
        if (!('error' in e.result)) {
          const r = e.result;
          core.info(
            `${r.environment}: ${r.ok ? 'built' : 'failed'} in ${(r.durationMs / 1000).toFixed(2)} s; ${rec.units.hits} hits, ${rec.units.misses} misses, ` +
              `${rec.units.uncacheable} uncacheable${rec.storeErrors?.length ? `, ${rec.storeErrors.length} store errors` : ''}; ` +
              `flash ${r.size.flash} B, RAM ${r.size.ram} B`,
          );
          if (r.ok && r.artifacts.flash)
            core.info(`${r.environment}: flash layout: ${r.artifacts.flash.map((f) => `${f.offset} ${f.file}`).join(', ')}`);
        }
        break;
    }
  }
}

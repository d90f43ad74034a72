import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The variables of this process that a project's configuration reads, to send with a build to the
 * server (which would otherwise read `platformio.ini` with its own environment): every
 * `PLATFORMIO_*`, each `NAME` the project's `.ini` files name as `${sysenv.NAME}`, and `HOME` (the
 * default of `core_dir`). Only these, so that tokens and the like stay in this process.
 */
export function projectEnvOf(projectDir: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const names = new Set(['HOME', 'USERPROFILE']);
  for (const name of Object.keys(env)) if (name.startsWith('PLATFORMIO_')) names.add(name);
  for (const text of iniTexts(projectDir)) for (const m of text.matchAll(/\$\{sysenv\.([^}\s]+)\}/g)) names.add(m[1]!);
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && !value.includes('\0')) out[name] = value;
  }
  return out;
}

/** The `.ini` files at the top of the project (platformio.ini and the usual extra_configs); unreadable ones are skipped. */
function iniTexts(projectDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(projectDir).filter((n) => n.endsWith('.ini'));
  } catch {
    // Not a directory (a path to platformio.ini, or a bad path the server reports).
    return readable(projectDir.endsWith('.ini') ? [projectDir] : []);
  }
  return readable(names.map((n) => join(projectDir, n)));
}

function readable(paths: string[]): string[] {
  const texts: string[] = [];
  for (const p of paths) {
    try {
      texts.push(readFileSync(p, 'utf8'));
    } catch {
      // A FIFO, a dir named *.ini or an unreadable file: the server's read of the config says what is wrong.
    }
  }
  return texts;
}

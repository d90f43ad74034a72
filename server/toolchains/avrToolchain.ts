import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../util/errors.js';
import { onPath } from '../util/pathLookup.js';
import { childEnv } from '../util/childEnv.js';

/**
 * What a build needs from an AVR toolchain and its Arduino framework: the Debian install and the
 * pinned download (resolveAvr.ts) are its two implementations.
 */
export interface AvrToolchain {
  kind: 'system' | 'pinned';
  /** Says where it came from, for the notice printed with the build. */
  description: string;
  gcc: string;
  gxx: string;
  /** `avr-gcc-ar` and `avr-gcc-ranlib`: the LTO plugin's wrappers, which index LTO objects (PlatformIO's AR and RANLIB). */
  ar: string;
  ranlib: string;
  objcopy: string;
  size: string;
  gccMajor: number;
  /** ArduinoCore-avr: `cores/`, `variants/`, `libraries/` under it. */
  frameworkDir: string;
  /** Flags the toolchain itself needs (e.g. fixes for an old GCC). */
  extraFlags: string[];
}

const DEBIAN_FRAMEWORK = '/usr/share/arduino/hardware/arduino/avr';

/**
 * A GCC's version without starting it (a process per build otherwise): the directory name under
 * `<prefix>/lib/gcc/<target>/`, which is what `-dumpversion` prints; started only when that is not there.
 */
export function gccVersion(gcc: string, target: string): string {
  return (
    gccLayoutVersion(dirname(realpathSync(gcc)), target) ??
    spawnSync(gcc, ['-dumpversion'], { encoding: 'utf8', env: childEnv() }).stdout.trim()
  );
}

/**
 * The version GCC's installation names, `<bin>/../lib/gcc/<target>/<version>` (no process started),
 * when there is exactly one; `target` undefined: the only target there.
 */
export function gccLayoutVersion(binDir: string, target: string | undefined): string | undefined {
  const gccDir = join(binDir, '..', 'lib', 'gcc');
  try {
    const targets = target === undefined ? readdirSync(gccDir) : [target];
    if (targets.length !== 1) return undefined;
    const dirs = readdirSync(join(gccDir, targets[0]!)).filter((d) => /^\d+(\.\d+)*$/.test(d));
    return dirs.length === 1 ? dirs[0] : undefined;
  } catch {
    return undefined; // not the usual layout
  }
}

/** The Debian packages: `gcc-avr`, `binutils-avr`, `avr-libc` and `arduino-core-avr`. */
export function systemAvrToolchain(env: NodeJS.ProcessEnv = process.env): AvrToolchain {
  const tools = Object.fromEntries(
    ['avr-gcc', 'avr-g++', 'avr-gcc-ar', 'avr-gcc-ranlib', 'avr-objcopy', 'avr-size'].map((t) => [t, onPath(t, env)]),
  );
  const missing = Object.entries(tools)
    .filter(([, p]) => !p)
    .map(([t]) => t);
  if (missing.length) {
    throw new UserError(
      `${missing.join(', ')} not found on PATH; install the AVR toolchain (apt-get install gcc-avr binutils-avr avr-libc arduino-core-avr)`,
    );
  }
  const frameworkDir = env.FBUILD_ARDUINO_AVR_DIR ?? DEBIAN_FRAMEWORK;
  if (!existsSync(join(frameworkDir, 'cores', 'arduino', 'Arduino.h'))) {
    throw new UserError(
      `the Arduino AVR core is not installed (no ${frameworkDir}/cores/arduino); install it (apt-get install arduino-core-avr)`,
    );
  }
  const version = gccVersion(tools['avr-gcc']!, 'avr');
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: 'system',
    description: `system avr-gcc ${version} (${tools['avr-gcc']}) with the Arduino core in ${frameworkDir}`,
    gcc: tools['avr-gcc']!,
    gxx: tools['avr-g++']!,
    ar: tools['avr-gcc-ar']!,
    ranlib: tools['avr-gcc-ranlib']!,
    objcopy: tools['avr-objcopy']!,
    size: tools['avr-size']!,
    gccMajor,
    frameworkDir,
    // GCC < 7's <float.h> defines DECIMAL_DIG for C99 only; the core's WString.cpp needs it in C++.
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ['-DDECIMAL_DIG=__DECIMAL_DIG__'] : [],
  };
}

import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
  appendFileSync,
  symlinkSync,
  existsSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

export const ARDUINO_AVR = '/usr/share/arduino/hardware/arduino/avr';

/**
 * platform-atmelavr 5.2.0's board JSONs in the workplace's shared data, which sits beside the
 * repository (`../shared/pio-data`) on a developer's machine and in CI; FBUILD_PIO_DATA overrides.
 */
export const SHARED_AVR_BOARDS_DIR = join(
  process.env.FBUILD_PIO_DATA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'pio-data'),
  'platform-atmelavr-5.2.0',
  'boards',
);

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'fbuild-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the Arduino core and the standard variant into `<root>/core` and `<root>/variant`. */
export function copyArduinoCore(root: string): void {
  cpSync(join(ARDUINO_AVR, 'cores', 'arduino'), join(root, 'core'), { recursive: true });
  cpSync(join(ARDUINO_AVR, 'variants', 'standard'), join(root, 'variant'), { recursive: true });
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

/** The uno compile flags of DESIGN.md §4 (plus the GCC < 7 fix for WString.cpp). */
export const UNO_COMMON = [
  '-mmcu=atmega328p',
  '-DF_CPU=16000000L',
  '-DARDUINO=10808',
  '-DARDUINO_AVR_UNO',
  '-DARDUINO_ARCH_AVR',
  '-Os',
  '-w',
  '-ffunction-sections',
  '-fdata-sections',
  '-MMD',
  '-flto',
  '-DDECIMAL_DIG=__DECIMAL_DIG__',
];
export const UNO_C = ['-std=gnu11', '-fno-fat-lto-objects'];
export const UNO_CXX = ['-std=gnu++11', '-fpermissive', '-fno-exceptions', '-fno-threadsafe-statics'];

/** The compile command (without the compiler) for one core source, relative to the workspace. */
export function unoCompileArgs(source: string, object: string, includes = ['core', 'variant']): string[] {
  const lang = source.endsWith('.c')
    ? ['-x', 'c', ...UNO_C]
    : source.endsWith('.S')
      ? ['-x', 'assembler-with-cpp']
      : ['-x', 'c++', ...UNO_CXX];
  return ['-c', ...UNO_COMMON, ...lang, `-frandom-seed=${object}`, ...includes.map((i) => `-I${i}`), source, '-o', object];
}

export function runDirect(compiler: string, args: string[], cwd: string): { exitCode: number; stdout: Buffer; stderr: Buffer } {
  const r = spawnSync(compiler, args, { cwd });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Another avr-gcc, different by content: a copy of the driver with one byte appended, in a tree
 * that links to the installed compiler's libraries (the driver finds them relative to itself).
 */
export function makeOtherCompiler(root: string): string {
  mkdirSync(join(root, 'bin'), { recursive: true });
  mkdirSync(join(root, 'lib', 'gcc'), { recursive: true });
  const driver = join(root, 'bin', 'avr-gcc');
  copyFileSync('/usr/bin/avr-gcc', driver);
  appendFileSync(driver, Buffer.from([0]));
  if (!existsSync(join(root, 'lib', 'gcc', 'avr'))) symlinkSync('/usr/lib/gcc/avr', join(root, 'lib', 'gcc', 'avr'));
  if (!existsSync(join(root, 'lib', 'avr'))) symlinkSync('/usr/lib/avr', join(root, 'lib', 'avr'));
  return driver;
}

/** A package manifest entry for an archive made by a test, checksummed as the real manifest is. */
export function manifestEntry(name: string, version: string, file: string, host: string) {
  const body = readFileSync(file);
  const archiveFileName = file.split('/').pop()!;
  return {
    name,
    version,
    source: 'made by the test',
    systems: [
      {
        host,
        url: `https://downloads.invalid/${archiveFileName}`,
        archiveFileName,
        size: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
      },
    ],
  };
}

/**
 * A package mirror on 127.0.0.1: serves `files` by name under /mirror/, records every request.
 * `url(path)` is the address of a path on it (e.g. `/mirror` for FBUILD_PACKAGE_MIRROR).
 */
export async function startMirror(): Promise<{
  files: Record<string, Buffer>;
  requests: string[];
  url: (path: string) => string;
  close: () => void;
}> {
  const files: Record<string, Buffer> = {};
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const [, dir, name] = (req.url ?? '').split('/');
    const body = dir === 'mirror' ? files[name ?? ''] : undefined;
    if (body) res.writeHead(200, { 'content-length': body.length }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    files,
    requests,
    url: (path) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

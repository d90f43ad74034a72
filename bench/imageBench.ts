// The esp32 image write (issue 25): fbuild's in-process elf2image and partition table against
// esptool 5.1.0 and gen_esp32part.py run as the Arduino build runs them (a process each), where
// those are on this machine. Same input (a 166 KB image from the test helper's flash-mapped ELF),
// same arguments as pioarduino passes for esp32dev; the outputs are checked equal before timing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { elf2image } from '../server/targets/esp32/appImage.ts';
import { partitionTableFromCsv } from '../server/targets/esp32/partitionTable.ts';
import { TEST_ELVES } from '../test/helpers/esp32Elf.ts';
import { fmtMs, median, runProcess, table, timeRuns } from './harness.ts';

const ARGS = ['--flash-mode', 'dio', '--flash-freq', '40m', '--flash-size', '4MB', '--elf-sha256-offset', '0xb0'];
const OPTIONS = { flashMode: 'dio', flashFreq: '40m', flashSize: '4MB', elfSha256Offset: 0xb0 };

/** `$FBUILD_BENCH_ESPTOOL` (a command), else esptool or esptool.py on PATH. */
function findEsptool(): string | undefined {
  if (process.env.FBUILD_BENCH_ESPTOOL) return process.env.FBUILD_BENCH_ESPTOOL;
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of ['esptool', 'esptool.py']) if (dir && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

export async function imageBench(root: string, iterations: number): Promise<string> {
  const elf = join(root, 'image-bench.elf');
  writeFileSync(elf, TEST_ELVES['flash-mapped']!.elf());
  const csv = join(root, 'image-bench.csv');
  writeFileSync(
    csv,
    'nvs,data,nvs,0x9000,0x5000,\notadata,data,ota,0xe000,0x2000,\napp0,app,ota_0,0x10000,0x140000,\napp1,app,ota_1,0x150000,0x140000,\nspiffs,data,spiffs,0x290000,0x160000,\n',
  );
  const runs = Math.max(iterations, 10);
  const rows: (string | number)[][] = [];

  const own = await timeRuns(runs, async () => writeFileSync(join(root, 'fbuild.bin'), elf2image(readFileSync(elf), OPTIONS, elf)));
  rows.push(['app image (elf2image)', 'fbuild, in-process', fmtMs(median(own)), runs]);
  const table_ = await timeRuns(runs, async () =>
    writeFileSync(join(root, 'fbuild-partitions.bin'), partitionTableFromCsv(readFileSync(csv, 'utf8'), csv)),
  );
  rows.push(['partition table', 'fbuild, in-process', fmtMs(median(table_)), runs]);

  const notes: string[] = [];
  const esptool = findEsptool();
  if (esptool) {
    const out = join(root, 'esptool.bin');
    execFileSync(esptool, ['--chip', 'esp32', 'elf2image', ...ARGS, '-o', out, elf], { stdio: 'ignore' });
    if (!readFileSync(out).equals(readFileSync(join(root, 'fbuild.bin'))))
      throw new Error('image bench: esptool and fbuild wrote different images');
    const times = await timeRuns(runs, () =>
      runProcess(esptool, ['--chip', 'esp32', 'elf2image', ...ARGS, '-o', out, elf], root).then(() => undefined),
    );
    rows.push(['app image (elf2image)', `esptool (${esptool}), a process`, fmtMs(median(times)), runs]);
    notes.push(`fbuild is ${(median(times) / median(own)).toFixed(0)}× faster per app image (the same bytes, checked).`);
  } else {
    const line =
      'esptool is not on this machine (set FBUILD_BENCH_ESPTOOL to a command that runs esptool 5.1.0): the esptool comparison is skipped.';
    process.stderr.write(`image bench: ${line}\n`);
    notes.push(line);
  }
  const genPart = process.env.FBUILD_BENCH_GEN_ESP32PART;
  if (genPart) {
    const out = join(root, 'gen.bin');
    const python = process.env.FBUILD_BENCH_PYTHON ?? 'python3';
    execFileSync(python, [genPart, '-q', csv, out]);
    if (!readFileSync(out).equals(readFileSync(join(root, 'fbuild-partitions.bin'))))
      throw new Error('image bench: gen_esp32part.py and fbuild wrote different tables');
    const times = await timeRuns(runs, () => runProcess(python, [genPart, '-q', csv, out], root).then(() => undefined));
    rows.push(['partition table', `gen_esp32part.py (${python}), a process`, fmtMs(median(times)), runs]);
  } else
    notes.push(
      'FBUILD_BENCH_GEN_ESP32PART is not set (a gen_esp32part.py to run with python3): the partition table comparison is skipped.',
    );

  return ['## esp32 image write', '', table(['what', 'writer', 'median', 'runs'], rows), '', ...notes.map((n) => `- ${n}`), ''].join('\n');
}

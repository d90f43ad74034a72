// An esp32 packages dir in PlatformIO's layout, built with a REAL Xtensa compiler: Debian's
// gcc-xtensa-lx106 12.2 and binutils-xtensa-lx106 (the ESP8266's configuration of GCC, not the
// ESP32's). It compiles, archives and links real Xtensa objects into a real ELF at ESP32 addresses;
// it cannot make a firmware that runs on an ESP32 (other core configuration, no ESP-IDF, test linker
// scripts), and none is run. See docs/ESP32.md.
//
// The libs package's pioarduino-build.py is written in the format esp32-arduino-lib-builder's
// tools/copy-libs.sh generates (the same statements, one item a line), filled with the flag lists of
// test/golden/esp32dev-facts.json, adapted to lx106 GCC as LX106 says. The toolchain's programs are
// small shell scripts that record their arguments (so tests can check the command lines) and then
// run the Debian tool; the SDK's precompiled libraries and its linker scripts are made here too.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { TEST_ELVES } from './esp32Elf.ts';

export const facts = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'golden', 'esp32dev-facts.json'), 'utf8'));

/**
 * How the golden esp32 flags meet Debian's lx106 GCC: it rejects `-mdisable-hardware-atomics` (an
 * option of Espressif's ESP32 GCC only; every other flag of the lists is accepted), and it has no C
 * library or libstdc++, so the link adds `-nostdlib` (the test framework needs neither).
 */
export const LX106 = { dropped: ['-mdisable-hardware-atomics'], linkAdded: ['-nostdlib'] };
const forLx106 = (flags: string[]) => flags.filter((f) => !LX106.dropped.includes(f));

/** The images golden file: the default table's CSV and the recorded hashes of esptool's and gen_esp32part's outputs. */
export const imagesGolden = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'golden', 'esp32-images.json'), 'utf8'));
export const DEFAULT_CSV = (imagesGolden.partitions as { name: string; csv: string; sha256: string }[]).find(
  (p) => p.name === 'default-like',
)!;
export const BOOTLOADER_IMAGE_SHA256 = (imagesGolden.images as { elf: string; args: string[]; sha256: string }[]).find(
  (c) => c.elf === 'bootloader-like' && c.args.join(' ') === '--flash-mode dio --flash-freq 40m --flash-size 4MB',
)!.sha256;

/** The Debian tools the packages' programs run. */
export const XTENSA_TOOLS = {
  gcc: '/usr/bin/xtensa-lx106-elf-gcc',
  'g++': '/usr/bin/xtensa-lx106-elf-g++',
  'gcc-ar': '/usr/bin/xtensa-lx106-elf-gcc-ar',
  size: '/usr/bin/xtensa-lx106-elf-size',
};

const py = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const pySingle = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Framework include dirs of the fixture (a few, as the real list has ~300). */
export const SDK_INCLUDES = [
  ['newlib', 'platform_include'],
  ['freertos', 'config', 'include'],
  ['esp_common', 'include'],
];
// The real list ends with the toolchain's own libraries; -lgcc is the one the test framework needs (-nostdlib drops it).
export const SDK_LIBS = ['-lxtensa', '-lesp_driver_gpio', '-lesp_pm', '-lmbedtls', '-lgcc'];

export function libsBuildScript(): string {
  const c = facts.compile;
  const link: string[] = facts.link.linkflags;
  const list = (key: string, items: string[]) => `    ${key}=[\n${items.map((i) => `        ${i}`).join(',\n')}\n    ],\n`;
  const memoryType = 'board_config.get("build.arduino.memory_type", (board_config.get("build.flash_mode", "dio") + "_qspi"))';
  const define = (d: string) => {
    const eq = d.indexOf('=');
    if (eq < 0) return py(d);
    const value = d.slice(eq + 1);
    return `(${py(d.slice(0, eq))}, ${/^[+-]?\d+(\.\d+)?$/.test(value) ? value : pySingle(value)})`;
  };
  const idfDefines: string[] = c.defines.slice(0, c.defines.indexOf('ARDUINO_ARCH_ESP32'));
  return [
    '"""\nArduino\n"""\n',
    'from os.path import basename, join\n',
    'from SCons.Script import DefaultEnvironment\n',
    'env = DefaultEnvironment()\n',
    'FRAMEWORK_DIR = env.PioPlatform().get_package_dir("framework-arduinoespressif32")',
    'FRAMEWORK_SDK_DIR = env.PioPlatform().get_package_dir(\n    "framework-arduinoespressif32-libs"\n)\n',
    'board_config = env.BoardConfig()\n',
    "flatten_cppdefines = env.Flatten(env['CPPDEFINES'])\n",
    '#\n# zigbee libs\n#',
    'if "ZIGBEE_MODE_ED" in flatten_cppdefines:\n    env.Append(\n        LIBS=[\n            "-lesp_zb_api.ed",\n            "-lzboss_stack.ed"\n        ]\n    )\n',
    'env.Append(',
    list('ASFLAGS', forLx106(c.asflags).map(py)) +
      list('ASPPFLAGS', [...forLx106(c.asflags), '-x', 'assembler-with-cpp'].map(py)) +
      list('CFLAGS', forLx106(c.cflags).map(py)) +
      list('CXXFLAGS', forLx106(c.cxxflags).map(py)) +
      list('CCFLAGS', forLx106(c.ccflags).map(py)) +
      list('LINKFLAGS', [
        ...[...forLx106(link.slice(0, -1)), ...LX106.linkAdded].map(py),
        `'-Wl,-Map="%s"' % join("\${BUILD_DIR}", "\${PROGNAME}.map")`,
      ]) +
      list('CPPPATH', [
        ...SDK_INCLUDES.map((parts) => `join(FRAMEWORK_SDK_DIR, "esp32", "include", ${parts.map(py).join(', ')})`),
        `join(FRAMEWORK_SDK_DIR, "esp32", ${memoryType}, "include")`,
        'join(FRAMEWORK_DIR, "cores", board_config.get("build.core"))',
      ]) +
      list('LIBPATH', [
        'join(FRAMEWORK_SDK_DIR, "esp32", "lib")',
        'join(FRAMEWORK_SDK_DIR, "esp32", "ld")',
        `join(FRAMEWORK_SDK_DIR, "esp32", ${memoryType})`,
      ]) +
      `    LIBS=[\n        ${SDK_LIBS.map(py).join(', ')}\n    ],\n\n` +
      `    CPPDEFINES=[\n${idfDefines.map((d) => `        ${define(d)},`).join('\n')}\n` +
      [
        '        "ARDUINO_ARCH_ESP32",',
        '        ("ESP32", "ESP32"),',
        '        ("F_CPU", "$BOARD_F_CPU"),',
        '        ("ARDUINO", 10812),',
        `        ("ARDUINO_VARIANT", '\\\\"%s\\\\"' % board_config.get("build.variant").replace('"', "")),`,
        `        ("ARDUINO_BOARD", '\\\\"%s\\\\"' % board_config.get("name").replace('"', "")),`,
        '        "ARDUINO_PARTITION_%s" % basename(board_config.get(',
        '            "build.partitions", "default.csv")).replace(".csv", "").replace("-", "_")',
        '    ]',
        ')',
      ].join('\n') +
      '\n',
  ].join('\n');
}

// Records "$0" and every argument, NUL-separated, one file per call (not fbuild's compiler probe, -E),
// then runs the real tool.
const recordAndRun = (what: string, tool: string) => `#!/bin/sh
# ${what} (tests only): records the call, then runs Debian's ${tool}.
case " $* " in *" -E "*) exec ${tool} "$@";; esac
rec=$(mktemp "$FBUILD_TEST_TOOL_LOG/call.XXXXXX"); printf '%s\\0' "$0" "$@" > "$rec"
exec ${tool} "$@"
`;

/** Memory at the ESP32's addresses (ESP-IDF's esp32 memory.ld regions, sizes rounded). */
const MEMORY_LD = `/* test linker script: the ESP32's memory regions */
MEMORY
{
  iram0_0_seg (RX) : org = 0x40080000, len = 0x20000
  dram0_0_seg (RW) : org = 0x3FFB0000, len = 0x2C200
  drom0_0_seg (R) : org = 0x3F400020, len = 0x400000 - 0x20
  irom0_0_seg (RX) : org = 0x400D0020, len = 0x330000 - 0x20
}
`;

/** Output sections named and placed as ESP-IDF's esp32 sections.ld names them. */
const SECTIONS_LD = `/* test linker script: ESP-IDF's output section names at ESP32 addresses */
ENTRY(call_start_cpu0)
SECTIONS
{
  .iram0.vectors : { KEEP(*(.WindowVectors.text)) } > iram0_0_seg
  .iram0.text : { *(.iram1.literal .iram1.*.literal) *(.iram1 .iram1.*) } > iram0_0_seg
  .dram0.data : { *(.data .data.* .sdata .sdata.* .dram1 .dram1.*) } > dram0_0_seg
  .noinit (NOLOAD) : { *(.noinit .noinit.*) } > dram0_0_seg
  .dram0.bss (NOLOAD) : ALIGN(8) { *(.bss .bss.* .sbss .sbss.* COMMON) } > dram0_0_seg
  .flash.appdesc : { KEEP(*(.rodata_desc .rodata_desc.*)) } > drom0_0_seg
  .flash.rodata : ALIGN(0x10) { *(.rodata .rodata.* .srodata .srodata.*) KEEP(*(.init_array .init_array.*)) *(.eh_frame) *(.gcc_except_table .gcc_except_table.*) } > drom0_0_seg
  .flash.text : { *(.literal .literal.*) *(.text .text.*) } > irom0_0_seg
  .xt.prop 0 : { KEEP(*(.xt.prop .xt.prop.* .gnu.linkonce.prop.*)) }
  .xt.lit 0 : { KEEP(*(.xt.lit .xt.lit.* .gnu.linkonce.p.*)) }
  .xtensa.info 0 : { *(.xtensa.info) }
  .comment 0 : { *(.comment) }
  .debug_aranges 0 : { *(.debug_aranges) }
  .debug_info 0 : { *(.debug_info) }
  .debug_abbrev 0 : { *(.debug_abbrev) }
  .debug_line 0 : { *(.debug_line) }
  .debug_frame 0 : { *(.debug_frame) }
  .debug_str 0 : { *(.debug_str) }
  .debug_line_str 0 : { *(.debug_line_str) }
  .debug_loc 0 : { *(.debug_loc) }
  .debug_ranges 0 : { *(.debug_ranges) }
  .debug_rnglists 0 : { *(.debug_rnglists) }
  .debug_loclists 0 : { *(.debug_loclists) }
  .debug_macro 0 : { *(.debug_macro) }
}
`;

/** The SDK's precompiled libraries (SDK_LIBS), real Xtensa archives: startup, the app descriptor, drivers. */
const SDK_SOURCES: Record<string, Record<string, string>> = {
  xtensa: {
    'startup.c':
      'extern void app_main(void);\n' +
      'void __attribute__((section(".WindowVectors.text"))) _WindowOverflow4(void) {}\n' +
      'void __attribute__((section(".iram1.start"), noreturn)) call_start_cpu0(void) { app_main(); for (;;) {} }\n',
    // esp_app_desc_t's size and its two fixed fields: the magic word, and the ELF SHA-256 at 0x90 left zero.
    'app_desc.c':
      'const unsigned char esp_app_desc[256] __attribute__((section(".rodata_desc"), used, aligned(16))) = {\n' +
      "  0x32, 0x54, 0xcd, 0xab, [0x10] = '3', '.', '3', '.', '1', [0x30] = 'a', 'r', 'd', 'u', 'i', 'n', 'o' };\n",
  },
  esp_driver_gpio: {
    'gpio.c':
      'volatile unsigned *const gpio_out = (unsigned *)0x3ff44004;\nvoid gpio_set(int pin, int on) { if (on) *gpio_out |= 1u << pin; else *gpio_out &= ~(1u << pin); }\n',
  },
  esp_pm: { 'pm.c': 'int esp_pm_level = 3;\nint esp_pm_get(void) { return esp_pm_level; }\n' },
  mbedtls: { 'sha.c': 'unsigned mbedtls_mix(unsigned a, unsigned b) { return (a << 5) ^ (b >> 3) ^ 0x9e3779b9u; }\n' },
};

function buildSdkLibraries(libDir: string, workDir: string): void {
  mkdirSync(libDir, { recursive: true });
  for (const [lib, sources] of Object.entries(SDK_SOURCES)) {
    const objects = Object.entries(sources).map(([name, text]) => {
      const src = join(workDir, lib, name);
      write(src, text);
      const obj = `${src}.o`;
      execFileSync(XTENSA_TOOLS.gcc, ['-Os', '-mlongcalls', '-ffunction-sections', '-fdata-sections', '-c', src, '-o', obj]);
      return obj;
    });
    execFileSync(XTENSA_TOOLS['gcc-ar'], ['rcD', join(libDir, `lib${lib}.a`), ...objects]);
  }
}

function write(path: string, text: string | Buffer, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mode) chmodSync(path, mode);
}

/** The ESP32's ROM and peripheral linker scripts that LINKFLAGS names: present, and empty here. */
const EMPTY_SCRIPTS = [
  'esp32.rom.redefined.ld',
  'esp32.peripherals.ld',
  'esp32.rom.ld',
  'esp32.rom.api.ld',
  'esp32.rom.libgcc.ld',
  'esp32.rom.newlib-data.ld',
  'esp32.rom.syscalls.ld',
];

/** Makes the packages dir under `dir`; returns it and where the toolchain's programs record their calls. */
export function makeEsp32Packages(dir: string): { packagesDir: string; logDir: string } {
  const packagesDir = join(dir, 'pio-packages');
  const logDir = join(dir, 'tool-log');
  mkdirSync(logDir, { recursive: true });
  const tc = join(packagesDir, 'toolchain-xtensa-esp-elf', 'bin');
  for (const tool of ['gcc', 'g++', 'gcc-ar', 'size'] as const)
    write(join(tc, `xtensa-esp32-elf-${tool}`), recordAndRun(`xtensa-esp32-elf-${tool}`, XTENSA_TOOLS[tool]), 0o755);

  const sdk = join(packagesDir, 'framework-arduinoespressif32-libs', 'esp32');
  write(join(sdk, 'pioarduino-build.py'), libsBuildScript());
  // The prebuilt bootloader: the hand-built ELF whose image esptool's hash is recorded for.
  write(join(sdk, 'bin', 'bootloader_dio_40m.elf'), TEST_ELVES['bootloader-like']!.elf());
  write(join(sdk, 'dio_qspi', 'include', 'sdkconfig.h'), '#define CONFIG_FREERTOS_HZ 1000\n');
  for (const parts of SDK_INCLUDES) mkdirSync(join(sdk, 'include', ...parts), { recursive: true });
  for (const name of EMPTY_SCRIPTS) write(join(sdk, 'ld', name), `/* ${name}: empty in the test packages */\n`);
  write(join(sdk, 'ld', 'memory.ld'), MEMORY_LD);
  write(join(sdk, 'ld', 'sections.ld'), SECTIONS_LD);
  buildSdkLibraries(join(sdk, 'lib'), join(dir, 'sdk-build'));

  const fw = join(packagesDir, 'framework-arduinoespressif32');
  write(
    join(fw, 'cores', 'esp32', 'Arduino.h'),
    '#pragma once\n#include "pins_arduino.h"\n#ifdef __cplusplus\nextern "C" {\n#endif\n' +
      'void setup(void);\nvoid loop(void);\nvoid digitalWrite(int pin, int value);\nunsigned long millis(void);\n' +
      '#ifdef __cplusplus\n}\n#endif\n',
  );
  write(join(fw, 'cores', 'esp32', 'main.cpp'), '#include "Arduino.h"\nextern "C" void app_main(void) { setup(); for (;;) loop(); }\n');
  write(
    join(fw, 'cores', 'esp32', 'esp32-hal-misc.c'),
    '#include "Arduino.h"\nextern void gpio_set(int pin, int on);\nvolatile unsigned long ticks;\n' +
      'unsigned long millis(void) { return ticks; }\nvoid digitalWrite(int pin, int value) { gpio_set(pin, value); }\nint hal_ready(void) { return 1; }\n',
  );
  write(join(fw, 'cores', 'esp32', 'libb64', 'cencode.c'), 'int b64(int x) { return (x * 4 + 2) / 3; }\n');
  write(join(fw, 'variants', 'esp32', 'pins_arduino.h'), '#pragma once\n#define LED_BUILTIN 2\n');
  write(join(fw, 'libraries', 'Preferences', 'src', 'Preferences.h'), '#pragma once\nint prefs(void);\n');
  write(join(fw, 'libraries', 'Preferences', 'src', 'Preferences.cpp'), '#include "Preferences.h"\nint prefs(void) { return 1; }\n');
  // The table gen_esp32part.py's output hash is recorded for (test/golden/esp32-images.json).
  write(join(fw, 'tools', 'partitions', 'default.csv'), DEFAULT_CSV.csv);
  write(join(fw, 'tools', 'partitions', 'boot_app0.bin'), Buffer.alloc(0x2000, 0xff));
  return { packagesDir, logDir };
}

/** The recorded calls (in no particular order): argv[0] is the tool's path. */
export function recordedCalls(logDir: string): string[][] {
  return readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8').split('\0').slice(0, -1));
}

/**
 * PATH as a runner without these programs would have it (a hosted runner has Python, but not every
 * runner does, and none has esptool): each PATH directory that holds one of `names` is replaced by a
 * directory under `shadowRoot` of links to everything else in it.
 */
export function pathWithout(names: string[], shadowRoot: string, path = process.env.PATH ?? ''): string {
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir, i) => {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return dir;
      }
      const hidden = (e: string) => names.includes(e) || names.some((n) => new RegExp(`^${n.replace(/\./g, '\\.')}[0-9.]*$`).test(e));
      if (!entries.some(hidden)) return dir;
      const shadow = join(shadowRoot, `path-${i}`);
      mkdirSync(shadow, { recursive: true });
      for (const e of entries) if (!hidden(e)) symlinkSync(join(dir, e), join(shadow, e));
      return shadow;
    })
    .join(delimiter);
}

// An esp32 packages dir in PlatformIO's layout, for tests on a machine with no Xtensa toolchain.
//
// The libs package's pioarduino-build.py is written here in the format esp32-arduino-lib-builder's
// tools/copy-libs.sh generates (the same statements, one item a line), filled with the flag lists of
// test/golden/esp32dev-facts.json. The compiler, archiver, size tool and esptool are STAND-INS:
// shell scripts that record their arguments and write placeholder outputs. They let a test check
// the command lines fbuild runs and the caching of the whole pipeline; they compile nothing.
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const facts = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'golden', 'esp32dev-facts.json'), 'utf8'));

const py = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const pySingle = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Framework include dirs of the fixture (a few, as the real list has ~300). */
export const SDK_INCLUDES = [
  ['newlib', 'platform_include'],
  ['freertos', 'config', 'include'],
  ['esp_common', 'include'],
];
export const SDK_LIBS = ['-lxtensa', '-lesp_driver_gpio', '-lesp_pm', '-lmbedtls'];

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
    list('ASFLAGS', c.asflags.map(py)) +
      list('ASPPFLAGS', [...c.asflags, '-x', 'assembler-with-cpp'].map(py)) +
      list('CFLAGS', c.cflags.map(py)) +
      list('CXXFLAGS', c.cxxflags.map(py)) +
      list('CCFLAGS', c.ccflags.map(py)) +
      list('LINKFLAGS', [...link.slice(0, -1).map(py), `'-Wl,-Map="%s"' % join("\${BUILD_DIR}", "\${PROGNAME}.map")`]) +
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

// Records "$0" and every argument, NUL-separated, one file per call (not fbuild's compiler probe, -E -v).
const RECORD =
  'case " $* " in *" -E "*) exit 0;; esac; rec=$(mktemp "$FBUILD_TEST_TOOL_LOG/call.XXXXXX"); printf \'%s\\0\' "$0" "$@" > "$rec"';

const COMPILER = `#!/bin/sh
# STAND-IN for an Xtensa gcc/g++ (tests only): compiles nothing.
${RECORD}
out=; src=; prev=; compile=; mmd=; objs=
for a in "$@"; do
  [ "$prev" = "-o" ] && out=$a
  case "$a" in -c) compile=1;; -MMD|-MD) mmd=1;; *.c|*.cpp|*.S) src=$a;; *.o|*.a) [ "$prev" = "-o" ] || objs="$objs $a";; esac
  prev=$a
done
if [ -n "$compile" ]; then
  [ -f "$src" ] || { echo "$src: No such file or directory" >&2; exit 1; }
  if grep -q FBUILD_TEST_COMPILE_ERROR "$src"; then echo "$src:1:1: error: stand-in error" >&2; exit 1; fi
  { printf 'OBJ %s\\n' "$*"; cat "$src"; } > "$out"
  [ -n "$mmd" ] && printf '%s: %s\\n' "$out" "$src" > "\${out%.o}.d"
  exit 0
fi
for o in $objs; do [ -f "$o" ] || { echo "ld: cannot find $o" >&2; exit 1; }; done
{ printf 'ELF\\n'; cat $objs; } > "$out"
`;

const ARCHIVER = `#!/bin/sh
# STAND-IN for xtensa-esp32-elf-gcc-ar (tests only).
${RECORD}
[ "$1" = "rc" ] || exit 2
archive=$2; shift 2
for o in "$@"; do [ -f "$o" ] || exit 1; cat "$o" >> "$archive"; done
`;

// Sizes from the environment, so a test can make the firmware too big.
const SIZE = `#!/bin/sh
# STAND-IN for xtensa-esp32-elf-size -A -d (tests only).
${RECORD}
elf=; for a in "$@"; do elf=$a; done
[ -f "$elf" ] || exit 1
echo "$elf  :"
echo "section                 size         addr"
echo ".iram0.vectors          1027   1074266112"
echo ".iram0.text            \${FBUILD_TEST_IRAM_TEXT:-60000}   1074267140"
echo ".dram0.data            12000   1073470304"
echo ".dram0.bss             24000   1073482304"
echo ".flash.text           190000   1074593824"
echo ".flash.rodata          50000   1061158944"
echo ".debug_info           900000            0"
echo "Total                1237027"
`;

const ESPTOOL = `#!/bin/sh
# STAND-IN for esptool (tests only).
${RECORD}
out=; prev=; last=
for a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; last=$a; done
[ -f "$last" ] || { echo "esptool: $last not found" >&2; exit 1; }
{ printf 'IMAGE\\n'; cat "$last"; } > "$out"
`;

const GEN_PART = `# STAND-IN for gen_esp32part.py (tests only).
import sys
args = [a for a in sys.argv[1:] if a != '-q']
with open(args[0]) as f, open(args[1], 'w') as out:
    out.write('PARTITIONS\\n' + f.read())
`;

function write(path: string, text: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mode) chmodSync(path, mode);
}

/** Makes the packages dir under `dir`; returns it and where each stand-in records its calls. */
export function makeEsp32Packages(dir: string): { packagesDir: string; logDir: string; esptool: string } {
  const packagesDir = join(dir, 'pio-packages');
  const logDir = join(dir, 'tool-log');
  mkdirSync(logDir, { recursive: true });
  const tc = join(packagesDir, 'toolchain-xtensa-esp-elf', 'bin');
  for (const tool of ['gcc', 'g++']) write(join(tc, `xtensa-esp32-elf-${tool}`), COMPILER, 0o755);
  write(join(tc, 'xtensa-esp32-elf-gcc-ar'), ARCHIVER, 0o755);
  write(join(tc, 'xtensa-esp32-elf-size'), SIZE, 0o755);
  const esptool = join(packagesDir, 'tool-esptoolpy', 'esptool');
  write(esptool, ESPTOOL, 0o755);

  const sdk = join(packagesDir, 'framework-arduinoespressif32-libs', 'esp32');
  write(join(sdk, 'pioarduino-build.py'), libsBuildScript());
  write(join(sdk, 'bin', 'bootloader_dio_40m.elf'), 'BOOTLOADER ELF\n');
  write(join(sdk, 'dio_qspi', 'include', 'sdkconfig.h'), '#define CONFIG_FREERTOS_HZ 1000\n');

  const fw = join(packagesDir, 'framework-arduinoespressif32');
  write(join(fw, 'cores', 'esp32', 'Arduino.h'), '#pragma once\nvoid setup(void);\nvoid loop(void);\n');
  write(join(fw, 'cores', 'esp32', 'main.cpp'), '#include "Arduino.h"\nextern "C" void app_main(void) { setup(); for (;;) loop(); }\n');
  write(join(fw, 'cores', 'esp32', 'esp32-hal-misc.c'), 'int hal_ready(void) { return 1; }\n');
  write(join(fw, 'cores', 'esp32', 'libb64', 'cencode.c'), 'int b64(void) { return 64; }\n');
  write(join(fw, 'variants', 'esp32', 'pins_arduino.h'), '#define LED_BUILTIN 2\n');
  write(join(fw, 'libraries', 'Preferences', 'src', 'Preferences.h'), '#pragma once\nint prefs(void);\n');
  write(join(fw, 'libraries', 'Preferences', 'src', 'Preferences.cpp'), '#include "Preferences.h"\nint prefs(void) { return 1; }\n');
  write(join(fw, 'tools', 'partitions', 'default.csv'), (facts.partitionsCsv as string[][]).map((r) => r.join(',')).join('\n') + '\n');
  write(join(fw, 'tools', 'partitions', 'boot_app0.bin'), 'BOOT APP0\n');
  write(join(fw, 'tools', 'gen_esp32part.py'), GEN_PART);
  return { packagesDir, logDir, esptool };
}

/** The recorded calls (in no particular order): argv[0] is the tool's path. */
export function recordedCalls(logDir: string): string[][] {
  return readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8').split('\0').slice(0, -1));
}

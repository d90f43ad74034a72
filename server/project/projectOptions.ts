/**
 * The options PlatformIO Core 6.1.18 knows (platformio/project/options.py, ProjectOptions) and
 * what `${section.option}` expands to when no section sets one: ProjectConfigBase.getraw falls back
 * to the option's `default`, and get() casts it (a bool prints as `True`/`False`) and joins a
 * `multiple` option's items with newlines; an option with no default is `None` there, which a
 * reference prints as `None` (a single value) or nothing (a list).
 */

/** Every env option of PlatformIO Core 6.1.18 (project/options.py), with the old names it still reads. */
export const KNOWN_ENV_KEYS: ReadonlySet<string> = new Set([
  'platform',
  'platform_packages',
  'board',
  'framework',
  'board_build.mcu',
  'board_build.f_cpu',
  'board_build.f_flash',
  'board_build.flash_mode',
  'build_type',
  'build_flags',
  'build_src_flags',
  'build_unflags',
  'build_src_filter',
  'targets',
  'upload_port',
  'upload_protocol',
  'upload_speed',
  'upload_flags',
  'upload_resetmethod',
  'upload_command',
  'monitor_port',
  'monitor_speed',
  'monitor_parity',
  'monitor_filters',
  'monitor_rts',
  'monitor_dtr',
  'monitor_eol',
  'monitor_raw',
  'monitor_echo',
  'monitor_encoding',
  'lib_deps',
  'lib_ignore',
  'lib_extra_dirs',
  'lib_ldf_mode',
  'lib_compat_mode',
  'lib_archive',
  'check_tool',
  'check_src_filters',
  'check_flags',
  'check_severity',
  'check_skip_packages',
  'test_framework',
  'test_filter',
  'test_ignore',
  'test_port',
  'test_speed',
  'test_build_src',
  'test_testing_command',
  'debug_tool',
  'debug_build_flags',
  'debug_init_break',
  'debug_init_cmds',
  'debug_extra_cmds',
  'debug_load_cmds',
  'debug_load_mode',
  'debug_server',
  'debug_port',
  'debug_speed',
  'debug_svd_path',
  'debug_server_ready_pattern',
  'debug_test',
  'extends',
  'extra_scripts',
  // old names
  'board_mcu',
  'board_f_cpu',
  'board_f_flash',
  'board_flash_mode',
  'src_build_flags',
  'src_filter',
  'monitor_baud',
  'check_patterns',
  'test_build_project_src',
  'extra_script',
]);

/** `multiple=True` env options: with no default, a reference to one expands to nothing. */
const MULTIPLE_ENV_OPTIONS: ReadonlySet<string> = new Set([
  'platform_packages',
  'framework',
  'build_flags',
  'build_src_flags',
  'build_unflags',
  'build_src_filter',
  'targets',
  'upload_flags',
  'monitor_filters',
  'lib_deps',
  'lib_ignore',
  'lib_extra_dirs',
  'check_tool',
  'check_src_filters',
  'check_flags',
  'check_severity',
  'test_filter',
  'test_ignore',
  'test_testing_command',
  'debug_build_flags',
  'debug_init_cmds',
  'debug_extra_cmds',
  'debug_load_cmds',
  'debug_server',
  'extends',
  'extra_scripts',
]);

/** The env options options.py gives a default, as a reference prints it (lists one item a line). */
const ENV_OPTION_DEFAULTS: Readonly<Record<string, string>> = {
  build_type: 'release',
  build_src_filter: '+<*> -<.git/> -<.svn/>',
  monitor_speed: '9600',
  monitor_parity: 'N',
  monitor_eol: 'CRLF',
  monitor_raw: 'False',
  monitor_echo: 'False',
  monitor_encoding: 'UTF-8',
  lib_ldf_mode: 'chain',
  lib_compat_mode: 'soft',
  lib_archive: 'True',
  check_tool: 'cppcheck',
  check_severity: 'low\nmedium\nhigh',
  check_skip_packages: 'False',
  test_framework: 'unity',
  test_speed: '115200',
  test_build_src: 'False',
  debug_build_flags: '-Og\n-g2\n-ggdb2',
  debug_init_break: 'tbreak main',
  debug_load_cmds: 'load',
  debug_load_mode: 'always',
};

/** The old names options.py still reads (`oldnames`), by new name. */
const OLD_NAMES: Readonly<Record<string, string>> = {
  'board_build.mcu': 'board_mcu',
  'board_build.f_cpu': 'board_f_cpu',
  'board_build.f_flash': 'board_f_flash',
  'board_build.flash_mode': 'board_flash_mode',
  build_src_flags: 'src_build_flags',
  build_src_filter: 'src_filter',
  monitor_speed: 'monitor_baud',
  check_src_filters: 'check_patterns',
  test_build_src: 'test_build_project_src',
  extra_scripts: 'extra_script',
};

/** Env options of type click.BOOL: a reference prints the cast value, `True` or `False`. */
const BOOL_ENV_OPTIONS: ReadonlySet<string> = new Set([
  'monitor_raw',
  'monitor_echo',
  'lib_archive',
  'check_skip_packages',
  'test_build_src',
]);

/** The new name of a known env option, also when given by its old name; undefined for an unknown one. */
export function envOptionName(key: string): string | undefined {
  if (!KNOWN_ENV_KEYS.has(key)) return undefined;
  return Object.entries(OLD_NAMES).find(([, old]) => old === key)?.[0] ?? key;
}

/** What `${env.key}` expands to when no section of the chain sets `key`; undefined: PlatformIO does not know it. */
export function envOptionDefault(key: string): string | undefined {
  const name = envOptionName(key);
  if (name === undefined) return undefined;
  return ENV_OPTION_DEFAULTS[name] ?? (MULTIPLE_ENV_OPTIONS.has(name) ? '' : 'None');
}

/** A set value as a reference prints it: click.BOOL options cast to `True`/`False`, the rest as written. */
export function castEnvOptionValue(key: string, value: string): string {
  const name = envOptionName(key);
  if (name === undefined || !BOOL_ENV_OPTIONS.has(name)) return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 't', 'yes', 'y', 'on'].includes(v)) return 'True';
  if (['0', 'false', 'f', 'no', 'n', 'off'].includes(v)) return 'False';
  return value;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KNOWN_ENV_KEYS, parseProjectConfig, ProjectConfigError, readProjectConfig } from '../server/project/platformioIni.ts';

const PATH = '/proj/platformio.ini';

function parse(text: string, sysenv: NodeJS.ProcessEnv = {}) {
  return parseProjectConfig(text, PATH, sysenv);
}

/** Asserts that `fn` throws a ProjectConfigError whose message matches `pattern`; returns the message. */
function throwsConfig(fn: () => unknown, pattern: RegExp): string {
  let message = '';
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof ProjectConfigError, `expected ProjectConfigError, got ${String(err)}`);
    assert.ok(err instanceof Error);
    message = err.message;
    assert.match(err.message, pattern);
    assert.doesNotMatch(err.message, /\n/, 'the message is one line');
    return true;
  });
  return message;
}

test('default_envs, env names in file order, path made absolute', () => {
  const cfg = parseProjectConfig(
    [
      '[platformio]',
      'default_envs = uno, nano',
      '',
      '[env:esp32dev]',
      'board = esp32dev',
      '[env:uno]',
      'board = uno',
      '[env:nano]',
      'board = nanoatmega328',
    ].join('\n'),
    'rel/platformio.ini',
    {},
  );
  assert.equal(cfg.path, resolve('rel/platformio.ini'));
  assert.deepEqual(cfg.defaultEnvs, ['uno', 'nano']);
  assert.deepEqual(cfg.envNames, ['esp32dev', 'uno', 'nano']);
  assert.equal(cfg.env('nano').board, 'nanoatmega328');
  assert.equal(cfg.env('nano').name, 'nano');

  const multi = parse('[platformio]\ndefault_envs =\n  uno\n  nano, mega\n[env:uno]\n');
  assert.deepEqual(multi.defaultEnvs, ['uno', 'nano', 'mega']);

  const none = parse('[env:uno]\nboard = uno\n');
  assert.deepEqual(none.defaultEnvs, []);
});

test('[env] is the base of every env; the env itself wins', () => {
  const cfg = parse(
    [
      '[env]',
      'platform = atmelavr',
      'framework = arduino',
      'build_flags = -DCOMMON',
      '[env:uno]',
      'board = uno',
      '[env:mega]',
      'board = megaatmega2560',
      'framework = none',
      'build_flags = -DMEGA',
    ].join('\n'),
  );
  const uno = cfg.env('uno');
  assert.equal(uno.platform, 'atmelavr');
  assert.equal(uno.framework, 'arduino');
  assert.equal(uno.board, 'uno');
  assert.deepEqual(uno.buildFlags, ['-DCOMMON']);
  assert.deepEqual(uno.raw, {
    board: ['uno'],
    platform: ['atmelavr'],
    framework: ['arduino'],
    build_flags: ['-DCOMMON'],
  });
  const mega = cfg.env('mega');
  assert.equal(mega.platform, 'atmelavr');
  assert.equal(mega.framework, 'none');
  assert.deepEqual(mega.buildFlags, ['-DMEGA']);
});

test('extends: the env first, then extended sections in order (recursively), then [env]', () => {
  const cfg = parse(
    [
      '[env]',
      'platform = from_env',
      'board = from_env',
      'framework = from_env',
      'upload_speed = from_env',
      '[base]',
      'extends = deeper',
      'board = from_base',
      '[deeper]',
      'board = from_deeper',
      'framework = from_deeper',
      'monitor_speed = from_deeper',
      '[other]',
      'framework = from_other',
      'monitor_speed = from_other',
      'upload_port = from_other',
      '[env:uno]',
      'extends = base, other',
      'platform = from_uno',
      '[env:nano]',
      'extends = env:uno',
      'upload_speed = from_nano',
    ].join('\n'),
  );
  const uno = cfg.env('uno');
  assert.equal(uno.platform, 'from_uno');
  assert.equal(uno.board, 'from_base');
  assert.equal(uno.framework, 'from_deeper', 'base -> deeper comes before other');
  assert.deepEqual(uno.raw.monitor_speed, ['from_deeper']);
  assert.deepEqual(uno.raw.upload_port, ['from_other']);
  assert.deepEqual(uno.raw.upload_speed, ['from_env']);
  assert.deepEqual(uno.raw.extends, ['base, other']);

  const nano = cfg.env('nano');
  assert.equal(nano.platform, 'from_uno');
  assert.equal(nano.board, 'from_base');
  assert.deepEqual(nano.raw.upload_speed, ['from_nano']);
  assert.deepEqual(nano.raw.upload_port, ['from_other']);
});

test('interpolation: ${section.key}, ${env.key}, ${this.key}, ${this.__env__}, ${sysenv.X}, ${platformio.key}', () => {
  const cfg = parse(
    [
      '[platformio]',
      'default_envs = ${sysenv.PIO_ENVS}',
      'src_dir = firmware',
      '[common]',
      'build_flags =',
      '  -DVERSION=${common.version}',
      '  -DCOMMON',
      'version = 1.2.3',
      '[env]',
      'board = uno',
      'build_flags = -DBASE -DENV_NAME=${this.__env__}',
      '[env:uno]',
      'build_flags =',
      '  ${common.build_flags}',
      '  ${env.build_flags}',
      '  -DBOARD_${this.board}',
      '  -DHOME=${sysenv.FAKE_HOME}',
      '  -DUNSET=${sysenv.NOT_SET_ANYWHERE}',
      '  -DSRC=${platformio.src_dir}',
      '  -DBUILD=${platformio.build_dir}',
      '  -L${PROJECT_DIR}/lib -Wl,-Map,${BUILD_DIR}/firmware.map',
    ].join('\n'),
    { FAKE_HOME: '/home/me', PIO_ENVS: 'uno' },
  );
  assert.deepEqual(cfg.defaultEnvs, ['uno']);
  const uno = cfg.env('uno');
  assert.deepEqual(uno.raw.build_flags, [
    '-DVERSION=1.2.3',
    '-DCOMMON',
    '-DBASE -DENV_NAME=uno',
    '-DBOARD_uno',
    '-DHOME=/home/me',
    '-DUNSET=',
    '-DSRC=firmware',
    `-DBUILD=${join('/proj', '.pio', 'build')}`,
    '-L/proj/lib -Wl,-Map,${BUILD_DIR}/firmware.map',
  ]);
  assert.deepEqual(uno.buildFlags, [
    '-DVERSION=1.2.3',
    '-DCOMMON',
    '-DBASE',
    '-DENV_NAME=uno',
    '-DBOARD_uno',
    '-DHOME=/home/me',
    '-DUNSET=',
    '-DSRC=firmware',
    `-DBUILD=${join('/proj', '.pio', 'build')}`,
    '-L/proj/lib',
    '-Wl,-Map,${BUILD_DIR}/firmware.map',
  ]);
});

test('interpolation is recursive and ${this.key} follows [env] and extends for the env being read', () => {
  const cfg = parse(
    [
      '[a]',
      'x = ${b.y}-a',
      '[b]',
      'y = ${c.z}-b',
      '[c]',
      'z = c',
      '[env]',
      'build_flags = -DMCU=${this.board_build.mcu} -DNAME=${this.__env__}',
      '[env:uno]',
      'board_build.mcu = atmega328p',
      'lib_deps = ${a.x}',
      '[env:mega]',
      'board_build.mcu = atmega2560',
    ].join('\n'),
  );
  assert.deepEqual(cfg.env('uno').libDeps, ['c-b-a']);
  assert.deepEqual(cfg.env('uno').buildFlags, ['-DMCU=atmega328p', '-DNAME=uno']);
  assert.deepEqual(cfg.env('mega').buildFlags, ['-DMCU=atmega2560', '-DNAME=mega']);
});

test('multi-line build_flags with quoted defines are split shell-style', () => {
  const cfg = parse(
    [
      '[env:uno]',
      'build_flags = -Os',
      '    -DSSID=\\"home\\"',
      '',
      '    \'-DMSG="hi there"\'',
      '    "-DNAME=\\"x y\\"" -D VERSION=2',
      '    -I"include dir/sub"',
      '    -DPLAIN=\\"x y\\"',
      "    -DEMPTY='' -DPATH=C:\\\\tools",
    ].join('\n'),
  );
  const uno = cfg.env('uno');
  assert.deepEqual(uno.raw.build_flags, [
    '-Os',
    '-DSSID=\\"home\\"',
    '\'-DMSG="hi there"\'',
    '"-DNAME=\\"x y\\"" -D VERSION=2',
    '-I"include dir/sub"',
    '-DPLAIN=\\"x y\\"',
    "-DEMPTY='' -DPATH=C:\\\\tools",
  ]);
  assert.deepEqual(uno.buildFlags, [
    '-Os',
    '-DSSID="home"',
    '-DMSG="hi there"',
    '-DNAME="x y"',
    '-D',
    'VERSION=2',
    '-Iinclude dir/sub',
    // Like a shell (and PlatformIO), an escaped quote does not protect the space.
    '-DPLAIN="x',
    'y"',
    '-DEMPTY=',
    '-DPATH=C:\\tools',
  ]);
});

test('build_flags are split exactly as Python shlex.split splits them (what PlatformIO applies)', () => {
  // Each expected list is what CPython 3's shlex.split returns for the input (posix mode): inside
  // double quotes only \\ and \" are escapes, so \$ and \` keep their backslash, unlike a POSIX shell.
  const cases: [string, string[]][] = [
    ['-DA="x\\$y"', ['-DA=x\\$y']],
    ['-DT="a\\`b"', ['-DT=a\\`b']],
    ['-DB="a \\"q\\" b"', ['-DB=a "q" b']],
    ['-DE="x\\\\y"', ['-DE=x\\y']],
    ["-DC='s\\ p'", ['-DC=s\\ p']],
    ['-DD=a\\ b -DF=#x', ['-DD=a b', '-DF=#x']],
    ['-DG=""', ['-DG=']],
  ];
  for (const [flags, expected] of cases) {
    assert.deepEqual(parse(`[env:uno]\nbuild_flags = ${flags}\n`).env('uno').buildFlags, expected, flags);
  }
});

test('comments: full lines with ; or #, inline " ;", but not ";" or "#" inside a value', () => {
  const cfg = parse(
    [
      '; leading comment',
      '# another',
      '[env:uno] ; the board we have',
      'board = uno ; inline comment',
      'upload_port = /dev/ttyACM0\t; tab before the semicolon',
      'build_flags =',
      '  -DA ; first',
      '  ; -DCOMMENTED',
      '  # -DALSO_COMMENTED',
      '  -DB;C',
      'lib_deps = https://github.com/x/y.git#v2.0',
      'monitor_speed = ; nothing',
    ].join('\n'),
  );
  const uno = cfg.env('uno');
  assert.equal(uno.board, 'uno');
  assert.deepEqual(uno.raw.upload_port, ['/dev/ttyACM0']);
  assert.deepEqual(uno.buildFlags, ['-DA', '-DB;C']);
  assert.deepEqual(uno.libDeps, ['https://github.com/x/y.git#v2.0']);
  assert.deepEqual(uno.raw.monitor_speed, []);
  assert.deepEqual(Object.keys(uno.raw), ['board', 'upload_port', 'build_flags', 'lib_deps', 'monitor_speed']);
});

test('build_src_filter (and the older src_filter) split into +<...>/-<...> tokens', () => {
  const cfg = parse(
    [
      '[env:uno]',
      'build_src_filter = +<*> -<test/> -<.git/>',
      '  +<main.cpp>  -<my dir/old.cpp>',
      '[env:old]',
      'src_filter = +<*>-<skip/>',
      '[env:both]',
      'src_filter = +<old>',
      'build_src_filter = +<new>',
      '[env:none]',
    ].join('\n'),
  );
  assert.deepEqual(cfg.env('uno').buildSrcFilter, ['+<*>', '-<test/>', '-<.git/>', '+<main.cpp>', '-<my dir/old.cpp>']);
  assert.deepEqual(cfg.env('old').buildSrcFilter, ['+<*>', '-<skip/>']);
  assert.deepEqual(cfg.env('both').buildSrcFilter, ['+<new>']);
  assert.deepEqual(cfg.env('none').buildSrcFilter, []);
  throwsConfig(
    () => parse('[env:uno]\nboard = uno\nbuild_src_filter = +<*> main.cpp\n').env('uno'),
    /^platformio\.ini:3: build_src_filter item 'main\.cpp' is not a \+<pattern> or -<pattern>; write it as \+<main\.cpp>/,
  );
});

test('lib_deps and lib_ignore: one per line or comma-separated, version ranges kept whole', () => {
  const cfg = parse(
    [
      '[common]',
      'lib_deps_builtin = SPI, Wire',
      '[env:uno]',
      'lib_deps =',
      '  ${common.lib_deps_builtin}',
      '  bblanchon/ArduinoJson @ ~5.6,!=5.4',
      '  foo@>=1.0.0,<2.0.0, bar',
      '  https://github.com/gioblu/PJON.git#v2.0',
      'lib_ignore = Servo,Ethernet',
      '  SD',
    ].join('\n'),
  );
  const uno = cfg.env('uno');
  assert.deepEqual(uno.libDeps, [
    'SPI',
    'Wire',
    'bblanchon/ArduinoJson @ ~5.6,!=5.4',
    'foo@>=1.0.0,<2.0.0',
    'bar',
    'https://github.com/gioblu/PJON.git#v2.0',
  ]);
  assert.deepEqual(uno.libIgnore, ['Servo', 'Ethernet', 'SD']);
  assert.deepEqual(parse('[env:x]\n').env('x').libDeps, []);
});

test('unknown keys are listed, known ones are not; keys are case-sensitive', () => {
  const cfg = parse(
    [
      '[env]',
      'custom_option = 1',
      '[env:uno]',
      'board = uno',
      'board_build.f_cpu = 16000000L',
      'board_build.partitions = huge.csv',
      'Board = UNO',
      'monitor_speed = 115200',
    ].join('\n'),
  );
  const uno = cfg.env('uno');
  // As PlatformIO: options starting custom_ or board_ are the user's own, not unknown.
  assert.deepEqual(uno.unknownKeys, ['Board']);
  assert.deepEqual(uno.warnings, [
    "ignoring unknown option 'Board' in [env:uno] (PlatformIO does not know it either); remove it or fix its name",
  ]);
  assert.equal(uno.board, 'uno');
  assert.deepEqual(uno.raw.Board, ['UNO']);
  assert.ok(KNOWN_ENV_KEYS.has('board_build.f_cpu'));
  assert.ok(KNOWN_ENV_KEYS.has('src_filter'));
  assert.ok(!KNOWN_ENV_KEYS.has('Board'));
  assert.ok(KNOWN_ENV_KEYS.has('lib_compat_mode') && KNOWN_ENV_KEYS.has('extra_scripts') && KNOWN_ENV_KEYS.has('src_build_flags'));
});

test('error: unknown environment lists the known ones', () => {
  const cfg = parse('[env:uno]\nboard = uno\n[env:esp32dev]\nboard = esp32dev\n');
  const msg = throwsConfig(() => cfg.env('x'), /unknown environment 'x'/);
  assert.equal(msg, "unknown environment 'x' in platformio.ini; known: uno, esp32dev");
  throwsConfig(() => parse('[common]\n').env('uno'), /^unknown environment 'uno' in platformio\.ini; known: \(none\)$/);
});

test('readProjectConfig reads <dir>/platformio.ini; a missing file is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fbuild-pioini-'));
  try {
    const msg = throwsConfig(() => readProjectConfig(dir, {}), /^no platformio\.ini in /);
    assert.equal(msg, `no platformio.ini in ${dir}; run fbuild in a PlatformIO project directory or pass its path`);

    const ini = join(dir, 'platformio.ini');
    writeFileSync(ini, '[platformio]\ndefault_envs = uno\n\n[env:uno]\nboard = uno\nbuild_flags = -DWHO=${sysenv.WHO}\n');
    const cfg = readProjectConfig(dir, { WHO: 'me' });
    assert.equal(cfg.path, ini);
    assert.deepEqual(cfg.defaultEnvs, ['uno']);
    assert.deepEqual(cfg.env('uno').buildFlags, ['-DWHO=me']);
    // The ini file's own path is accepted too.
    assert.equal(readProjectConfig(ini, {}).path, ini);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('error: cycle in extends', () => {
  const cfg = parse(
    [
      '[env:a]',
      'extends = env:b',
      '[env:b]',
      'board = uno',
      'extends = common',
      '[common]',
      'extends = env:a',
      '[env:ok]',
      'board = uno',
    ].join('\n'),
  );
  const msg = throwsConfig(() => cfg.env('a'), /extends cycle/);
  assert.equal(msg, 'platformio.ini:7: extends cycle env:a -> env:b -> common -> env:a; remove one of these extends');
  assert.equal(cfg.env('ok').board, 'uno', 'other envs still resolve');
  throwsConfig(() => parse('[env:a]\nextends = env:a\n').env('a'), /^platformio\.ini:2: extends cycle env:a -> env:a;/);
  throwsConfig(
    () => parse('[env:base]\nboard = uno\n[env:a]\nextends = base\n').env('a'),
    /^platformio\.ini:4: \[env:a\] extends unknown section 'base'; did you mean 'env:base'\?$/,
  );
});

test('error: cycle in interpolation', () => {
  const cfg = parse(
    [
      '[common]',
      'a = ${common.b}',
      'b = x ${common.a}',
      '[env:uno]',
      'build_flags = ${common.a}',
      '[env:self]',
      'build_flags = ${this.build_flags} -DX',
    ].join('\n'),
  );
  const msg = throwsConfig(() => cfg.env('uno'), /interpolation cycle/);
  assert.equal(msg, 'platformio.ini:3: interpolation cycle ${common.a} -> ${common.b} -> ${common.a}; remove one of these references');
  throwsConfig(
    () => cfg.env('self'),
    /^platformio\.ini:7: interpolation cycle \$\{env:self\.build_flags\} -> \$\{env:self\.build_flags\};/,
  );
});

test('error: unknown reference names the section or key', () => {
  const lines = ['[env:uno]', 'board = uno', '', 'build_flags =', '  -DA', '  ${common.flags}'];
  const msg = throwsConfig(() => parse(lines.join('\n')).env('uno'), /unknown section 'common'/);
  assert.equal(msg, "platformio.ini:4: unknown section 'common' in ${common.flags}; define [common] or fix the reference");

  const missingKey = parse('[common]\nother = 1\n[env:uno]\nbuild_flags = ${common.flags}\n');
  throwsConfig(
    () => missingKey.env('uno'),
    /^platformio\.ini:4: unknown option 'flags' of \[common\] in \$\{common\.flags\}; define flags in \[common\]/,
  );

  // An option PlatformIO does not know has no default: unset, it is an error there too.
  const missingThis = parse('[env:uno]\nbuild_flags = -DF=${this.custom_f_cpu}\n');
  throwsConfig(() => missingThis.env('uno'), /^platformio\.ini:2: unknown option 'custom_f_cpu' of environment 'uno'/);

  throwsConfig(() => parse('[env:uno]\nboard = ${env.custom_board}\n').env('uno'), /unknown section 'env' in \$\{env\.custom_board\}/);
  throwsConfig(() => parse('[env:uno]\nboard = ${platformio.nope}\n').env('uno'), /unknown option 'nope' of \[platformio\]/);
  throwsConfig(
    () => parse('[platformio]\ndefault_envs = ${this.board}\n'),
    /^platformio\.ini:2: \$\{this\.board\} used outside an environment/,
  );
  // Never closed: it would reach the compiler as a file name (as it does in PlatformIO).
  throwsConfig(
    () => parse('[env:uno]\nbuild_flags = -DA ${env:uno.board\n').env('uno'),
    /^platformio\.ini:2: unclosed reference '\$\{env:uno\.board' in 'build_flags'; end it with '\}'$/,
  );
});

test('error: syntax errors carry the line number', () => {
  throwsConfig(() => parse('[env:uno]\nboard = uno\njust some words\n'), /^platformio\.ini:3: cannot parse 'just some words'/);
  throwsConfig(() => parse('; comment\n\n[env:uno]\n  -DFOO\n'), /^platformio\.ini:4: continuation line '-DFOO' before any key/);
  throwsConfig(() => parse('  -DFOO\n[env:uno]\n'), /^platformio\.ini:1: continuation line/);
  throwsConfig(() => parse('board = uno\n[env:uno]\n'), /^platformio\.ini:1: key 'board' outside any section/);
  throwsConfig(() => parse('[env:uno\n'), /^platformio\.ini:1: malformed section header/);
  throwsConfig(() => parse('[env:uno]\n[env:uno]\n'), /^platformio\.ini:2: duplicate section \[env:uno\] \(first on line 1\)/);
  throwsConfig(() => parse('[env:uno]\nboard = a\nboard = b\n'), /^platformio\.ini:3: duplicate key 'board' in \[env:uno\]/);
  throwsConfig(() => parse("[env:uno]\nbuild_flags = '-DX=1\n").env('uno'), /^platformio\.ini:2: unterminated quote/);
  // A continuation line may contain '=', an indented key right after a header is still a key,
  // and CRLF line endings are fine.
  const cfg = parse('[env:uno]\r\n  board = uno\r\nbuild_flags =\r\n  -DA=1\r\n');
  assert.equal(cfg.env('uno').board, 'uno');
  assert.deepEqual(cfg.env('uno').buildFlags, ['-DA=1']);
});

test('[platformio] dirs: defaults, the file, then PLATFORMIO_*_DIR winning; extra_configs merged in order', () => {
  const ini = [
    '[platformio]',
    'src_dir = firmware/src',
    'include_dir = firmware/include',
    'lib_dir = libraries',
    'libdeps_dir = deps',
    'default_envs = uno',
    'extra_configs = secrets.ini',
    '  more/*.ini',
    '[env:uno]',
    'board = uno',
    'build_flags = -DA=1',
  ].join('\n');
  const extras: Record<string, string> = {
    'secrets.ini': '[env:uno]\nbuild_flags = -DSECRET=1\n[env:nano]\nboard = nano\n',
    'more/*.ini': '[env:uno]\nlib_archive = no\n',
  };
  const cfg = parseProjectConfig(ini, '/proj/platformio.ini', {}, (pattern) => [{ path: `/proj/${pattern}`, text: extras[pattern]! }]);
  assert.deepEqual(cfg.dirs, {
    src: '/proj/firmware/src',
    include: '/proj/firmware/include',
    lib: '/proj/libraries',
    libdeps: '/proj/deps',
    build: '/proj/.fbuild/build',
    test: '/proj/test',
    data: '/proj/data',
    boards: '/proj/boards',
  });
  assert.deepEqual(cfg.extraConfigs, ['/proj/secrets.ini', '/proj/more/*.ini']);
  assert.deepEqual(cfg.envNames, ['uno', 'nano']);
  assert.deepEqual(cfg.env('uno').buildFlags, ['-DSECRET=1']);
  assert.equal(cfg.env('uno').libArchive, false);

  const fromEnv = parseProjectConfig(ini, '/proj/platformio.ini', {
    PLATFORMIO_SRC_DIR: '/elsewhere/src',
    PLATFORMIO_BUILD_DIR: 'out',
    PLATFORMIO_DEFAULT_ENVS: 'nano',
  });
  assert.equal(fromEnv.dirs.src, '/elsewhere/src');
  assert.equal(fromEnv.dirs.build, '/proj/out');
  // default_envs is a list option: PLATFORMIO_DEFAULT_ENVS adds to the file's (PlatformIO's getraw).
  assert.deepEqual(fromEnv.defaultEnvs, ['uno', 'nano']);
  const env = parseProjectConfig(
    '[env:uno]\nlib_ldf_mode = deep+\nlib_compat_mode = strict\nsrc_build_flags = -DX\nextra_scripts = pre:gen.py\n  post:after.py\n',
    '/p/platformio.ini',
    {},
  ).env('uno');
  assert.deepEqual(
    [env.libLdfMode, env.libCompatMode, env.buildSrcFlags, env.extraScripts],
    ['deep+', 'strict', ['-DX'], ['gen.py', 'after.py']],
  );
  assert.throws(
    () => parseProjectConfig('[env:uno]\nlib_ldf_mode = chained\n', '/p/platformio.ini', {}).env('uno'),
    /lib_ldf_mode = chained is not one of off, chain, deep, chain\+, deep\+/,
  );
});

test('PLATFORMIO_BUILD_FLAGS and the other list variables add a line to the option, as in PlatformIO', () => {
  const ini = [
    '[env]',
    'build_flags = -DBASE',
    '[env:uno]',
    'board = uno',
    'build_flags = ${env.build_flags} -DUNO',
    'src_build_flags = -DOLD_NAME',
    'src_filter = +<*> -<skip/>',
    '[env:nano]',
    'board = nano',
  ].join('\n');
  const sysenv = {
    PLATFORMIO_BUILD_FLAGS: '-DFROM_CI="${sysenv.SHA}" -DV=2',
    SHA: 'abc 123',
    PLATFORMIO_SRC_BUILD_FLAGS: '-DSRC_ONLY',
    PLATFORMIO_BUILD_UNFLAGS: '-Wall',
    PLATFORMIO_SRC_FILTER: '-<gen/>',
    PLATFORMIO_LIB_EXTRA_DIRS: '/opt/libs',
  };
  const uno = parse(ini, sysenv).env('uno');
  // [env]'s value already carries the variable's line when [env:uno] interpolates it, as in PlatformIO.
  assert.deepEqual(uno.buildFlags, ['-DBASE', '-DFROM_CI=abc 123', '-DV=2', '-DUNO', '-DFROM_CI=abc 123', '-DV=2']);
  assert.deepEqual(uno.buildSrcFlags, ['-DOLD_NAME', '-DSRC_ONLY']);
  assert.deepEqual(uno.buildSrcFilter, ['+<*>', '-<skip/>', '-<gen/>']);
  assert.deepEqual(uno.raw.build_unflags, ['-Wall']);
  assert.deepEqual(uno.libExtraDirs, ['/opt/libs']);
  assert.deepEqual(uno.unknownKeys, []);
  // An env with none of these options in the file gets the variables' values alone.
  const nano = parse(ini, sysenv).env('nano');
  assert.deepEqual(nano.buildFlags, ['-DBASE', '-DFROM_CI=abc 123', '-DV=2']);
  assert.deepEqual(nano.buildSrcFlags, ['-DSRC_ONLY']);
  // The new names of the variables win over the old ones; without variables nothing changes.
  const newer = parse(ini, { PLATFORMIO_BUILD_SRC_FLAGS: '-DNEW', PLATFORMIO_SRC_BUILD_FLAGS: '-DOLD' }).env('uno');
  assert.deepEqual(newer.buildSrcFlags, ['-DOLD_NAME', '-DNEW']);
  assert.deepEqual(parse(ini).env('uno').buildFlags, ['-DBASE', '-DUNO']);
  // An empty variable is no line.
  assert.deepEqual(parse(ini, { PLATFORMIO_BUILD_FLAGS: '' }).env('nano').buildFlags, ['-DBASE']);
});

test('platform = a name, owner/name@requirement, or a URL: the env knows the platform by its name', () => {
  const platformOf = (value: string) => {
    const env = parse(`[env:x]\nplatform = ${value}\nboard = uno\n`).env('x');
    return [env.platform, env.platformSpec];
  };
  assert.deepEqual(platformOf('atmelavr'), ['atmelavr', undefined]);
  assert.deepEqual(platformOf('atmelavr@5.2.0'), ['atmelavr', 'atmelavr@5.2.0']);
  assert.deepEqual(platformOf('platformio/atmelavr @ ^5.0.0'), ['atmelavr', 'platformio/atmelavr @ ^5.0.0']);
  assert.deepEqual(platformOf('https://github.com/platformio/platform-atmelavr.git#v5.2.0'), [
    'atmelavr',
    'https://github.com/platformio/platform-atmelavr.git#v5.2.0',
  ]);
  const pioarduino = 'https://github.com/pioarduino/platform-espressif32/releases/download/55.03.31-2/platform-espressif32.zip';
  assert.deepEqual(platformOf(pioarduino), ['espressif32', pioarduino]);
  assert.deepEqual(platformOf('native@^1.2.1'), ['native', 'native@^1.2.1']);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeFiles } from './helpers/fixtures.ts';
import { parseProjectConfig, readProjectConfig, ProjectConfigError } from '../server/project/platformioIni.ts';
import { expandBuildVariables, withBuildTimeValues } from '../server/project/buildTimeOptions.ts';
import { childEnv as commandEnvironment } from '../server/util/childEnv.ts';
import { listFiles, matchSrcFiles } from '../server/project/sourceFilter.ts';

/**
 * PlatformIO's rules for reading a project, each against the file and function of PlatformIO Core
 * 6.1.18 it comes from (docs/PLATFORMIO.md, "Reading platformio.ini"), without a compiler.
 */

const parse = (text: string, sysenv: NodeJS.ProcessEnv = {}) => parseProjectConfig(text, '/proj/platformio.ini', sysenv);

test('${section.option} of an option no section sets expands to its options.py default (config.py getraw)', () => {
  const cfg = parse(
    [
      '[common]',
      'flags = -DCOMMON=1',
      '[env:uno]',
      'board = uno',
      'lib_deps = ${env.lib_deps}',
      '  Servo',
      'build_flags = ${common.flags} -DMODE_${env.lib_ldf_mode} -DTYPE_${this.build_type}',
      'custom_filter = ${env.build_src_filter}',
      'custom_archive = ${env:uno.lib_archive} ${env:other.lib_archive}',
      'custom_board = ${env.board}',
    ].join('\n'),
  );
  const env = cfg.env('uno');
  // A list option with no default: nothing (the `Servo` line stays).
  assert.deepEqual(env.libDeps, ['Servo']);
  assert.deepEqual(env.buildFlags, ['-DCOMMON=1', '-DMODE_chain', '-DTYPE_release']);
  assert.deepEqual(env.raw.custom_filter, ['+<*> -<.git/> -<.svn/>']);
  // A bool default is printed as Python prints it, set or not.
  assert.deepEqual(env.raw.custom_archive, ['True True']);
  // A single option with no default is Python's None.
  assert.deepEqual(env.raw.custom_board, ['None']);
  assert.deepEqual(parse('[env:uno]\nlib_archive = no\ncustom_a = ${this.lib_archive}\n').env('uno').raw.custom_a, ['False']);
  // Options PlatformIO does not know have no default: still one line naming the reference.
  assert.throws(
    () => parse('[env]\n[env:uno]\nbuild_flags = ${env.custom_flags}\n').env('uno'),
    (e: Error) => e instanceof ProjectConfigError && /unknown option 'custom_flags' of \[env\] in \$\{env\.custom_flags\}/.test(e.message),
  );
});

test('[platformio] boards_dir defaults to <project>/boards and follows PLATFORMIO_BOARDS_DIR', () => {
  assert.equal(parse('[env:uno]\nboard = uno\n').dirs.boards, '/proj/boards');
  assert.equal(parse('[platformio]\nboards_dir = hw/boards\n[env:uno]\n').dirs.boards, '/proj/hw/boards');
  assert.equal(parse('[env:uno]\n', { PLATFORMIO_BOARDS_DIR: '/elsewhere/boards' }).dirs.boards, '/elsewhere/boards');
});

test('build variables expand as SCons subst does ($NAME, ${NAME}, $$); an unknown one is one line', () => {
  const vars = new Map([
    ['PROJECT_DIR', '/p'],
    ['PIOENV', 'uno'],
  ]);
  assert.equal(expandBuildVariables('-I${PROJECT_DIR}/inc', vars, 'build_flags'), '-I/p/inc');
  assert.equal(expandBuildVariables('-I$PROJECT_DIR/inc -DE=$PIOENV', vars, 'build_flags'), '-I/p/inc -DE=uno');
  assert.equal(expandBuildVariables('-DPRICE=$$5', vars, 'build_flags'), '-DPRICE=$5');
  assert.throws(
    () => expandBuildVariables('-I${PROJECT_SRCDIR}/x', vars, 'build_flags'),
    /build_flags: unknown build variable \$\{PROJECT_SRCDIR\} in '-I\$\{PROJECT_SRCDIR\}\/x'; fbuild expands PROJECT_DIR, PIOENV; fix the name, or write \$\$ for a literal \$$/,
  );
});

test('build_flags, build_src_filter and lib_extra_dirs get the env build variables at build time', () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'multi');
    writeFiles(dir, {
      'platformio.ini': [
        '[env]',
        'build_src_filter = +<${PIOENV}/> +<common/>',
        'build_flags = -I${PROJECT_SRC_DIR}/common -DOUT="${BUILD_DIR}" -I $PROJECT_INCLUDE_DIR',
        'lib_extra_dirs = ${PROJECT_DIR}/../shared-libs',
        '[env:blink]',
        'board = uno',
        '[env:fade]',
        'board = uno',
      ].join('\n'),
    });
    const cfg = readProjectConfig(dir, {});
    const ctx = (env: string) => ({ projectDir: dir, dirs: cfg.dirs, buildDir: join(dir, '.fbuild/build', env), processEnv: {} });
    const fade = withBuildTimeValues(cfg.env('fade'), ctx('fade'));
    assert.deepEqual(fade.buildSrcFilter, ['+<fade/>', '+<common/>']);
    assert.deepEqual(fade.buildFlags, [`-I${dir}/src/common`, `-DOUT=${dir}/.fbuild/build/fade`, '-I', `${dir}/include`]);
    assert.deepEqual(fade.libExtraDirs, [join(t.dir, 'shared-libs')]);
    assert.deepEqual(withBuildTimeValues(cfg.env('blink'), ctx('blink')).buildSrcFilter, ['+<blink/>', '+<common/>']);
  } finally {
    t.cleanup();
  }
});

test('a `!command` flags item runs in the project dir without the secrets; its failure is one line naming it', () => {
  const t = tempDir();
  try {
    const dir = join(t.dir, 'p');
    writeFiles(dir, {
      VERSION: '1.4.2\n',
      'platformio.ini': [
        '[env:uno]',
        'board = uno',
        'build_flags =',
        '  -DFIRST',
        '  !echo "-DVERSION=$(cat VERSION) -DTOKEN_SEEN=${FBUILD_CACHE_TOKEN:-no}${GITHUB_TOKEN:-no} -DHOME_KEPT=${KEEP_ME}"',
        'build_src_flags = !printf "%s" "-DEMPTY_OUTPUT_IS_NO_FLAGS" >/dev/null',
      ].join('\n'),
    });
    const cfg = readProjectConfig(dir, {});
    const processEnv = {
      PATH: process.env.PATH,
      FBUILD_CACHE_TOKEN: 'sekret',
      GITHUB_TOKEN: 'ghs_x',
      ACTIONS_RUNTIME_TOKEN: 'rt',
      KEEP_ME: 'yes',
    };
    const env = withBuildTimeValues(cfg.env('uno'), { projectDir: dir, dirs: cfg.dirs, buildDir: join(dir, 'b'), processEnv });
    assert.deepEqual(env.buildFlags, ['-DFIRST', '-DVERSION=1.4.2', '-DTOKEN_SEEN=nono', '-DHOME_KEPT=yes']);
    assert.deepEqual(env.buildSrcFlags, []);

    const scrubbed = commandEnvironment({ ...processEnv, FBUILD_REMOTE_PASSWORD: 'p', FBUILD_CACHE_URL: 'http://127.0.0.1:1' });
    assert.deepEqual(Object.keys(scrubbed).sort(), ['FBUILD_CACHE_URL', 'KEEP_ME', 'PATH']);

    writeFiles(dir, { 'platformio.ini': '[env:uno]\nboard = uno\nbuild_flags = !python3 scripts/git_rev.py\n' });
    const bad = readProjectConfig(dir, {});
    assert.throws(
      () => withBuildTimeValues(bad.env('uno'), { projectDir: dir, dirs: bad.dirs, buildDir: join(dir, 'b'), processEnv }),
      (e: Error) =>
        e instanceof ProjectConfigError &&
        !e.message.includes('\n') &&
        /^build_flags: the command '!python3 scripts\/git_rev\.py' exited 2 \(.*No such file or directory\); it runs in .* as pio run runs it: fix it or remove it from build_flags$/.test(
          e.message,
        ),
    );
  } finally {
    t.cleanup();
  }
});

test('build_src_filter patterns climb out of src_dir, and the files they match come back relative to it', () => {
  const t = tempDir();
  try {
    const root = join(t.dir, 'course');
    writeFiles(root, {
      'src/util.cpp': '',
      'src/util.h': '',
      'examples/hello/main.cpp': '',
      'examples/hello/notes.txt': '',
      'examples/extra/greet.cpp': '',
      'examples/extra/old/legacy.cpp': '',
    });
    const src = join(root, 'examples/hello');
    assert.deepEqual(matchSrcFiles(src, ['+<*> +<../../src/> +<../extra/> -<../extra/old/>']), [
      '../../src/util.cpp',
      '../../src/util.h',
      '../extra/greet.cpp',
      'main.cpp',
      'notes.txt',
    ]);
    assert.deepEqual(matchSrcFiles(src, ['+<../extra/*.cpp>']), ['../extra/greet.cpp']);
    // The default filter: everything but .git/.svn; an excluded dir (the build dir under src_dir = .) never.
    writeFiles(root, { '.git/HEAD.c': '', '.fbuild/build/uno/sketch/x.ino.cpp': '', 'build/uno/x.cpp': '' });
    assert.deepEqual(matchSrcFiles(root, [], { exclude: [join(root, 'build')] }), [
      'examples/extra/greet.cpp',
      'examples/extra/old/legacy.cpp',
      'examples/hello/main.cpp',
      'examples/hello/notes.txt',
      'src/util.cpp',
      'src/util.h',
    ]);
  } finally {
    t.cleanup();
  }
});

test('two symlinks to . in src/: the walk ends, each loop skipped with a line naming it', () => {
  const t = tempDir();
  try {
    const src = join(t.dir, 'src');
    writeFiles(src, { 'main.cpp': '', 'sub/a.cpp': '' });
    symlinkSync('.', join(src, 'self'));
    symlinkSync('.', join(src, 'again'));
    symlinkSync('..', join(src, 'sub', 'up'));
    mkdirSync(join(src, 'empty'));
    const skipped: string[] = [];
    assert.deepEqual(
      listFiles(src, (m) => skipped.push(m)),
      ['main.cpp', 'sub/a.cpp'],
    );
    assert.deepEqual(skipped.map((m) => m.split(':')[0]).sort(), ['skipping again', 'skipping self', 'skipping sub/up']);
    assert.match(skipped[0]!, /a link to .*\/src, which is walked already/);
  } finally {
    t.cleanup();
  }
});

// The CLI bundled from the current sources (scripts/build.mjs, as `npm run build` bundles dist/),
// built once per run, not once per test file: a shared fixture (sharedFixture.ts) named by a hash of
// the sources, the build script and the installed packages, so an edit to any of them bundles again.
// Starting it costs a test about 0.15 s of CPU; the sources through tsx cost about 0.85 s per start.
// Tests only run it (and copy it, prepareAction); nothing writes into it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentKey, PRODUCT_INPUTS, REPO, sharedFixture } from './sharedFixture.ts';

let built: string | undefined;

/** The directory of the fresh bundles (cli.js, cc.cjs, ...). */
export function freshDist(): string {
  if (built) return built;
  // Where node_modules really is, too: the bundles name their packages by the path from the repository
  // (esbuild's source comments, the vendored files' names), so a worktree whose node_modules links to
  // another checkout's makes other bytes than that checkout from the same sources, and must not share them.
  const modules = relative(REPO, realpathSync(join(REPO, 'node_modules')));
  const root = sharedFixture('dist', contentKey(PRODUCT_INPUTS, modules), (dir) => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--outdir', join(dir, 'dist')], {
      cwd: REPO,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`bundling the CLI failed: ${r.stderr}`);
    // `fbuild --version` reads the package.json above the bundle, as in the repository.
    copyFileSync(join(REPO, 'package.json'), join(dir, 'package.json'));
  });
  built = join(root, 'dist');
  return built;
}

/** The bundled `fbuild` CLI: run it as `node <this> ARGS...`. */
export function bundledCli(): string {
  return join(freshDist(), 'cli.js');
}

/**
 * A server's `fbuildCommand` for the wrapped backend: the bundled cli.js, so each unit's wrapper is
 * the bundled `dist/cc.cjs` beside it, as in a release (the server picks it, see ccCommand), and not
 * the whole CLI loaded through tsx once per unit (about 0.7 s of CPU each).
 */
export function wrappedFbuildCommand(): string[] {
  return [process.execPath, bundledCli()];
}

/**
 * How to run a script of test/helpers (`serverHarness`, `compileWorker`) as a process: `node` with
 * these arguments, then the script's own. Under scripts/test.mjs, its bundle (made with the test
 * files', in the directory FBUILD_TEST_BUNDLES names), which starts in about 0.2 s of CPU; the source
 * through tsx costs about 1 s more per start. Run from the sources (`node --import tsx --test`), the
 * source through tsx, as before.
 */
export function helperScript(name: 'serverHarness' | 'compileWorker'): string[] {
  const bundles = process.env.FBUILD_TEST_BUNDLES;
  const bundled = bundles ? join(bundles, `${name}.mjs`) : undefined;
  if (bundled && existsSync(bundled)) return [bundled];
  return ['--import', 'tsx', join(import.meta.dirname, `${name}.ts`)];
}

// The CLI bundled from the current sources (scripts/build.mjs, as `npm run build` bundles dist/),
// built once per test process into a temporary directory that is removed when the process exits.
// Starting it costs a test about 0.15 s of CPU; the sources through tsx cost about 0.85 s per start.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './fixtures.ts';

const REPO = join(import.meta.dirname, '..', '..');
let built: string | undefined;

/** The directory of the fresh bundles (cli.js, cc.cjs, ...). */
export function freshDist(): string {
  if (built) return built;
  const root = tempDir('fbuild-test-dist-');
  process.once('exit', root.cleanup);
  const r = spawnSync(process.execPath, [join(REPO, 'scripts', 'build.mjs'), '--outdir', join(root.dir, 'dist')], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bundling the CLI failed: ${r.stderr}`);
  // `fbuild --version` reads the package.json above the bundle, as in the repository.
  copyFileSync(join(REPO, 'package.json'), join(root.dir, 'package.json'));
  built = join(root.dir, 'dist');
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

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fbuildAsync, type CliRun } from './buildCli.ts';
import { tempDir, writeFiles } from './fixtures.ts';
import { startServer } from '../../server/http/startServer.ts';
import { copyUnoCoreStore } from './sharedBuilds.ts';

/**
 * The world of the "inputs the key sees" tests: a temp dir, the CLI's own cache dir, and a cache
 * server (on a real socket, in the test's process) with another cache dir. A build goes `via` the CLI (embedded cache) or
 * the server (`FBUILD_CACHE_URL`), in checkouts that are separate directories of the same project. Both
 * caches start with a copy of the shared uno core store (sharedBuilds.ts), never empty.
 */
export interface KeyWorld {
  dir: string;
  build(project: string, via: Via, extra?: string[]): Promise<CliRun>;
  /** The firmware of a `--no-cache --force` build of the project as it is now. */
  reference(project: string): Promise<string>;
}

export type Via = 'cli' | 'server';
export const VIAS: Via[] = ['cli', 'server'];
const TOKEN = 'key-inputs-token';

export async function keyWorld(t: TestContext): Promise<KeyWorld> {
  const tmp = tempDir('fbuild-key-');
  t.after(tmp.cleanup);
  // Both caches start warm with the uno core (helpers/sharedBuilds.ts): these tests are about the keys
  // of a project's own inputs, and a project with the default flags then compiles only its own units.
  const cliCache = copyUnoCoreStore(join(tmp.dir, 'cli-cache'));
  const serverCache = copyUnoCoreStore(join(tmp.dir, 'server-cache'));
  // In this process: a child server's start can take longer than its harness waits on a loaded machine.
  const server = await startServer({ cacheDir: serverCache, port: 0, token: TOKEN, allowRoots: [tmp.dir] });
  t.after(() => server.shutdown());
  const run = async (args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> => {
    const r = await fbuildAsync(args, { env });
    assert.equal(r.code, 0, `fbuild ${args.join(' ')}: ${r.stderr}${r.stdout}`);
    return r;
  };
  return {
    dir: tmp.dir,
    build: (project, via, extra = []) =>
      via === 'cli'
        ? run(['build', project, '--json', '--cache-dir', cliCache, ...extra], { FBUILD_CACHE_URL: '' })
        : run(['build', project, '--json', ...extra], { FBUILD_CACHE_URL: server.url, FBUILD_CACHE_TOKEN: TOKEN }),
    reference: async (project) => {
      await run(['build', project, '--json', '--no-cache', '--force', '--cache-dir', join(tmp.dir, 'unused-cache')], {
        FBUILD_CACHE_URL: '',
      });
      return firmwareOf(project);
    },
  };
}

export const firmwareOf = (project: string): string => readFileSync(join(project, '.fbuild', 'build', 'uno', 'firmware.hex'), 'utf8');

export const UNO_INI = '[env:uno]\nplatform = atmelavr\nboard = uno\nframework = arduino\n';

export function writeProject(dir: string, files: Record<string, string | Uint8Array>): string {
  writeFiles(dir, files);
  return dir;
}

/**
 * The scenario every case runs, through the CLI and through the server, in two checkouts: both are
 * built and cached; `change` is made in both; the changed checkout rebuilds (not "up to date", the
 * miss reason named) and its firmware equals a `--no-cache --force` build of it and differs from the
 * one before; an unchanged rebuild is then "up to date"; the other checkout, built after, gets the
 * firmware of a `--no-cache --force` build of itself too.
 */
export async function provesCase(
  t: TestContext,
  opts: {
    name: string;
    project: (dir: string) => Record<string, string | Uint8Array>;
    change: (dir: string) => void;
    /** A miss reason (category) the changed checkout's build must name. */
    reason?: string;
    /** The firmware names its checkout (so each checkout has its own reference). */
    firmwareNamesCheckout?: boolean;
  },
): Promise<void> {
  const world = await keyWorld(t);
  let sharedReference: string | undefined;
  const referenceOf = async (dir: string) => {
    if (opts.firmwareNamesCheckout) return world.reference(dir);
    sharedReference ??= await world.reference(dir);
    return sharedReference;
  };
  for (const via of VIAS) {
    const a = writeProject(join(world.dir, `${opts.name}-${via}-a`), opts.project(join(world.dir, `${opts.name}-${via}-a`)));
    const b = writeProject(join(world.dir, `${opts.name}-${via}-b`), opts.project(join(world.dir, `${opts.name}-${via}-b`)));
    await world.build(a, via);
    await world.build(b, via);
    const before = firmwareOf(a);

    opts.change(a);
    opts.change(b);
    const changed = (await world.build(a, via)).json!;
    assert.equal(changed.upToDate, false, `${via}: the change is seen, the build is not "up to date"`);
    if (opts.reason) {
      const named = [...Object.keys(changed.stats.missReasons), ...changed.stats.uncacheableUnits.map((u: { reason: string }) => u.reason)];
      assert.ok(
        named.some((r) => r.startsWith(opts.reason!)),
        `${via}: the reason "${opts.reason}" is named, got ${JSON.stringify(named)}`,
      );
    }
    const after = firmwareOf(a);
    assert.notEqual(after, before, `${via}: the change reaches the firmware`);
    assert.equal((await world.build(a, via)).json!.upToDate, true, `${via}: an unchanged rebuild is "up to date"`);
    assert.equal(after, await referenceOf(a), `${via}: the changed checkout's firmware is the one built without the cache`);

    await world.build(b, via);
    const other = firmwareOf(b);
    assert.equal(other, await referenceOf(b), `${via}: the other checkout's firmware is the one built without the cache`);
  }
}

import { mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * What one cache entry archives: `paths`, relative to the directory `root`, which the archive calls
 * `name`. @actions/cache is given `<name>/<path>`: text that does not depend on where the root is, so
 * the entry's version (a hash of the path strings) and the archive's member names are the same for
 * every job, whatever its HOME or workspace (a container job's differ from the host's).
 */
export interface ArchiveSpec {
  root: string;
  name: string;
  paths: string[];
}

/**
 * @actions/cache runs `tar ... -C <GITHUB_WORKSPACE>` and extracts `<RUNNER_TEMP>/<uuid>/cache.tzst`
 * through a command string that @actions/exec splits at spaces (actions/cache#1580): a workspace or
 * temp dir with a space (or a quote) in its path breaks the save and the restore. So a transfer runs
 * from a directory of its own, at a path with no such character, holding one symlink per root
 * (`<dir>/<name>` → root): GITHUB_WORKSPACE and the process's cwd (which its glob resolves the paths
 * against) point there while any transfer runs, and RUNNER_TEMP too when it holds such a character.
 * Transfers may run at once (the setup step restores several entries together): the first one sets
 * these up, the last one puts them back.
 */
export async function inTransferDir<T>(archive: ArchiveSpec, transfer: (paths: string[]) => Promise<T>): Promise<T> {
  const dir = enter();
  try {
    const name = archive.name.replace(/[^\w.-]/g, '_');
    linkRoot(join(dir, name), archive.root);
    return await transfer(archive.paths.map((p) => `${name}/${p}`));
  } finally {
    leave();
  }
}

/** Paths @actions/exec cannot split: letters, digits and `/._-+@:,=~` only (and `\` on Windows, where it is the separator). */
export const safeForTarCommand = (p: string) => (process.platform === 'win32' ? /^[\w/\\.+@:,=~-]+$/ : /^[\w/.+@:,=~-]+$/).test(p);

let active: { count: number; dir: string; cwd: string; env: Record<string, string | undefined> } | undefined;

function enter(): string {
  if (active) {
    active.count++;
    return active.dir;
  }
  const base = safeForTarCommand(tmpdir()) || process.platform === 'win32' ? tmpdir() : '/tmp';
  const dir = mkdtempSync(join(base, 'fbuild-transfer-'));
  active = {
    count: 1,
    dir,
    cwd: process.cwd(),
    env: { GITHUB_WORKSPACE: process.env.GITHUB_WORKSPACE, RUNNER_TEMP: process.env.RUNNER_TEMP },
  };
  process.env.GITHUB_WORKSPACE = dir;
  // Where @actions/cache downloads and writes the archive: an absolute path in its tar command.
  if (process.env.RUNNER_TEMP && !safeForTarCommand(process.env.RUNNER_TEMP)) process.env.RUNNER_TEMP = dir;
  process.chdir(dir);
  return dir;
}

function leave(): void {
  if (!active || --active.count > 0) return;
  const { dir, cwd, env } = active;
  active = undefined;
  process.chdir(cwd);
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  // The links go, never what they point to (rm does not follow them).
  rmSync(dir, { recursive: true, force: true });
}

/** `<dir>/<name>` → `root` (made if missing: a first restore has nothing there yet). */
function linkRoot(link: string, root: string): void {
  mkdirSync(root, { recursive: true });
  try {
    if (readlinkSync(link) === root) return;
    rmSync(link, { force: true });
  } catch {
    // no link yet
  }
  symlinkSync(root, link, process.platform === 'win32' ? 'junction' : 'dir');
}

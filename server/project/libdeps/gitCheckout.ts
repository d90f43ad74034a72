import { spawnSync } from 'node:child_process';
import { redact, splitUrlCredentials } from '../../util/redact.js';

/**
 * A `git+URL#ref` lib_deps spec checked out with the system's git, as PlatformIO's GitClient
 * does: a tag or branch is a shallow clone (`--depth 1 --branch ref`), a commit id a full clone
 * and `reset --hard`, submodules included. The `.git` directory stays (PlatformIO keeps it and puts
 * its `.piopm` inside).
 */

export interface GitSource {
  url: string;
  ref?: string;
}

/** `git+https://host/repo.git#v1.0` → the remote and the ref. */
export function gitSource(uri: string): GitSource {
  let url = uri.replace(/^git\+/, '');
  let ref: string | undefined;
  const hash = url.lastIndexOf('#');
  if (hash >= 0) {
    ref = url.slice(hash + 1) || undefined;
    url = url.slice(0, hash);
  }
  return { url, ...(ref ? { ref } : {}) };
}

const isCommitId = (ref: string | undefined) => ref !== undefined && /^[0-9a-f]{7,}$/.test(ref);

function git(args: string[], cwd?: string, config: Record<string, string> = {}): string {
  // Config through the environment (GIT_CONFIG_COUNT, git 2.31+): not on a command line `ps` shows.
  const entries = Object.entries(config);
  const viaEnv = Object.fromEntries(
    entries.flatMap(([k, v], i) => [
      [`GIT_CONFIG_KEY_${i}`, k],
      [`GIT_CONFIG_VALUE_${i}`, v],
    ]),
  );
  const env = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    ...(entries.length ? { GIT_CONFIG_COUNT: String(entries.length), ...viaEnv } : {}),
  };
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env });
  if (r.error) throw new Error(`git could not run (${(r.error as NodeJS.ErrnoException).code}); install git`);
  if (r.status !== 0) {
    const why =
      (r.stderr || '')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('hint:'))
        .at(-1) ?? `exit ${r.status}`;
    throw new Error(`git ${args.find((a) => !a.startsWith('-') && !a.includes('='))} failed: ${redact(why)}`);
  }
  return r.stdout.trim();
}

/**
 * The URL and the ref come from the project: neither may be read by git as an option
 * (`git+--upload-pack=cmd` would run `cmd`). A value starting with `-` is refused, and the
 * positionals go after `--`; the `ext::` transport (which runs a command) is off, submodules included.
 */
function checkNotOption(what: string, value: string): void {
  if (value.startsWith('-'))
    throw new Error(`the ${what} ${JSON.stringify(value)} starts with '-', which git would read as an option; write a URL or a ref`);
}

/** Clones into `into` (which must not exist); returns the short revision checked out. */
export function gitExport(source: GitSource, into: string): string {
  checkNotOption('URL', source.url);
  if (source.ref !== undefined) checkNotOption('ref', source.ref);
  const commit = isCommitId(source.ref);
  // `user:pass@` in an http(s) URL: sent as basic auth to that origin only, and never written into
  // the checkout's .git (its config and reflog would keep the URL as given).
  const { url, authorization } = /^https?:/i.test(source.url) ? splitUrlCredentials(source.url) : { url: source.url };
  const auth: Record<string, string> = authorization
    ? { [`http.${new URL(url).origin}/.extraHeader`]: `Authorization: ${authorization}` }
    : {};
  const args = ['-c', 'protocol.ext.allow=never', 'clone', '--recursive', '--quiet'];
  if (!commit) args.push('--depth', '1', ...(source.ref ? [`--branch=${source.ref}`] : []));
  git([...args, '--', url, into], undefined, auth);
  if (commit) {
    git(['reset', '--quiet', '--hard', source.ref!, '--'], into);
    git(['-c', 'protocol.ext.allow=never', 'submodule', 'update', '--init', '--recursive', '--force'], into, auth);
  }
  return git(['rev-parse', '--short', 'HEAD'], into);
}

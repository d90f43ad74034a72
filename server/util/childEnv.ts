/**
 * The environment for a process the server (or the CLI, or the action) starts on a project's
 * behalf: a compiler, a linker, a `!command` build flag. It is the given environment without the
 * secrets this program holds: the server's bearer token, the remote tier's URL (it may carry a
 * password), and the tokens a GitHub runner gives the action (the cache service's runtime token,
 * the OIDC request token, `github-token`, and the composite action's inputs, which hold that token
 * and the remote URL: FBUILD_ACTION_INPUTS). A compiler needs none of them, and a build that prints
 * its environment (a failing `!command`, a verbose toolchain) would put them in a public log.
 *
 * `FBUILD_CACHE_TOKEN_FILE` stays: it is a path (to a 0600 file), which the wrapped backend's
 * `fbuild cc` needs to reach the server.
 */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !isSecretName(name)) out[name] = value;
  return out;
}

const SECRET_NAMES = new Set([
  'FBUILD_CACHE_TOKEN',
  'FBUILD_REMOTE_CACHE',
  'FBUILD_ACTION_INPUTS',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_RUNTIME_URL',
  'ACTIONS_RESULTS_URL',
  'ACTIONS_CACHE_URL',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
]);

/**
 * A secret by name: one of the above, an action input holding a token (`INPUT_GITHUB-TOKEN`), or an
 * fbuild variable named for a token, secret, password or credential (not a `..._FILE` path to one).
 */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (SECRET_NAMES.has(upper)) return true;
  if (upper.startsWith('INPUT_') && upper.includes('TOKEN')) return true;
  return upper.startsWith('FBUILD_') && !upper.endsWith('_FILE') && /TOKEN|SECRET|PASSWORD|CREDENTIAL/.test(upper);
}

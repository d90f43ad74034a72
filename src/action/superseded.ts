/**
 * Deletes the store entry this job restored, once a newer one is saved, so a busy branch keeps one
 * store per env set instead of one per run. Only an entry of this run's own ref: the REST call names
 * the ref, so a base branch's entry that a PR restored is never touched. Never throws.
 */
export async function deleteSupersededEntry(opts: {
  apiUrl: string;
  repository: string;
  token: string;
  key: string;
  ref: string;
}): Promise<{ deleted: boolean; message: string }> {
  if (!opts.repository || !opts.ref) return { deleted: false, message: 'no repository or ref in this job' };
  const url = `${opts.apiUrl.replace(/\/$/, '')}/repos/${opts.repository}/actions/caches?key=${encodeURIComponent(opts.key)}&ref=${encodeURIComponent(opts.ref)}`;
  try {
    const res = await fetch(url, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${opts.token}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' },
      signal: AbortSignal.timeout(15_000),
    });
    await res.body?.cancel();
    if (res.ok) return { deleted: true, message: `deleted the superseded entry ${opts.key}` };
    if (res.status === 404) return { deleted: false, message: `the restored entry ${opts.key} is not this ref's (${opts.ref}); kept` };
    if (res.status === 403) {
      return {
        deleted: false,
        message: `cannot delete the superseded entry ${opts.key}: the token may not (give the job 'permissions: actions: write')`,
      };
    }
    return { deleted: false, message: `could not delete the superseded entry ${opts.key}: HTTP ${res.status}` };
  } catch (e) {
    return { deleted: false, message: `could not delete the superseded entry ${opts.key}: ${(e as Error).message}` };
  }
}

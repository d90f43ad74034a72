/**
 * Credentials in URLs (`https://alice:s3cret@host/lib.tar.gz`, `https://TOKEN@github.com/o/r.git`)
 * never leave fbuild: every text it writes that may hold a project's URL (messages, `--json`, events,
 * `.piopm`, `integrity.dat`, the action's summary and comment) goes through `redact`. The user name
 * stays when there is a password (it says which account); a lone user name is masked too, since
 * tokens are often passed that way. `urlSecrets` lists what the action hands to `core.setSecret`.
 */

const MASK = '***';

/** `scheme://userinfo@`: the userinfo has no `/`, `@` or whitespace. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@?#]+)@/gi;

export function redact(text: string): string {
  return text.replace(USERINFO, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return colon >= 0 ? `${scheme}${userinfo.slice(0, colon)}:${MASK}@` : `${scheme}${MASK}@`;
  });
}

/** The secrets in the URLs of `text`: each password (or lone user name), as written and decoded. */
export function urlSecrets(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(USERINFO)) {
    const userinfo = m[2]!;
    const colon = userinfo.indexOf(':');
    const secret = colon >= 0 ? userinfo.slice(colon + 1) : userinfo;
    if (!secret) continue;
    out.add(secret);
    try {
      out.add(decodeURIComponent(secret));
    } catch {
      // not percent-encoded
    }
  }
  return [...out];
}

/**
 * A URL without its credentials, and the `Authorization` header that sends them as basic auth, as
 * Python's requests does for `https://user:pass@host/` (PlatformIO downloads through it).
 */
export function splitUrlCredentials(url: string): { url: string; authorization?: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url };
  }
  if (!u.username && !u.password) return { url };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString(), authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small GitHub REST API on 127.0.0.1: what the PR report calls, answered as GitHub answers it.
 * Issue comments (list with per_page/page and Link headers, get, create, update, delete), the PR list
 * by head label, tokens that may write or only read (writes then get GitHub's 403), the 422 of a body
 * over 65,536 characters, and on demand a 5xx or a secondary rate limit (403 with Retry-After).
 * A random latency per request makes concurrent writers interleave as they do on the real service.
 */

export interface EmulatedComment {
  id: number;
  body: string;
  user: { login: string };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface EmulatedPull {
  number: number;
  /** `owner:branch` of the head, as GitHub's `head` filter takes it. */
  headLabel: string;
  headSha: string;
  state?: 'open' | 'closed';
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
  /** When the answer was sent (Date.now()). */
  at: number;
}

type Fault = { kind: '5xx'; status: number } | { kind: 'secondary-rate-limit'; retryAfter: number };

export interface GithubApiEmulator {
  url: string;
  requests: LoggedRequest[];
  /** A token the emulator accepts: `write` may comment, `read` is what a fork PR's token is. */
  addToken(token: string, access: 'write' | 'read', login?: string): void;
  comments(owner: string, repo: string, issue: number): EmulatedComment[];
  /** Comments that were there before the test (written by someone else). */
  seedComments(owner: string, repo: string, issue: number, bodies: string[], login?: string): void;
  addPull(owner: string, repo: string, pull: EmulatedPull): void;
  /** The next `count` requests (of `method`, when given) fail with this fault. */
  failNext(count: number, fault: Fault, method?: string): void;
  close(): Promise<void>;
}

export const COMMENT_LIMIT = 65_536;

export async function startGithubApiEmulator(opts: { latencyMs?: [number, number] } = {}): Promise<GithubApiEmulator> {
  const tokens = new Map<string, { access: 'write' | 'read'; login: string }>();
  const issues = new Map<string, EmulatedComment[]>();
  const commentIssue = new Map<number, string>();
  const pulls = new Map<string, EmulatedPull[]>();
  const faults: { fault: Fault; method?: string }[] = [];
  const requests: LoggedRequest[] = [];
  let nextId = 1000;
  let url = '';

  const issueKey = (owner: string, repo: string, n: number) => `${owner}/${repo}#${n}`;
  const thread = (key: string) => {
    let list = issues.get(key);
    if (!list) issues.set(key, (list = []));
    return list;
  };
  const newComment = (key: string, body: string, login: string): EmulatedComment => {
    const id = nextId++;
    const now = new Date().toISOString();
    const [repoPath, n] = key.split('#');
    const c = {
      id,
      body,
      user: { login },
      html_url: `https://github.com/${repoPath}/pull/${n}#issuecomment-${id}`,
      created_at: now,
      updated_at: now,
    };
    thread(key).push(c);
    commentIssue.set(id, key);
    return c;
  };

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => void,
  ) {
    const [min, max] = opts.latencyMs ?? [0, 0];
    if (max > 0) await new Promise((r) => setTimeout(r, min + Math.random() * (max - min)));
    const method = req.method ?? 'GET';
    const u = new URL(req.url ?? '/', url);
    const faultAt = faults.findIndex((f) => !f.method || f.method === method);
    if (faultAt >= 0) {
      const { fault } = faults.splice(faultAt, 1)[0]!;
      if (fault.kind === '5xx') return send(fault.status, { message: 'Server Error' });
      return send(
        403,
        {
          message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest',
        },
        { 'retry-after': String(fault.retryAfter) },
      );
    }
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!auth) return send(401, { message: 'Requires authentication' });
    const who = tokens.get(auth);
    if (!who) return send(401, { message: 'Bad credentials' });
    const writes = method !== 'GET' && method !== 'HEAD';
    if (writes && who.access === 'read') return send(403, { message: 'Resource not accessible by integration' });
    const body = writes && method !== 'DELETE' ? await readJson(req) : undefined;
    const tooLong = (text: unknown) => typeof text === 'string' && [...text].length > COMMENT_LIMIT;

    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(u.pathname);
    if (m) {
      const key = issueKey(m[1]!, m[2]!, Number(m[3]));
      if (method === 'GET') {
        const perPage = Math.min(100, Math.max(1, Number(u.searchParams.get('per_page')) || 30));
        const page = Math.max(1, Number(u.searchParams.get('page')) || 1);
        const all = thread(key);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const link = (p: number, rel: string) => `<${url}${u.pathname}?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        const links = [
          ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
          ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : []),
        ];
        return send(200, all.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
      }
      if (method === 'POST') {
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return send(422, { message: 'Invalid request.' });
        if (tooLong(text)) return send(422, validationFailed());
        return send(201, newComment(key, text, who.login));
      }
      return send(404, { message: 'Not Found' });
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(u.pathname);
    if (m) {
      const id = Number(m[3]);
      const key = commentIssue.get(id);
      const list = key ? thread(key) : [];
      const at = list.findIndex((c) => c.id === id);
      if (at < 0 || !key?.startsWith(`${m[1]}/${m[2]}#`)) return send(404, { message: 'Not Found' });
      const c = list[at]!;
      if (method === 'GET') return send(200, c);
      if (method === 'PATCH') {
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return send(422, { message: 'Invalid request.' });
        if (tooLong(text)) return send(422, validationFailed());
        c.body = text;
        c.updated_at = new Date().toISOString();
        return send(200, c);
      }
      if (method === 'DELETE') {
        list.splice(at, 1);
        commentIssue.delete(id);
        return send(204);
      }
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(u.pathname);
    if (m && method === 'GET') {
      const head = u.searchParams.get('head');
      const state = u.searchParams.get('state') ?? 'open';
      const found = (pulls.get(`${m[1]}/${m[2]}`) ?? []).filter(
        (p) => (!head || p.headLabel === head) && (state === 'all' || (p.state ?? 'open') === state),
      );
      return send(
        200,
        found.map((p) => ({ number: p.number, state: p.state ?? 'open', head: { label: p.headLabel, sha: p.headSha } })),
      );
    }
    return send(404, { message: 'Not Found' });
  }

  const server = createServer((req, res) => {
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        status,
        authorization: req.headers.authorization,
        at: Date.now(),
      });
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    handle(req, res, send).catch((err) => send(500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    addToken: (token, access, login = access === 'write' ? 'github-actions[bot]' : 'reader') => void tokens.set(token, { access, login }),
    comments: (owner, repo, n) => [...thread(issueKey(owner, repo, n))],
    seedComments: (owner, repo, n, bodies, login = 'someone') => {
      for (const b of bodies) newComment(issueKey(owner, repo, n), b, login);
    },
    addPull: (owner, repo, pull) => {
      const key = `${owner}/${repo}`;
      pulls.set(key, [...(pulls.get(key) ?? []), pull]);
    },
    failNext: (count, fault, method) => {
      for (let i = 0; i < count; i++) faults.push({ fault, method });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function validationFailed() {
  return {
    message: 'Validation Failed',
    errors: [
      { resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${COMMENT_LIMIT} characters)` },
    ],
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

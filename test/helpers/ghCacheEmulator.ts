// The GitHub Actions cache service v2 on 127.0.0.1, as @actions/cache 6.x talks to it (DESIGN.md §4):
// twirp JSON calls, blob PUTs (one shot, or blocks and a block list) and plain GETs, prefix restores
// scoped by ref (a PR reads its base branch's entries), the REST call that deletes an entry by key
// and ref, and faults on demand per job: 429, 500, a body that is not JSON, a reset, no answer, and
// a downloaded archive cut in half or replaced by random bytes.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault = '429' | '500' | 'garbage' | 'reset' | 'hang';

/** What the blob download of a restore serves instead of the archive: its first half, or random bytes. */
export type BlobFault = 'truncated' | 'garbage';

export interface EmulatorEntry {
  id: number;
  key: string;
  version: string;
  ref: string;
  size: number;
  data?: Buffer;
  finalized: boolean;
  createdAt: number;
}

export interface JobIdentity {
  /** The run's ref, e.g. refs/heads/main or refs/pull/7/merge. */
  ref: string;
  /** A PR's base ref: its entries can be read, never written. */
  baseRef?: string;
  /** Every twirp call of this job gets this fault. */
  fault?: Fault;
  /** Whether the job's github-token may delete caches (actions: write). */
  actionsWrite?: boolean;
  /** The archives this job downloads are damaged so (the twirp calls answer as usual). */
  blobFault?: BlobFault;
}

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';

export class GhCacheEmulator {
  readonly entries: EmulatorEntry[] = [];
  /** Every request: method and path (no query). */
  readonly requests: { method: string; path: string; job?: string }[] = [];
  private readonly jobs = new Map<string, JobIdentity>();
  private readonly ghTokens = new Map<string, JobIdentity>();
  private readonly sockets = new Set<Socket>();
  private readonly blocks = new Map<number, Map<string, Buffer>>();
  private nextId = 1;
  private clock = 0;
  url = '';

  private readonly server = createServer((req, res) => {
    void this.handle(req, res).catch((e: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ msg: e.message }));
    });
  });

  static async start(): Promise<GhCacheEmulator> {
    const emu = new GhCacheEmulator();
    emu.server.on('connection', (s) => {
      emu.sockets.add(s);
      s.once('close', () => emu.sockets.delete(s));
    });
    await new Promise<void>((r) => emu.server.listen(0, '127.0.0.1', r));
    emu.url = `http://127.0.0.1:${(emu.server.address() as AddressInfo).port}`;
    return emu;
  }

  /** The runner's variables for one job that talks to this service: cache v2 and the REST API. */
  envFor(job: JobIdentity): Record<string, string> {
    const token = `rt-${randomBytes(8).toString('hex')}`;
    const ghToken = `ghs_${randomBytes(8).toString('hex')}`;
    this.jobs.set(token, job);
    this.ghTokens.set(ghToken, job);
    return {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `${this.url}/`,
      ACTIONS_RUNTIME_TOKEN: token,
      GITHUB_API_URL: this.url,
      GITHUB_TOKEN_FOR_TEST: ghToken,
      GITHUB_REF: job.ref,
    };
  }

  /** Finalized entries, oldest first. */
  finalized(): EmulatorEntry[] {
    return this.entries.filter((e) => e.finalized);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    const auth = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    this.requests.push({ method: req.method ?? '', path: url.pathname, ...(this.jobs.has(auth) ? { job: auth } : {}) });

    if (url.pathname.startsWith(TWIRP)) {
      const job = this.jobs.get(auth);
      if (!job) return json(res, 401, { code: 'unauthenticated', msg: 'no runtime token' });
      if (job.fault) return this.fault(job.fault, req, res);
      const call = url.pathname.slice(TWIRP.length);
      const msg = JSON.parse(body.toString('utf8') || '{}') as Record<string, string | string[]>;
      if (call === 'CreateCacheEntry') return this.create(job, msg, res);
      if (call === 'FinalizeCacheEntryUpload') return this.finalize(job, msg, res);
      if (call === 'GetCacheEntryDownloadURL') return this.lookup(job, msg, res);
      return json(res, 404, { code: 'bad_route', msg: `no method ${call}` });
    }
    const blob = /^\/acct\/cache\/(\d+)$/.exec(url.pathname);
    if (blob) return this.blob(Number(blob[1]), req, url, body, res);
    if (req.method === 'DELETE' && /^\/repos\/[^/]+\/[^/]+\/actions\/caches$/.test(url.pathname)) return this.deleteByKey(auth, url, res);
    return json(res, 404, { message: 'Not Found' });
  }

  private fault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
    if (fault === '429') return json(res, 429, { code: 'resource_exhausted', msg: 'too many requests' }, { 'retry-after': '60' });
    if (fault === '500') return json(res, 500, { code: 'internal', msg: 'the service broke' });
    if (fault === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>a proxy says hello</html>');
      return;
    }
    if (fault === 'reset') {
      req.socket.destroy();
      return;
    }
    // hang: the request is read and never answered (close() ends it).
  }

  private create(job: JobIdentity, msg: Record<string, string | string[]>, res: ServerResponse): void {
    const key = String(msg.key);
    const version = String(msg.version);
    // Entries are immutable: a key taken in this scope cannot be created again.
    if (this.entries.some((e) => e.key === key && e.version === version && e.ref === job.ref)) {
      return json(res, 409, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' });
    }
    const entry: EmulatorEntry = { id: this.nextId++, key, version, ref: job.ref, size: 0, finalized: false, createdAt: ++this.clock };
    this.entries.push(entry);
    json(res, 200, { ok: true, signed_upload_url: `${this.url}/acct/cache/${entry.id}?sig=upload` });
  }

  private finalize(job: JobIdentity, msg: Record<string, string | string[]>, res: ServerResponse): void {
    const entry = this.entries.find((e) => e.key === msg.key && e.version === msg.version && e.ref === job.ref && !e.finalized);
    if (!entry?.data) return json(res, 404, { code: 'not_found', msg: 'no upload for this key' });
    if (Number(msg.size_bytes) !== entry.data.length)
      return json(res, 400, { code: 'invalid_argument', msg: 'size does not match the upload' });
    entry.finalized = true;
    entry.size = entry.data.length;
    json(res, 200, { ok: true, entry_id: String(entry.id) });
  }

  /** Exact key first, then each restore key as a prefix, newest first; own ref, then the base ref. */
  private lookup(job: JobIdentity, msg: Record<string, string | string[]>, res: ServerResponse): void {
    const refs = [job.ref, ...(job.baseRef ? [job.baseRef] : [])];
    const candidates = (match: (e: EmulatorEntry) => boolean) => {
      for (const ref of refs) {
        const found = this.finalized()
          .filter((e) => e.ref === ref && e.version === msg.version && match(e))
          .sort((a, b) => b.createdAt - a.createdAt)[0];
        if (found) return found;
      }
      return undefined;
    };
    const key = String(msg.key);
    let hit = candidates((e) => e.key === key);
    for (const prefix of (msg.restore_keys as string[] | undefined) ?? []) hit ??= candidates((e) => e.key.startsWith(prefix));
    if (!hit) return json(res, 200, { ok: false });
    const fault = job.blobFault ? `&fault=${job.blobFault}` : '';
    json(res, 200, { ok: true, signed_download_url: `${this.url}/acct/cache/${hit.id}?sig=download${fault}`, matched_key: hit.key });
  }

  private blob(id: number, req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): void {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return void res.writeHead(404).end();
    if (req.method === 'GET') {
      if (!entry.data) return void res.writeHead(404).end();
      const fault = url.searchParams.get('fault') as BlobFault | null;
      // A consistent answer (its content-length is what is sent): the damage is found only by unpacking.
      const data =
        fault === 'truncated'
          ? entry.data.subarray(0, Math.floor(entry.data.length / 2))
          : fault === 'garbage'
            ? randomBytes(entry.data.length)
            : entry.data;
      res.writeHead(200, { 'content-length': data.length, 'content-type': 'application/octet-stream' }).end(data);
      return;
    }
    if (req.method !== 'PUT') return void res.writeHead(405).end();
    const comp = url.searchParams.get('comp');
    if (comp === 'block') {
      let blocks = this.blocks.get(id);
      if (!blocks) this.blocks.set(id, (blocks = new Map()));
      blocks.set(url.searchParams.get('blockid') ?? '', body);
    } else if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]!);
      const blocks = this.blocks.get(id) ?? new Map<string, Buffer>();
      if (ids.some((b) => !blocks.has(b))) return void res.writeHead(400).end();
      entry.data = Buffer.concat(ids.map((b) => blocks.get(b)!));
      this.blocks.delete(id);
    } else {
      if (req.headers['x-ms-blob-type'] !== 'BlockBlob') return void res.writeHead(400).end();
      entry.data = body;
    }
    res.writeHead(201, { etag: `"${id}-${entry.data?.length ?? 0}"`, 'last-modified': new Date().toUTCString() }).end();
  }

  /** DELETE /repos/{owner}/{repo}/actions/caches?key=&ref=: 200 with what was deleted, 404 when nothing matched. */
  private deleteByKey(auth: string, url: URL, res: ServerResponse): void {
    const job = this.ghTokens.get(auth);
    if (!job) return json(res, 401, { message: 'Bad credentials' });
    if (!job.actionsWrite) return json(res, 403, { message: 'Resource not accessible by integration' });
    const key = url.searchParams.get('key');
    const ref = url.searchParams.get('ref');
    const gone = this.entries.filter((e) => e.finalized && e.key === key && (!ref || e.ref === ref));
    if (!gone.length) return json(res, 404, { message: 'Not Found' });
    for (const e of gone) this.entries.splice(this.entries.indexOf(e), 1);
    json(res, 200, {
      total_count: gone.length,
      actions_caches: gone.map((e) => ({ id: e.id, key: e.key, ref: e.ref, size_in_bytes: e.size })),
    });
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

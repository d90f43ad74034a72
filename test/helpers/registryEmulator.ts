import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir, writeFiles } from './fixtures.ts';

/**
 * A PlatformIO registry on 127.0.0.1 for tests: the API (`/v3/packages/{owner}/library/{name}`,
 * `/v3/search`), the download host with the registry's redirect protocol (HEAD → 302 with
 * `Location`, `X-PIO-Content-SHA256` and `X-PIO-Mirror`), plain archive URLs, archives made at test
 * time with tar/zip, every request counted, and faults on demand.
 */

export type ArchiveFormat = 'tar.gz' | 'tar.bz2' | 'tar.xz' | 'zip';

export interface Fault {
  /** Which requests: a method and a path prefix (`GET /files/`). */
  method?: string;
  path: string;
  /** An HTTP status to answer instead. */
  status?: number;
  /** Send only half the body, then end (with no Content-Length, so only the size check can tell). */
  truncate?: boolean;
  /** Say a wrong `X-PIO-Content-SHA256` on the HEAD redirect. */
  wrongChecksum?: boolean;
  /** How many requests it applies to; default every one. */
  times?: number;
}

interface Published {
  id: number;
  owner: string;
  name: string;
  versions: { name: string; file: string; sha256: string; size: number; system?: string[] }[];
}

export interface RegistryEmulator {
  /** The API base, for FBUILD_REGISTRY_URL. */
  apiUrl: string;
  /** The address of a path on the emulator. */
  url(path: string): string;
  /** Every request as `METHOD /path?query`. */
  requests: string[];
  publish(
    owner: string,
    name: string,
    version: string,
    files: Record<string, string>,
    opts?: { format?: ArchiveFormat; system?: string[]; topDir?: boolean },
  ): void;
  /** Serves an archive of `files` at `/archives/<fileName>`; returns its URL. */
  serveArchive(fileName: string, files: Record<string, string>, format?: ArchiveFormat): string;
  /** Answers 401 to requests under `path` that do not send these credentials as basic auth (a private archive). */
  requireBasicAuth(path: string, user: string, password: string): void;
  /** Serves `body` as is at `/archives/<fileName>` (an archive a test made itself); returns its URL. */
  serveBytes(fileName: string, body: Buffer): string;
  fault(f: Fault): void;
  close(): Promise<void>;
}

export async function startRegistry(): Promise<RegistryEmulator> {
  const work = tempDir('fbuild-registry-');
  const blobs = new Map<string, Buffer>();
  const packages = new Map<string, Published>();
  const requests: string[] = [];
  const faults: Fault[] = [];
  const private_: { path: string; authorization: string }[] = [];
  let nextId = 1000;
  let seq = 0;

  const archive = (files: Record<string, string>, format: ArchiveFormat, topDir: string | undefined): Buffer => {
    const stage = join(work.dir, `stage-${++seq}`);
    const root = topDir ? join(stage, topDir) : stage;
    mkdirSync(root, { recursive: true });
    writeFiles(root, files);
    const out = join(work.dir, `archive-${seq}.${format}`);
    if (format === 'zip') execFileSync('zip', ['-qr', out, '.'], { cwd: stage });
    else execFileSync('tar', [{ 'tar.gz': '-czf', 'tar.bz2': '-cjf', 'tar.xz': '-cJf' }[format], out, '-C', stage, '.']);
    return readFileSync(out);
  };

  const faultFor = (req: IncomingMessage, path: string, use: (f: Fault) => boolean): Fault | undefined => {
    const f = faults.find(
      (x) =>
        (x.method === undefined || x.method === req.method) && path.startsWith(x.path) && use(x) && (x.times === undefined || x.times > 0),
    );
    if (f && f.times !== undefined) f.times--;
    return f;
  };

  const latest = (p: Published) => p.versions.reduce((a, b) => (cmp(a.name, b.name) >= 0 ? a : b));
  const versionJson = (p: Published, v: Published['versions'][number]) => ({
    name: v.name,
    released_at: '2026-01-01 00:00:00',
    files: [
      {
        system: v.system ?? '*',
        size: v.size,
        download_url: base(`/download/${p.owner}/${p.name}/${v.name}/${v.file}`),
        checksum: { sha256: v.sha256 },
      },
    ],
  });
  const packageJson = (p: Published) => ({
    id: p.id,
    name: p.name,
    owner: { username: p.owner },
    type: 'library',
    version: versionJson(p, latest(p)),
    versions: p.versions.map((v) => versionJson(p, v)),
  });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const path = url.pathname;
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const statusFault = faultFor(req, path, (f) => f.status !== undefined);
    if (statusFault) return json(statusFault.status!, { errors: [{ title: 'fault on demand' }] });
    const guarded = private_.find((p) => path.startsWith(p.path));
    if (guarded && req.headers.authorization !== guarded.authorization)
      return res.writeHead(401, { 'www-authenticate': 'Basic realm="private"' }).end();

    let m = /^\/v3\/packages\/([^/]+)\/(?:library|tool)\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET') {
      const p = packages.get(`${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`);
      return p ? json(200, packageJson(p)) : json(404, { errors: [{ status: 404, title: 'Not Found' }] });
    }
    if (path === '/v3/search' && req.method === 'GET') {
      const query = url.searchParams.get('query') ?? '';
      const field = (k: string) => new RegExp(`${k}:"([^"]*)"`).exec(query)?.[1];
      const items = [...packages.values()]
        .filter(
          (p) =>
            (field('name') === undefined || p.name.toLowerCase() === field('name')) &&
            (field('owner') === undefined || p.owner === field('owner')),
        )
        .filter((p) => field('id') === undefined || String(p.id) === field('id'))
        .map((p) => ({ id: p.id, name: p.name, owner: { username: p.owner }, type: 'library', version: versionJson(p, latest(p)) }));
      return json(200, { items, total: items.length, page: 1, limit: 10 });
    }
    m = /^\/download\/([^/]+)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
    if (m && req.method === 'HEAD') {
      const p = packages.get(`${m[1]!.toLowerCase()}/${m[2]!.toLowerCase()}`);
      const v = p?.versions.find((x) => x.name === m![3]);
      if (!v) return res.writeHead(404).end();
      const sha = faultFor(req, path, (f) => f.wrongChecksum === true) ? 'f'.repeat(64) : v.sha256;
      return res.writeHead(302, { location: base(`/files/${v.file}`), 'x-pio-content-sha256': sha, 'x-pio-mirror': '127.0.0.1' }).end();
    }
    if ((path.startsWith('/files/') || path.startsWith('/archives/')) && req.method === 'GET') {
      const body = blobs.get(path);
      if (!body) return res.writeHead(404).end();
      if (faultFor(req, path, (f) => f.truncate === true)) return res.writeHead(200).end(body.subarray(0, body.length >> 1));
      return res.writeHead(200, { 'content-length': body.length }).end(body);
    }
    return json(404, { errors: [{ title: 'no such route' }] });
  };

  const server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = (p: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${p}`;

  return {
    apiUrl: base(''),
    url: base,
    requests,
    publish(owner, name, version, files, opts = {}) {
      const format = opts.format ?? 'tar.gz';
      const body = archive(files, format, opts.topDir ? `${name}-${version}` : undefined);
      const file = `${owner}-${name}-${version}.${format}`.replace(/[^\w.-]/g, '_');
      blobs.set(`/files/${file}`, body);
      const key = `${owner.toLowerCase()}/${name.toLowerCase()}`;
      const p = packages.get(key) ?? { id: nextId++, owner, name, versions: [] };
      p.versions.push({
        name: version,
        file,
        sha256: createHash('sha256').update(body).digest('hex'),
        size: body.length,
        ...(opts.system ? { system: opts.system } : {}),
      });
      packages.set(key, p);
    },
    serveArchive(fileName, files, format = 'tar.gz') {
      blobs.set(`/archives/${fileName}`, archive(files, format, fileName.replace(/\.(tar\.\w+|zip)$/, '')));
      return base(`/archives/${fileName}`);
    },
    requireBasicAuth(path, user, password) {
      private_.push({ path, authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    },
    serveBytes(fileName, body) {
      blobs.set(`/archives/${fileName}`, body);
      return base(`/archives/${fileName}`);
    },
    fault(f) {
      faults.push({ ...f });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      work.cleanup();
    },
  };
}

/** Compares dotted versions numerically (the emulator's own "latest"). */
function cmp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** A bare git repository at `<dir>/<name>.git` holding `files`, with each tag in `tags` on one commit. */
export function makeGitRepo(
  dir: string,
  name: string,
  files: Record<string, string>,
  tags: string[] = [],
): { path: string; commit: string } {
  const work = join(dir, `${name}-work`);
  mkdirSync(work, { recursive: true });
  writeFiles(work, files);
  const git = (args: string[], cwd = work) =>
    execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
  git(['init', '--quiet', '--initial-branch=main']);
  git(['add', '.']);
  git(['commit', '--quiet', '-m', 'library']);
  for (const t of tags) git(['tag', t]);
  const commit = git(['rev-parse', 'HEAD']);
  const path = join(dir, `${name}.git`);
  git(['clone', '--quiet', '--bare', work, path], dir);
  return { path, commit };
}

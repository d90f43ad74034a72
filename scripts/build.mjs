// Bundles each entry point into one self-contained ESM file under dist/ (committed: a GitHub Action
// runs from the repository as checked out, with no npm install). esbuild is used because it is fast and
// its output is deterministic, so CI can check that dist/ matches a fresh build byte for byte.
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyVendor, NODE_CJS } from './lazyVendor.mjs';

// One entry per step of the action: action.yml's setup, build and save steps; the setup sub-action
// runs action-setup.js as its main and action-save.js as its post; the save sub-action action-save.js.
const entries = {
  cli: 'src/cli/main.ts',
  'action-setup': 'src/action/entries/setup.ts',
  'action-build': 'src/action/entries/build.ts',
  'action-save': 'src/action/entries/save.ts',
  // report/action.yml: the fork PR recipe's workflow_run job.
  report: 'src/action/entries/report.ts',
  // `fbuild cc` without a server (the in-process cache), imported on demand by dist/cc.cjs.
  'cc-local': 'src/cli/ccLocal.ts',
};

// `--outdir DIR` builds elsewhere (the action's tests bundle into a temporary copy of the action).
const outIndex = process.argv.indexOf('--outdir');
const outdir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';

// @actions/core imports its OIDC client (and with it @actions/http-client, its own copy of undici:
// 0.8 MB) only for getIDToken(), which the action never calls. Each step is a process start, so the
// bundle leaves it out: the action's own overhead is what users wait for on every job.
const withoutOidc = {
  name: 'without-oidc',
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /@actions[\\/]core[\\/]/.test(args.importer) ? { path: 'oidc-utils', namespace: 'without-oidc' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'without-oidc' }, () => ({
      contents: "export class OidcClient { static getIDToken() { throw new Error('getIDToken is not bundled in fbuild'); } }",
      loader: 'js',
    }));
  },
};

// Seldom-run dependencies (undici's ProxyAgent, Azure's blob client) in dist/vendor/, loaded on first use.
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const vendor = lazyVendor(REPO_ROOT);

// A large JSON file (the board table, ~100 KB) as JSON.parse of a string rather than an object
// literal: V8 parses JSON text several times faster than the same data as code, and every
// `fbuild build` pays for it at start.
const jsonAsString = {
  name: 'json-as-string',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (text.length < 10_000) return undefined;
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(text)))});`, loader: 'js' };
    });
  },
};

// `fbuild build` asks its resident server first (src/cli/buildResident.ts): in the bundle that is
// dist/build-client.js, one file with nothing but Node's own modules, not a graph of chunks.
const buildClientApart = {
  name: 'build-client-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/buildResident\.js$/ }, (args) =>
      /src[\\/]cli[\\/]main\.ts$/.test(args.importer) ? { path: './build-client.js', external: true } : undefined,
    );
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  // Commands are imported on demand: with splitting, `fbuild cc` loads its own small chunk and not
  // the server, the orchestrator or undici.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: 'node20',
  legalComments: 'none',
  // Some dependencies are CommonJS and call require(); give the ESM bundle a real one.
  banner: {
    js: "import { createRequire as __fbuildCreateRequire } from 'node:module';\nconst require = __fbuildCreateRequire(import.meta.url);",
  },
  // msgpackr-extract is an optional native speed-up; the bundle uses msgpackr's pure JS path.
  external: ['msgpackr-extract'],
  logLevel: 'warning',
  plugins: [withoutOidc, vendor.plugin, jsonAsString, buildClientApart],
});
await vendor.writeVendored(outdir);
// dist/cc.cjs: `fbuild cc` alone, one file with no chunks and nothing but Node's own modules, for the
// wrapped backend's process per compile (each module and each kilobyte loaded is paid on every unit).
// CommonJS because Node's ESM loader costs about 6 ms of each start here. Its in-process path (no
// server) stays out of it: that import() is left to dist/cc-local.js above.
const ccLocalApart = {
  name: 'cc-local-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/ccLocal\.js$/ }, () => ({ path: './cc-local.js', external: true }));
  },
};
await build({
  entryPoints: { cc: 'src/cli/ccMain.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  ...NODE_CJS,
  plugins: [ccLocalApart],
});
// dist/build-client.js: the resident server's client (see buildClientApart above). It is the whole
// of a warm build's own process when a resident server answers, so what it loads is what it costs:
// one ES module (CommonJS imported from ES modules is first scanned for its exports, 30 ms here).
await build({ entryPoints: { 'build-client': 'src/cli/buildResident.ts' }, outdir, ...NODE_CJS, format: 'esm' });
// Pure ASCII files: esbuild escapes non-ASCII characters in strings and names but keeps comments
// as they are, and one curly quote in a comment of undici made Node read a whole chunk as UTF-8 into
// a two-byte string (slower to decode and to scan: about a sixth of loading @actions/cache). Such a
// character left in a comment is written as an escape, which in a comment is just text; one found
// anywhere else fails the build rather than being changed.
for (const file of readdirSync(outdir, { recursive: true })) {
  if (!/\.c?js$/.test(file)) continue;
  const path = join(outdir, file);
  const text = readFileSync(path, 'utf8');
  if (!/[^\p{ASCII}]/u.test(text)) continue;
  const lines = text.split('\n').map((line, i) => {
    const at = line.search(/[^\p{ASCII}]/u);
    if (at < 0) return line;
    const comment = line.indexOf('//');
    if (!(/^\s*(\/\*|\*)/.test(line) || (comment >= 0 && comment < at)))
      throw new Error(`${path}:${i + 1}: a non-ASCII character outside a comment; escape it in the source`);
    return line.replace(/[^\p{ASCII}]/gu, (c) => `\\u{${c.codePointAt(0).toString(16)}}`);
  });
  writeFileSync(path, lines.join('\n'));
}
// The shebang only on the entry point (a chunk must not have one).
const cliPath = `${outdir}/cli.js`;
const cli = readFileSync(cliPath, 'utf8');
writeFileSync(cliPath, `#!/usr/bin/env node\n${cli}`);
chmodSync(cliPath, 0o755);

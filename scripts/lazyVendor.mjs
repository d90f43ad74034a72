// Dependencies that a step of the action seldom runs, bundled apart in dist/vendor/ and required on
// first use, so that loading the step does not parse them. What a step loads is paid on every job:
// V8 parses (pre-parses) all the code of a module it loads, even the functions never called, and
// @actions/cache's bundle was 2.3 MB, of which two parts run only sometimes:
// - the copy of undici that @actions/http-client imports for one thing, the ProxyAgent of
//   getAgentDispatcher() (@actions/github's client behind a proxy): 0.8 MB per copy;
// - @azure/storage-blob with its pipeline and XML parser (0.9 MB): @actions/cache uploads with its
//   BlobClient, and downloads with it only when asked to (useAzureSdk, off by default), so a warm job
//   that restores and has nothing to save never runs it.
// The packages themselves are bundled unchanged; only when they are evaluated moves.
import { build } from 'esbuild';
import { dirname, join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';

/** esbuild's options for a self-contained CommonJS file for Node (dist/cc.cjs and the vendored bundles). */
export const NODE_CJS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
};

/** A module that loads dist/vendor/NAME from whichever bundle file it lands in (an entry or a chunk). */
function vendorLoader(name) {
  return [
    "import { fileURLToPath as __vendorPath } from 'node:url';",
    'let __vendor;',
    // A chunk lives in dist/chunks/, an entry in dist/ itself.
    `const load = () => (__vendor ??= require(__vendorPath(new URL((/\\/chunks\\/[^/]*$/.test(import.meta.url) ? '../' : './') + 'vendor/${name}', import.meta.url))));`,
  ].join('\n');
}

/** A class whose `new` makes the vendored package's class of that name (the same object, so its methods are the real ones). */
const forwardingClass = (name) =>
  `export class ${name} { constructor(...args) { const Real = load().${name}; return new Real(...args); } }`;

/** One bundle per copy of a package, named by where the copy is (node_modules/@actions/github/node_modules/undici: actions-github-undici). */
function vendorName(packageDir, repoRoot) {
  const where = relative(repoRoot, packageDir)
    .split(sep)
    .join('/')
    .replace(/node_modules\//g, '');
  return `${where.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.cjs`;
}

/**
 * The esbuild plugin, and `writeVendored(outdir)` to make the files it refers to (after the main build).
 * `repoRoot` names the copies relative to the repository, so no checkout's path reaches the bundle.
 */
export function lazyVendor(repoRoot) {
  /** name -> { resolveDir, request } */
  const vendored = new Map();
  const plugin = {
    name: 'lazy-vendor',
    setup(b) {
      b.onResolve({ filter: /^(undici|@azure\/storage-blob)$/ }, (args) => {
        if (args.namespace !== 'file') return undefined;
        const fromHttpClient = args.path === 'undici' && /@actions[\\/]http-client[\\/]/.test(args.importer);
        const fromCache = args.path === '@azure/storage-blob' && /@actions[\\/]cache[\\/]/.test(args.importer);
        if (!fromHttpClient && !fromCache) return undefined;
        const main = createRequire(args.importer).resolve(args.path);
        const tail = join('node_modules', ...args.path.split('/'));
        const packageDir = main.slice(0, main.lastIndexOf(tail) + tail.length);
        const name = vendorName(packageDir, repoRoot);
        vendored.set(name, { resolveDir: dirname(args.importer), request: args.path });
        return { path: name, namespace: 'lazy-vendor' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => {
        // http-client imports { ProxyAgent }; @actions/cache imports { BlobClient } and { BlockBlobClient }.
        // A name imported that is not here fails the build (esbuild checks the imports), never a job.
        const classes = args.path.endsWith('undici.cjs') ? ['ProxyAgent'] : ['BlobClient', 'BlockBlobClient'];
        return { contents: [vendorLoader(args.path), ...classes.map(forwardingClass)].join('\n'), loader: 'js' };
      });
    },
  };
  async function writeVendored(outdir) {
    for (const [name, { resolveDir, request }] of [...vendored].sort(([a], [b]) => a.localeCompare(b))) {
      await build({
        stdin: { contents: `module.exports = require(${JSON.stringify(request)});`, resolveDir, loader: 'js' },
        outfile: join(outdir, 'vendor', name),
        ...NODE_CJS,
      });
    }
    return [...vendored.keys()];
  }
  return { plugin, writeVendored };
}

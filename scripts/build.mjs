// Bundles each entry point into one self-contained ESM file under dist/ (committed: a GitHub Action
// runs from the repository as checked out, with no npm install). esbuild is used because it is fast and
// its output is deterministic, so CI can check that dist/ matches a fresh build byte for byte.
import { build } from 'esbuild';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const entries = {
  cli: 'src/cli/main.ts',
};

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: 'dist',
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
});
// The shebang only on the entry point (a chunk must not have one).
const cli = readFileSync('dist/cli.js', 'utf8');
writeFileSync('dist/cli.js', `#!/usr/bin/env node\n${cli}`);
chmodSync('dist/cli.js', 0o755);

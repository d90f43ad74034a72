// The layering rule (DESIGN.md §2): each folder is one layer and an import only ever points down
// this list. dependency-cruiser checks it, and also that no two modules import each other in a
// cycle. `npm run lint` runs it; a failure names the importing file and the imported one.
const LAYERS = [
  ['front ends', '^src/(action|cli)/'],
  ['thin clients', '^src/client/'],
  ['http', '^server/http/'],
  ['engine', '^server/engine/'],
  ['targets', '^server/targets/'],
  ['project', '^server/project/'],
  ['toolchains', '^server/toolchains/'],
  ['cache', '^server/cache/'],
  ['protocol and util', '^server/(protocol|util)/'],
];

const upward = LAYERS.slice(1).map(([name, path], i) => ({
  name: `no-upward-import-from-${name.replace(/\W+/g, '-')}`,
  comment: `${name} is below ${LAYERS.slice(0, i + 1)
    .map(([n]) => n)
    .join(', ')}: it must not import them`,
  severity: 'error',
  from: { path },
  to: {
    path: LAYERS.slice(0, i + 1)
      .map(([, p]) => `(${p})`)
      .join('|'),
  },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'protocol-is-types-only',
      comment: 'server/protocol holds wire types only and imports nothing of ours',
      severity: 'error',
      from: { path: '^server/protocol/' },
      to: { path: '^(src|server)/', pathNot: '^server/protocol/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(src|server)/' },
      to: { circular: true },
    },
    {
      name: 'only-known-layers',
      comment: 'every source file lives in one of the layers',
      severity: 'error',
      from: { path: '^(src|server)/', pathNot: LAYERS.map(([, p]) => `(${p})`).join('|') },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};

// The layering rule itself: dependency-cruiser passes on the tree as it is, and fails, naming the
// rule and the files, on a copy of the tree with one upward import and with one cycle.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from './helpers/fixtures.ts';

const ROOT = join(import.meta.dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(cwd: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [DEPCRUISE, 'server', 'src', '--config', '.dependency-cruiser.cjs'], { cwd, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function copyOfTree(dir: string): void {
  for (const p of ['server', 'src', 'tsconfig.json', '.dependency-cruiser.cjs', 'package.json'])
    cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
}

test('the layering rule passes on the tree and fails on an upward import or a cycle', () => {
  const here = cruise(ROOT);
  assert.equal(here.status, 0, here.out);

  const t = tempDir('fbuild-layers-');
  try {
    // One copy of the tree with both faults (a cruise takes seconds): each must be named.
    const broken = join(t.dir, 'broken');
    copyOfTree(broken);
    // The cache layer reaching up into the engine.
    appendFileSync(join(broken, 'server', 'cache', 'hash.ts'), "\nexport { build as _upward } from '../engine/orchestrator.js';\n");
    // A cycle inside util.
    appendFileSync(join(broken, 'server', 'util', 'errors.ts'), "\nexport { onPath as _cycle } from './pathLookup.js';\n");
    appendFileSync(join(broken, 'server', 'util', 'pathLookup.ts'), "\nexport { UserError as _cycle } from './errors.js';\n");
    const r = cruise(broken);
    assert.notEqual(r.status, 0, 'an upward import and a cycle must fail the rule');
    assert.match(r.out, /no-upward-import-from-cache: server\/cache\/hash\.ts → server\/engine\/orchestrator\.ts/);
    // Named by its files: the upward import makes cycles of its own through the engine.
    assert.match(r.out, /no-circular: server\/util\/(errors|pathLookup)\.ts → \s*server\/util\/(pathLookup|errors)\.ts/);
  } finally {
    t.cleanup();
  }
});

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
    const upward = join(t.dir, 'upward');
    copyOfTree(upward);
    // The cache layer reaching up into the engine.
    appendFileSync(join(upward, 'server', 'cache', 'hash.ts'), "\nexport { build as _upward } from '../engine/orchestrator.js';\n");
    const r = cruise(upward);
    assert.notEqual(r.status, 0, 'an upward import must fail the rule');
    assert.match(r.out, /no-upward-import-from-cache: server\/cache\/hash\.ts → server\/engine\/orchestrator\.ts/);

    const cycle = join(t.dir, 'cycle');
    copyOfTree(cycle);
    appendFileSync(join(cycle, 'server', 'util', 'errors.ts'), "\nexport { onPath as _cycle } from './pathLookup.js';\n");
    appendFileSync(join(cycle, 'server', 'util', 'pathLookup.ts'), "\nexport { UserError as _cycle } from './errors.js';\n");
    const c = cruise(cycle);
    assert.notEqual(c.status, 0, 'a cycle must fail the rule');
    assert.match(c.out, /no-circular/);
  } finally {
    t.cleanup();
  }
});

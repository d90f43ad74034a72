import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KeyHasher, sha256Hex } from '../cache/hash.js';
import { parseDepfile } from '../cache/depfile.js';
import type { EnvConfig } from '../project/platformioIni.js';
import { listFiles } from '../project/sourceFilter.js';

/**
 * The whole-build fingerprint (zccache's `fp check` / `mark-success`): after a successful build we
 * record every input (each file a compile read, the project's file listing, the configuration and the
 * toolchain), and the outputs. When none changed, the next build is skipped: size and mtime are
 * compared first, and a file whose stat changed is still unchanged if its content hash is.
 */

export interface Fingerprint {
  configKey: string;
  listing: string;
}

type FileRecord = [path: string, size: number, mtimeMs: number, hash: string];

interface FingerprintFile<R> {
  v: 1;
  configKey: string;
  listing: string;
  inputs: FileRecord[];
  outputs: FileRecord[];
  result: R;
}

/** The project's own trees (src, include, lib and lib_extra_dirs), where a new or deleted file changes the build. */
const DEFAULT_TREES = ['src', 'lib', 'include'];

export function buildFingerprint(opts: { projectDir: string; envConfig: EnvConfig; parts: string[]; tools: string[]; version: string; trees?: string[] }): Fingerprint {
  const h = new KeyHasher('fbuild-fingerprint-v1')
    .field(opts.version)
    .field(JSON.stringify(opts.envConfig.raw))
    .fields(opts.parts);
  for (const tool of opts.tools) {
    const st = statSync(tool);
    h.field(`${tool}:${st.size}:${st.mtimeMs}`);
  }
  return { configKey: h.hex(), listing: projectListing(opts.projectDir, opts.trees ?? DEFAULT_TREES) };
}

function projectListing(projectDir: string, trees: string[]): string {
  const h = new KeyHasher('fbuild-listing-v1');
  for (const dir of trees) h.field(dir).fields(listFiles(isAbsolute(dir) ? dir : join(projectDir, dir)));
  return h.hex();
}

function record(path: string, abs: string): FileRecord | undefined {
  try {
    const st = statSync(abs);
    return [path, st.size, st.mtimeMs, sha256Hex(readFileSync(abs))];
  } catch {
    return undefined;
  }
}

function unchanged(rec: FileRecord, projectDir: string): boolean {
  const abs = isAbsolute(rec[0]) ? rec[0] : join(projectDir, rec[0]);
  let st;
  try {
    st = statSync(abs);
  } catch {
    return false;
  }
  if (st.size === rec[1] && st.mtimeMs === rec[2]) return true;
  if (st.size !== rec[1]) return false;
  try {
    return sha256Hex(readFileSync(abs)) === rec[3];
  } catch {
    return false;
  }
}

/** The recorded result when nothing changed, else undefined. */
export function checkFingerprint<R>(path: string, fp: Fingerprint, projectDir: string): R | undefined {
  if (!existsSync(path)) return undefined;
  let saved: FingerprintFile<R>;
  try {
    saved = JSON.parse(readFileSync(path, 'utf8')) as FingerprintFile<R>;
  } catch {
    return undefined;
  }
  if (saved.v !== 1 || saved.configKey !== fp.configKey || saved.listing !== fp.listing) return undefined;
  for (const rec of [...saved.outputs, ...saved.inputs]) if (!unchanged(rec, projectDir)) return undefined;
  return saved.result;
}

/** Records a successful build: its inputs (from the depfiles and the project tree) and outputs. */
export function saveFingerprint<R>(
  path: string,
  fp: Fingerprint,
  projectDir: string,
  depfiles: string[],
  outputs: string[],
  result: R,
  more: { trees?: string[]; files?: string[] } = {},
): void {
  const inputs = new Map<string, string>();
  const add = (p: string) => inputs.set(p, isAbsolute(p) ? p : join(projectDir, p));
  add('platformio.ini');
  for (const f of more.files ?? []) add(f);
  for (const dir of more.trees ?? DEFAULT_TREES) for (const f of listFiles(isAbsolute(dir) ? dir : join(projectDir, dir))) add(`${dir}/${f}`);
  for (const d of depfiles) {
    let text: string;
    try {
      text = readFileSync(join(projectDir, d), 'utf8');
    } catch {
      return; // without every depfile we cannot know the inputs: record nothing
    }
    for (const dep of parseDepfile(text)?.deps ?? []) add(dep);
  }
  const file: FingerprintFile<R> = {
    v: 1,
    configKey: fp.configKey,
    listing: fp.listing,
    inputs: [...inputs].map(([p, abs]) => record(p, abs)).filter((r): r is FileRecord => r !== undefined),
    outputs: outputs.map((o) => record(o, join(projectDir, o))).filter((r): r is FileRecord => r !== undefined),
    result,
  };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file));
  renameSync(tmp, path);
}

import type { RemoteCacheConfig } from '../../server/cache/remoteConfig.js';
import type { ToolchainMode } from '../../server/toolchains/resolveAvr.js';
import { REMOTE_CACHE_OPTIONS } from './remoteCacheOption.js';

/** `fbuild build`'s options, for node:util's parseArgs: the full path and the up-to-date answer read the same ones. */
export const BUILD_OPTIONS = {
  environment: { type: 'string', short: 'e' },
  'cache-dir': { type: 'string' },
  'max-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'no-cache': { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  'keep-objects': { type: 'boolean', default: false },
  verbose: { type: 'boolean', short: 'v', default: false },
  json: { type: 'boolean', default: false },
  backend: { type: 'string' },
  server: { type: 'string' },
  toolchain: { type: 'string' },
  offline: { type: 'boolean', default: false },
  'no-daemon': { type: 'boolean', default: false },
  ...REMOTE_CACHE_OPTIONS,
} as const;

/** `fbuild build`'s options, parsed (build.ts). */
export interface BuildCliOptions {
  projectDir: string;
  environment?: string;
  cacheDir?: string;
  maxBytes?: number;
  jobs?: number;
  noCache: boolean;
  force: boolean;
  keepObjects: boolean;
  verbose: boolean;
  json: boolean;
  backend: 'embedded' | 'wrapped';
  server?: string;
  toolchain: ToolchainMode;
  offline: boolean;
  remote?: RemoteCacheConfig;
  /** Build in this process, without the resident server (`--no-daemon`). */
  noDaemon?: boolean;
}

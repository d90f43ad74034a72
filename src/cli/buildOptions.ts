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
  ...REMOTE_CACHE_OPTIONS,
} as const;

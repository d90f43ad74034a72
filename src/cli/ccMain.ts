import { runCc } from './cc.js';
import { exitWith } from './exitWith.js';

/**
 * dist/cc.cjs: `fbuild cc` as an entry point of its own, `node dist/cc.cjs COMPILER ARGS...`. The
 * wrapped backend starts one per translation unit, so its start is the wrapper's cost: this bundle
 * holds the wrapper's code and nothing else (no command table, no undici, no msgpackr, no cache).
 */
exitWith(runCc(process.argv.slice(2)));

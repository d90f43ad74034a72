import { UserError } from '../../../server/util/errors.js';
import { findBoard, findEsp32Board, unknownBoardHint } from '../../../server/targets/boards.js';

/**
 * The library CI inputs: `boards` (space, comma or newline separated board ids) turns the action into
 * a build of the library's examples (the library being `project-dir`); `examples` (globs, one per
 * line or comma separated) chooses among them.
 */
export function examplesInputs(get: (name: string) => string): { boards?: string[]; examples?: string[] } {
  const boards = get('boards')
    .split(/[\s,]+/)
    .filter(Boolean);
  for (const b of boards) {
    if (!/^[A-Za-z0-9_.-]+$/.test(b))
      throw new UserError(`input 'boards' has '${b}'; allowed: board ids such as uno, megaatmega2560, esp32dev`);
  }
  const examples = get('examples')
    .split(/[\n,]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (examples.length && !boards.length)
    throw new UserError("input 'examples' needs 'boards': the boards to build the library's examples for, e.g. boards: uno");
  // Absent unless given: a job that builds envs has no library CI inputs at all.
  return boards.length ? { boards: [...new Set(boards)], examples } : {};
}

/** The boards as the setup step's envs, with their platforms (an unknown board is one line naming the known ones). */
export function examplesTargets(boards: string[]): { envs: string[]; platforms: string[] } {
  const platforms = boards.map((b) => {
    if (findBoard(b)) return 'atmelavr';
    if (findEsp32Board(b)) return 'espressif32';
    throw new UserError(`input 'boards' has '${b}', a board fbuild does not build for; ${unknownBoardHint(b)}`);
  });
  return { envs: boards, platforms };
}

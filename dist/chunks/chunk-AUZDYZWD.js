import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  findBoard,
  findEsp32Board,
  unknownBoardHint
} from "./chunk-HJM5M4WC.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";

// src/action/examples/examplesInputs.ts
function examplesInputs(get) {
  const boards = get("boards").split(/[\s,]+/).filter(Boolean);
  for (const b of boards) {
    if (!/^[A-Za-z0-9_.-]+$/.test(b))
      throw new UserError(`input 'boards' has '${b}'; allowed: board ids such as uno, megaatmega2560, esp32dev`);
  }
  const examples = get("examples").split(/[\n,]+/).map((e) => e.trim()).filter(Boolean);
  if (examples.length && !boards.length)
    throw new UserError("input 'examples' needs 'boards': the boards to build the library's examples for, e.g. boards: uno");
  return boards.length ? { boards: [...new Set(boards)], examples } : {};
}
function examplesTargets(boards) {
  const platforms = boards.map((b) => {
    if (findBoard(b)) return "atmelavr";
    if (findEsp32Board(b)) return "espressif32";
    throw new UserError(`input 'boards' has '${b}', a board fbuild does not build for; ${unknownBoardHint(b)}`);
  });
  return { envs: boards, platforms };
}

export {
  examplesInputs,
  examplesTargets
};

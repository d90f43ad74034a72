#!/usr/bin/env node
import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  COMMANDS,
  commandHelp,
  generalHelp
} from "./chunks/chunk-QHSOPCBR.js";
import {
  UserError,
  fileSystemUserError
} from "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/cli/compileCache.ts
import module from "node:module";
var enable = module.enableCompileCache;
if (typeof enable === "function" && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    enable();
  } catch {
  }
}

// src/cli/exitWith.ts
function exitWith(command, name = "fbuild") {
  command.then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      e = fileSystemUserError(e) ?? e;
      if (e instanceof UserError) {
        process.stderr.write(`${e.message}
`);
        process.exitCode = e.exitCode;
      } else {
        const err = e;
        process.stderr.write(`${name}: internal error: ${err?.message ?? String(e)}
`);
        if (process.env.FBUILD_DEBUG) process.stderr.write(`${err?.stack ?? ""}
`);
        process.exitCode = 70;
      }
    }
  );
}

// src/cli/main.ts
function asksForHelp(command, rest) {
  if (command === "cc") return rest[0] === "--help" || rest[0] === "-h";
  const end = rest.indexOf("--");
  return (end < 0 ? rest : rest.slice(0, end)).some((a) => a === "--help" || a === "-h");
}
async function main(argv) {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-V" || command === "version") {
    process.stdout.write(`fbuild ${(await import("./chunks/version-OT4M4I4K.js")).fbuildVersion()}
`);
    return 0;
  }
  if (command === void 0 || command === "help" || command === "--help" || command === "-h") {
    const selfHelp = command === "help" && (rest[0] === "--help" || rest[0] === "-h");
    const topic = command === "help" ? selfHelp ? "help" : rest[0] : void 0;
    const known = topic ? COMMANDS.find((c) => c.name === topic) : void 0;
    if (topic && !known) throw new UserError(`fbuild help: unknown command '${topic}'; run 'fbuild help' for the list`);
    process.stdout.write(known ? commandHelp(known) : generalHelp());
    return 0;
  }
  const help = COMMANDS.find((c) => c.name === command);
  if (help && asksForHelp(command, rest)) {
    process.stdout.write(commandHelp(help));
    return 0;
  }
  switch (command) {
    // Each command is loaded when it runs: `fbuild cc`, a process per compile, loads only its own code.
    case "cc":
      return (await import("./chunks/cc-FFGBZPA3.js")).runCc(rest);
    case "build":
      return await (await import("./build-client.js")).buildThroughResident(rest) ?? (await import("./chunks/buildUpToDate-GKGYL5B5.js")).answerUpToDate(rest) ?? (await import("./chunks/build-JQO4YHIR.js")).runBuild(rest, { startResident: true });
    case "test":
      return (await import("./chunks/test-GSVHGN2I.js")).runTest(rest);
    case "examples":
      return (await import("./chunks/examples-J5RDJJ6M.js")).runExamplesCommand(rest);
    case "serve":
      return (await import("./chunks/serve-3IZOZ5EJ.js")).runServe(rest);
    case "stats":
      return (await import("./chunks/serverCommands-TYMINDYJ.js")).runStats(rest);
    case "stop":
      return (await import("./chunks/serverCommands-TYMINDYJ.js")).runStop(rest);
    case "libs":
      return (await import("./chunks/libs-BKMXM4ZQ.js")).runLibs(rest);
    case "cache":
      return (await import("./chunks/cache-RXXGQUE5.js")).runCache(rest);
    case "toolchains":
      return (await import("./chunks/toolchains-DWMOB5JZ.js")).runToolchains(rest);
    case "boards":
      return (await import("./chunks/boards-LJ6EHITE.js")).runBoards(rest);
    case "elf2image":
      return (await import("./chunks/esp32Images-5RQ3DTBJ.js")).runElf2image(rest);
    case "materialize":
      return (await import("./chunks/build-JQO4YHIR.js")).runBuild([...rest, "--keep-objects"]);
    case "partitions":
      return (await import("./chunks/esp32Images-5RQ3DTBJ.js")).runPartitions(rest);
    default:
      throw new UserError(`fbuild: unknown command '${command}'; run 'fbuild help' for the list`);
  }
}
exitWith(main(process.argv.slice(2)));

#!/usr/bin/env node
import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  COMMANDS,
  commandHelp,
  generalHelp
} from "./chunks/chunk-JIC3KLWW.js";
import {
  UserError,
  fileSystemUserError
} from "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-3EKYSYMU.js";

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
    process.stdout.write(`fbuild ${(await import("./chunks/version-WAMGVDHS.js")).fbuildVersion()}
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
      return (await import("./chunks/cc-QRUMWA3V.js")).runCc(rest);
    case "build":
      return (await import("./chunks/build-X4UDOYLO.js")).runBuild(rest);
    case "test":
      return (await import("./chunks/test-Q672FQ3I.js")).runTest(rest);
    case "examples":
      return (await import("./chunks/examples-G3JAMPWB.js")).runExamplesCommand(rest);
    case "serve":
      return (await import("./chunks/serve-YUIGJQQE.js")).runServe(rest);
    case "stats":
      return (await import("./chunks/serverCommands-ZFEHFBTW.js")).runStats(rest);
    case "stop":
      return (await import("./chunks/serverCommands-ZFEHFBTW.js")).runStop(rest);
    case "libs":
      return (await import("./chunks/libs-C4PWNULU.js")).runLibs(rest);
    case "cache":
      return (await import("./chunks/cache-A2RYX7ZJ.js")).runCache(rest);
    case "toolchains":
      return (await import("./chunks/toolchains-AS2SK3CC.js")).runToolchains(rest);
    case "boards":
      return (await import("./chunks/boards-SYNWMX3G.js")).runBoards(rest);
    case "elf2image":
      return (await import("./chunks/esp32Images-KRB6B6KS.js")).runElf2image(rest);
    case "partitions":
      return (await import("./chunks/esp32Images-KRB6B6KS.js")).runPartitions(rest);
    default:
      throw new UserError(`fbuild: unknown command '${command}'; run 'fbuild help' for the list`);
  }
}
exitWith(main(process.argv.slice(2)));

import './compileCache.js';
import { UserError } from '../../server/util/errors.js';
import { exitWith } from './exitWith.js';
import { COMMANDS, commandHelp, generalHelp } from './usage.js';

/** `--help` / `-h` anywhere in a command's arguments; for `cc`, only in place of the compiler (after it, they are the compiler's). */
function asksForHelp(command: string, rest: readonly string[]): boolean {
  if (command === 'cc') return rest[0] === '--help' || rest[0] === '-h';
  const end = rest.indexOf('--');
  return (end < 0 ? rest : rest.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    process.stdout.write(`fbuild ${(await import('./version.js')).fbuildVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    const selfHelp = command === 'help' && (rest[0] === '--help' || rest[0] === '-h');
    const topic = command === 'help' ? (selfHelp ? 'help' : rest[0]) : undefined;
    const known = topic ? COMMANDS.find((c) => c.name === topic) : undefined;
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
    case 'cc':
      return (await import('./cc.js')).runCc(rest);
    case 'build':
      // The invocation's resident server, if it has one (buildResident.ts); else an unchanged rebuild
      // is answered before the engine is loaded (buildUpToDate.ts); else the full path.
      return (
        (await (await import('./buildResident.js')).buildThroughResident(rest)) ??
        (await import('./buildUpToDate.js')).answerUpToDate(rest) ??
        (await import('./build.js')).runBuild(rest, { startResident: true })
      );
    case 'test':
      return (await import('./test.js')).runTest(rest);
    case 'examples':
      return (await import('./examples.js')).runExamplesCommand(rest);
    case 'serve':
      return (await import('./serve.js')).runServe(rest);
    case 'stats':
      return (await import('./serverCommands.js')).runStats(rest);
    case 'stop':
      return (await import('./serverCommands.js')).runStop(rest);
    case 'libs':
      return (await import('./libs.js')).runLibs(rest);
    case 'cache':
      return (await import('./cache.js')).runCache(rest);
    case 'toolchains':
      return (await import('./toolchains.js')).runToolchains(rest);
    case 'boards':
      return (await import('./boards.js')).runBoards(rest);
    case 'elf2image':
      return (await import('./esp32Images.js')).runElf2image(rest);
    case 'materialize':
      return (await import('./build.js')).runBuild([...rest, '--keep-objects']);
    case 'partitions':
      return (await import('./esp32Images.js')).runPartitions(rest);
    default:
      throw new UserError(`fbuild: unknown command '${command}'; run 'fbuild help' for the list`);
  }
}

exitWith(main(process.argv.slice(2)));

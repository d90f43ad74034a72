import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { readProjectConfig } from '../../server/project/platformioIni.js';
import { chooseEnvironment } from '../../server/engine/orchestrator.js';
import { UserError } from '../../server/util/errors.js';
import { parseBuildArgs } from './buildArgs.js';
import { runBuild } from './build.js';

/**
 * `fbuild test [PROJECT_DIR] -e ENV`: builds a `platform = native` environment through the cache
 * (the same options as `fbuild build`) and runs the program; its exit code is the command's.
 */
export async function runTest(argv: string[]): Promise<number> {
  const opts = parseBuildArgs(argv);
  const config = readProjectConfig(opts.projectDir);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  if (config.env(envName).platform !== 'native') {
    throw new UserError(
      `fbuild test runs host programs; env '${envName}' is not platform = native (build it with fbuild build, or add a [env:native])`,
    );
  }
  const built = await runBuild([...argv.filter((a) => a !== '--json'), ...(opts.environment ? [] : ['-e', envName])]);
  if (built !== 0) return built;
  const program = resolve(opts.projectDir, '.fbuild', 'build', envName, 'program');
  return new Promise((done) => {
    const child = spawn(program, [], { cwd: opts.projectDir, stdio: 'inherit' });
    child.on('error', (e) => {
      process.stderr.write(`fbuild test: cannot run ${program}: ${e.message}\n`);
      done(1);
    });
    child.on('close', (code, signal) => {
      if (signal) process.stderr.write(`fbuild test: ${program} was killed by ${signal}\n`);
      done(code ?? 1);
    });
  });
}

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-AZLVRADJ.js";
import "./chunk-5DPUSTPP.js";
import "./chunk-LCKHOI6W.js";
import "./chunk-LX7MG6EC.js";
import {
  chooseEnvironment
} from "./chunk-JQHVTRVE.js";
import "./chunk-6C3AQXBT.js";
import "./chunk-XUIFFVX6.js";
import "./chunk-5NCGAA2I.js";
import "./chunk-5RBELD5X.js";
import "./chunk-K6BJMG72.js";
import "./chunk-GA2YO4KH.js";
import {
  readProjectConfig
} from "./chunk-S3VZIIDN.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-6OA7F5MW.js";
import "./chunk-CTQUDFJI.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-BGKCFJOV.js";
import "./chunk-LYVGUHV4.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-AX3I6RVX.js";
import "./chunk-JE24ORFF.js";
import "./chunk-F4DDONBZ.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-NCFA66Z3.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-3EKYSYMU.js";

// src/cli/test.ts
import { spawn } from "node:child_process";
import { resolve } from "node:path";
async function runTest(argv) {
  const opts = parseBuildArgs(argv);
  const config = readProjectConfig(opts.projectDir);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  if (config.env(envName).platform !== "native") {
    throw new UserError(
      `fbuild test runs host programs; env '${envName}' is not platform = native (build it with fbuild build, or add a [env:native])`
    );
  }
  const built = await runBuild([...argv.filter((a) => a !== "--json"), ...opts.environment ? [] : ["-e", envName]]);
  if (built !== 0) return built;
  const program = resolve(opts.projectDir, ".fbuild", "build", envName, "program");
  return new Promise((done) => {
    const child = spawn(program, [], { cwd: opts.projectDir, stdio: "inherit" });
    child.on("error", (e) => {
      process.stderr.write(`fbuild test: cannot run ${program}: ${e.message}
`);
      done(1);
    });
    child.on("close", (code, signal) => {
      if (signal) process.stderr.write(`fbuild test: ${program} was killed by ${signal}
`);
      done(code ?? 1);
    });
  });
}
export {
  runTest
};

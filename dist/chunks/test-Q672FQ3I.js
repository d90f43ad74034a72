import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-PI6WB4KR.js";
import "./chunk-WARWSJEE.js";
import "./chunk-75EV466E.js";
import "./chunk-PVGKLRTN.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-TMFRTAS5.js";
import {
  chooseEnvironment
} from "./chunk-5UTALVCE.js";
import "./chunk-BW5JDKM5.js";
import "./chunk-GEK572UJ.js";
import "./chunk-VPKORHEW.js";
import "./chunk-POUFS3KG.js";
import "./chunk-XUIFFVX6.js";
import "./chunk-JIC3KLWW.js";
import "./chunk-7CBE72BV.js";
import "./chunk-K6BJMG72.js";
import "./chunk-GZN2RP5Y.js";
import "./chunk-ALKMYPIH.js";
import "./chunk-BA5KVCYX.js";
import "./chunk-XLMIRRGM.js";
import "./chunk-NCFA66Z3.js";
import "./chunk-2W57GLN2.js";
import "./chunk-4RDXSJGU.js";
import {
  readProjectConfig
} from "./chunk-2SZTJ3Y7.js";
import "./chunk-PO5ZR4N6.js";
import "./chunk-GBC6LBI6.js";
import "./chunk-OJVVGWCJ.js";
import "./chunk-7AYED6PR.js";
import "./chunk-DSQ2YHHP.js";
import "./chunk-EZPIO55H.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-IOY4ULOR.js";
import "./chunk-JE24ORFF.js";
import "./chunk-F4DDONBZ.js";
import "./chunk-WEUVYVWV.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-T4BKT7HW.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
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

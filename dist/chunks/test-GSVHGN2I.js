import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  parseBuildArgs,
  runBuild
} from "./chunk-M2BQBXWN.js";
import "./chunk-BCAMG2IY.js";
import "./chunk-MLQPJ6HX.js";
import "./chunk-TAUBCZZV.js";
import "./chunk-EBSC7DO2.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-37W3FPTO.js";
import "./chunk-ICD5V67S.js";
import "./chunk-AF5CJ76L.js";
import "./chunk-6GJB7XOM.js";
import {
  chooseEnvironment
} from "./chunk-3RCJFSWF.js";
import "./chunk-IOX3AGIO.js";
import "./chunk-U2OVFXTY.js";
import "./chunk-VPKORHEW.js";
import "./chunk-C7V4EL6C.js";
import "./chunk-4L4JXF2I.js";
import "./chunk-XGHPZKIT.js";
import "./chunk-DYARRWTB.js";
import "./chunk-POUFS3KG.js";
import "./chunk-LX2MMNKE.js";
import "./chunk-RYCVMSYB.js";
import "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-6FV4Q5OU.js";
import "./chunk-4V5CH22L.js";
import "./chunk-QHSOPCBR.js";
import "./chunk-K6BJMG72.js";
import "./chunk-3ZKWZ7A5.js";
import "./chunk-LHKOCDRA.js";
import "./chunk-APH6TICK.js";
import "./chunk-N7O5JONP.js";
import {
  readProjectConfig
} from "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-2PEVJB5Z.js";
import "./chunk-I7BTEATM.js";
import "./chunk-FRALOBSX.js";
import "./chunk-GTAT4FI5.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import {
  UserError
} from "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

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

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  BuildSession
} from "./chunk-4S63746Y.js";
import {
  BuildPrinter,
  formatLibraries
} from "./chunk-EBSC7DO2.js";
import "./chunk-JK4KHLT4.js";
import "./chunk-3RCJFSWF.js";
import "./chunk-IOX3AGIO.js";
import "./chunk-U2OVFXTY.js";
import "./chunk-VPKORHEW.js";
import "./chunk-C7V4EL6C.js";
import "./chunk-4L4JXF2I.js";
import "./chunk-XGHPZKIT.js";
import {
  offlineFromEnv
} from "./chunk-DYARRWTB.js";
import "./chunk-POUFS3KG.js";
import "./chunk-LX2MMNKE.js";
import "./chunk-RYCVMSYB.js";
import {
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-6FV4Q5OU.js";
import "./chunk-4V5CH22L.js";
import {
  LIBS_USAGE
} from "./chunk-QHSOPCBR.js";
import "./chunk-3ZKWZ7A5.js";
import "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-VLCUNX3C.js";
import "./chunk-76PWITDS.js";
import "./chunk-PCLV3DKP.js";
import "./chunk-FGIXBREX.js";
import "./chunk-P32HW7BB.js";
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

// src/cli/libs.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
async function runLibs(argv) {
  const [sub, ...rest] = argv;
  if (sub !== "resolve") throw new UserError(`fbuild libs: unknown subcommand '${sub ?? ""}'; usage: ${LIBS_USAGE}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        environment: { type: "string", short: "e" },
        "cache-dir": { type: "string" },
        offline: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        toolchain: { type: "string" }
      }
    });
  } catch (e) {
    throw new UserError(`fbuild libs: ${e.message.split("\n")[0]}; usage: ${LIBS_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild libs: one project directory at most; usage: ${LIBS_USAGE}`);
  const toolchain = values.toolchain ?? process.env.FBUILD_TOOLCHAIN ?? "auto";
  if (!["auto", "pinned", "system"].includes(toolchain))
    throw new UserError(`fbuild libs: --toolchain is auto, pinned or system, not '${toolchain}'`);
  const cacheDir = values["cache-dir"] !== void 0 ? resolve(values["cache-dir"]) : void 0;
  const session = await BuildSession.open({
    cache: false,
    toolchain,
    toolchainsDir: toolchainsDirFor(process.env, cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]],
    wrapperEnv: () => ({}),
    onNotice: (m) => process.stderr.write(`fbuild: notice: ${m}
`)
  });
  const printer = new BuildPrinter({ json: values.json, verbose: false });
  try {
    const { environment, libraries } = await session.resolveLibraries(
      {
        projectDir: resolve(positionals[0] ?? "."),
        ...values.environment ? { environment: values.environment } : {},
        offline: values.offline || offlineFromEnv(process.env)
      },
      (e) => printer.handle(e)
    );
    if (values.json) process.stdout.write(JSON.stringify({ environment, libraries }) + "\n");
    else
      process.stdout.write(
        `${environment}: ${libraries.length ? `${libraries.length} ${libraries.length === 1 ? "library" : "libraries"} from lib_deps` : "no lib_deps"}
${formatLibraries(
          libraries
        ).map((l) => `${l}
`).join("")}`
      );
    return 0;
  } finally {
    await session.close("graceful");
  }
}
export {
  runLibs
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  onStopSignal,
  signalExitCode
} from "./chunk-PVGKLRTN.js";
import {
  BuildSession
} from "./chunk-4S63746Y.js";
import {
  upToDateStampPath
} from "./chunk-DQOIFK4E.js";
import "./chunk-MLQPJ6HX.js";
import "./chunk-TAUBCZZV.js";
import "./chunk-ICD5V67S.js";
import "./chunk-3RCJFSWF.js";
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
import {
  toolchainsDirFor
} from "./chunk-4TQWNER7.js";
import "./chunk-DCQF6WKC.js";
import "./chunk-6FV4Q5OU.js";
import "./chunk-4V5CH22L.js";
import "./chunk-3ZKWZ7A5.js";
import "./chunk-HXEVDVWT.js";
import "./chunk-IK4PVOP5.js";
import "./chunk-5G66G5GG.js";
import "./chunk-54IFNC2C.js";
import "./chunk-HJM5M4WC.js";
import "./chunk-4RDXSJGU.js";
import "./chunk-PCLV3DKP.js";
import "./chunk-FGIXBREX.js";
import "./chunk-P32HW7BB.js";
import "./chunk-2PEVJB5Z.js";
import "./chunk-I7BTEATM.js";
import "./chunk-FRALOBSX.js";
import {
  defaultCacheDir
} from "./chunk-GTAT4FI5.js";
import "./chunk-RRNSNA4T.js";
import "./chunk-CZYVUOHA.js";
import "./chunk-OA4IFKWM.js";
import "./chunk-WDI3OBGI.js";
import "./chunk-6RGQGRVI.js";
import "./chunk-AR4QESZK.js";
import "./chunk-ARH6VGVS.js";
import "./chunk-K5XHDEBM.js";
import "./chunk-ZATFCR4X.js";

// src/cli/buildEmbedded.ts
async function buildEmbedded(argv, opts, emit) {
  const stamp = upToDateStampPath(argv);
  const session = await BuildSession.open({
    ...opts.cacheDir ? { cacheDir: opts.cacheDir } : {},
    ...opts.jobs ? { jobs: opts.jobs } : {},
    ...opts.maxBytes ? { maxBytes: opts.maxBytes } : {},
    cache: !opts.noCache,
    ...opts.remote ? { remote: opts.remote } : {},
    toolchain: opts.toolchain,
    // --cache-dir moves the toolchains with the cache, as the README says.
    toolchainsDir: toolchainsDirFor(process.env, opts.cacheDir),
    fbuildCommand: [process.execPath, ...process.execArgv, process.argv[1]],
    // In-process wrappers: each `fbuild cc` opens the same store (it is safe for several processes).
    wrapperEnv: () => ({ FBUILD_CACHE_DIR: opts.cacheDir ?? defaultCacheDir() }),
    // Printed as a server's client prints them: the same lines whichever way the build ran.
    onNotice: (message, more) => emit({ type: "notice", message, ...more })
  });
  const cancel = new AbortController();
  let stoppedBy;
  const removeHandlers = onStopSignal((signal) => {
    stoppedBy = signal;
    cancel.abort();
  });
  try {
    const code = await session.run(
      {
        projectDir: opts.projectDir,
        ...opts.environment ? { environment: opts.environment } : {},
        backend: opts.backend,
        force: opts.force,
        ...opts.keepObjects ? { keepObjects: true } : {},
        offline: opts.offline,
        signal: cancel.signal,
        ...stamp ? { upToDateStamp: stamp } : {}
      },
      emit
    );
    return stoppedBy && code === signalExitCode("SIGINT") ? signalExitCode(stoppedBy) : code;
  } finally {
    removeHandlers();
    for (const w of (await session.close("graceful")).warnings) process.stderr.write(`fbuild: warning: ${w}
`);
  }
}
export {
  buildEmbedded
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  startJobServer
} from "./chunks/chunk-RM4SH53H.js";
import {
  inputGetter,
  readInputs,
  runnerContext
} from "./chunks/chunk-DAW4H5XO.js";
import "./chunks/chunk-AUZDYZWD.js";
import "./chunks/chunk-CLBYT57Z.js";
import "./chunks/chunk-HJM5M4WC.js";
import "./chunks/chunk-4RDXSJGU.js";
import "./chunks/chunk-VTAHD6D5.js";
import "./chunks/chunk-M4NEA4G6.js";
import "./chunks/chunk-OA4IFKWM.js";
import "./chunks/chunk-WDI3OBGI.js";
import "./chunks/chunk-6RGQGRVI.js";
import "./chunks/chunk-ARH6VGVS.js";
import "./chunks/chunk-K5XHDEBM.js";
import "./chunks/chunk-ZATFCR4X.js";

// src/action/entries/setup.ts
if (process.argv[2] === "job") {
  let early;
  try {
    const inputs = readInputs(inputGetter());
    const ctx = runnerContext();
    early = { inputs, ctx, server: startJobServer(inputs, ctx) };
  } catch {
  }
  const [{ runSetup }, { runJobSteps }] = await Promise.all([import("./chunks/setupPhase-7FBOBZ2B.js"), import("./chunks/step-XEJM4GZV.js")]);
  runJobSteps(
    {
      setup: (inputs, ctx, state) => runSetup(inputs, ctx, state, early?.server),
      build: async (inputs, ctx, state) => inputs.boards ? (await import("./chunks/examplesPhase-3T6DMSCC.js")).runExamplesPhase(inputs, ctx, state) : (await import("./chunks/buildPhase-RT5SLZPD.js")).runBuildPhase(inputs, ctx, state),
      save: async (inputs, ctx, state) => (await import("./chunks/savePhase-NOGWTWVP.js")).runSavePhase(inputs, ctx, state)
    },
    early
  );
} else {
  const [{ runSetup }, { runStep }] = await Promise.all([import("./chunks/setupPhase-7FBOBZ2B.js"), import("./chunks/step-XEJM4GZV.js")]);
  runStep("setup", runSetup, { mayFail: true, freshState: true });
}

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/client/projectEnv.ts
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
function projectEnvOf(projectDir, env = process.env) {
  const names = /* @__PURE__ */ new Set(["HOME", "USERPROFILE"]);
  for (const name of Object.keys(env)) if (name.startsWith("PLATFORMIO_")) names.add(name);
  for (const text of iniTexts(projectDir)) for (const m of text.matchAll(/\$\{sysenv\.([^}\s]+)\}/g)) names.add(m[1]);
  const out = {};
  for (const name of names) {
    const value = env[name];
    if (value !== void 0 && !value.includes("\0")) out[name] = value;
  }
  return out;
}
function iniTexts(projectDir) {
  let names;
  try {
    names = readdirSync(projectDir).filter((n) => n.endsWith(".ini"));
  } catch {
    return readable(projectDir.endsWith(".ini") ? [projectDir] : []);
  }
  return readable(names.map((n) => join(projectDir, n)));
}
function readable(paths) {
  const texts = [];
  for (const p of paths) {
    try {
      texts.push(readFileSync(p, "utf8"));
    } catch {
    }
  }
  return texts;
}

export {
  projectEnvOf
};

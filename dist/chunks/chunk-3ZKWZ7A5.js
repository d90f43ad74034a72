import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  shellWords
} from "./chunk-54IFNC2C.js";

// server/project/libraryManifest.ts
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
var ARCH_TO_PLATFORM = {
  avr: "atmelavr",
  sam: "atmelsam",
  samd: "atmelsam",
  esp8266: "espressif8266",
  esp32: "espressif32",
  arc32: "intel_arc32",
  stm32: "ststm32",
  nrf52: "nordicnrf52",
  teensy: "teensy",
  mbed: "mbed",
  "*": "*"
};
var list = (v) => {
  if (v === void 0 || v === null) return void 0;
  const items = Array.isArray(v) ? v.map(String) : String(v).split(",");
  return items.map((s) => s.trim()).filter((s) => s !== "");
};
var words = (v) => {
  if (v === void 0 || v === null) return void 0;
  return (Array.isArray(v) ? v.map(String) : [String(v)]).flatMap((s) => shellWords(s) ?? s.split(/\s+/)).filter((s) => s !== "");
};
var filterItems = (v) => {
  if (v === void 0 || v === null) return void 0;
  return Array.isArray(v) ? v.map(String) : [String(v)];
};
var bool = (v) => {
  if (v === void 0 || v === null) return void 0;
  if (typeof v === "boolean") return v;
  return ["yes", "true", "1", "on"].includes(String(v).toLowerCase());
};
function jsonDependencies(v) {
  if (!v) return [];
  if (Array.isArray(v)) {
    return v.flatMap((d) => {
      if (typeof d === "string") return [{ name: d }];
      const o = d;
      if (typeof o.name !== "string") return [];
      return [
        { name: o.name, ...typeof o.owner === "string" ? { owner: o.owner } : {}, ...o.version ? { version: String(o.version) } : {} }
      ];
    });
  }
  if (typeof v === "object") {
    return Object.entries(v).map(([key, version]) => {
      const slash = key.indexOf("/");
      const dep = slash > 0 ? { owner: key.slice(0, slash), name: key.slice(slash + 1) } : { name: key };
      return { ...dep, ...version ? { version: String(version) } : {} };
    });
  }
  return [];
}
function readJson(root) {
  const path = join(root, "library.json");
  let data;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
    if (typeof data !== "object" || data === null || Array.isArray(data)) throw new Error("not an object");
  } catch (e) {
    return { kind: "none", dependencies: [], build: {}, warning: `ignoring broken library manifest ${path}: ${e.message}` };
  }
  const build = data.build ?? {};
  const str = (x) => typeof x === "string" ? x : void 0;
  const m = { kind: "library.json", dependencies: jsonDependencies(data.dependencies), build: {} };
  const set = (k, val) => {
    if (val !== void 0) m[k] = val;
  };
  set("name", str(data.name));
  set("version", data.version === void 0 ? void 0 : String(data.version));
  set("owner", str(data.owner));
  set("frameworks", list(data.frameworks));
  set("platforms", list(data.platforms));
  const b = {};
  if (str(build.srcDir)) b.srcDir = str(build.srcDir);
  if (str(build.includeDir)) b.includeDir = str(build.includeDir);
  const filter = filterItems(build.srcFilter);
  if (filter) b.srcFilter = filter;
  const flags = words(build.flags);
  if (flags) b.flags = flags;
  const unflags = words(build.unflags);
  if (unflags) b.unflags = unflags;
  const archive = bool(build.libArchive);
  if (archive !== void 0) b.libArchive = archive;
  if (str(build.libLDFMode)) b.libLDFMode = str(build.libLDFMode);
  if (str(build.libCompatMode)) b.libCompatMode = str(build.libCompatMode);
  m.build = b;
  return m;
}
function readProperties(root) {
  const props = {};
  for (const line of readFileSync(join(root, "library.properties"), "utf8").split(/\r?\n/)) {
    const eq = line.indexOf("=");
    if (eq > 0 && !line.trimStart().startsWith("#")) props[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const m = { kind: "library.properties", dependencies: [], build: {} };
  if (props.name) m.name = props.name;
  if (props.version) m.version = props.version;
  const archs = list(props.architectures);
  if (archs) m.platforms = archs.map((a) => ARCH_TO_PLATFORM[a.toLowerCase()] ?? a.toLowerCase());
  m.dependencies = (list(props.depends) ?? []).map((d) => {
    const v = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(d);
    return v ? { name: v[1], version: v[2].replace(/\s+/g, "") } : { name: d };
  });
  if (props.precompiled) m.precompiled = props.precompiled;
  return m;
}
function readLibraryManifest(root) {
  const m = existsSync(join(root, "library.json")) ? readJson(root) : existsSync(join(root, "library.properties")) ? readProperties(root) : { kind: "none", dependencies: [], build: {} };
  for (const piopm of [join(root, ".piopm"), join(root, ".git", ".piopm")]) {
    if (!existsSync(piopm)) continue;
    try {
      const meta = JSON.parse(readFileSync(piopm, "utf8"));
      if (meta.spec?.owner) m.owner = meta.spec.owner;
      if (meta.spec?.uri) m.uri = meta.spec.uri;
      if (meta.version && !m.version) m.version = meta.version;
      if (meta.name && !m.name) m.name = meta.name;
    } catch {
    }
    break;
  }
  return m;
}
function compatible(declared, ours) {
  return !declared || declared.length === 0 || declared.includes("*") || declared.map((d) => d.toLowerCase()).includes(ours.toLowerCase());
}

export {
  readLibraryManifest,
  compatible
};

import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// server/project/libdeps/offline.ts
var offlineFromEnv = (env) => /^(1|true|yes|on)$/i.test(env.FBUILD_OFFLINE ?? "");

export {
  offlineFromEnv
};

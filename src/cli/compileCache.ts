import module from 'node:module';

// V8's compile cache for the bundle (Node 22.1+, `module.enableCompileCache()`): a process start then
// skips parsing and compiling the code it ran before. Imported first by the CLI's entry, so that every
// module loaded after it is cached. Node 20 has no such cache: there this does nothing.
const enable = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
if (typeof enable === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE) {
  try {
    enable();
  } catch {
    // a cache dir that cannot be written only costs the parse
  }
}

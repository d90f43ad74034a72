#!/usr/bin/env node
import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target2) => (target2 = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target2, "default", { value: mod, enumerable: true }) : target2,
  mod
));

// node_modules/graceful-fs/polyfills.js
var require_polyfills = __commonJS({
  "node_modules/graceful-fs/polyfills.js"(exports, module) {
    var constants = __require("constants");
    var origCwd = process.cwd;
    var cwd = null;
    var platform = process.env.GRACEFUL_FS_PLATFORM || process.platform;
    process.cwd = function() {
      if (!cwd)
        cwd = origCwd.call(process);
      return cwd;
    };
    try {
      process.cwd();
    } catch (er) {
    }
    if (typeof process.chdir === "function") {
      chdir = process.chdir;
      process.chdir = function(d) {
        cwd = null;
        chdir.call(process, d);
      };
      if (Object.setPrototypeOf) Object.setPrototypeOf(process.chdir, chdir);
    }
    var chdir;
    module.exports = patch;
    function patch(fs) {
      if (constants.hasOwnProperty("O_SYMLINK") && process.version.match(/^v0\.6\.[0-2]|^v0\.5\./)) {
        patchLchmod(fs);
      }
      if (!fs.lutimes) {
        patchLutimes(fs);
      }
      fs.chown = chownFix(fs.chown);
      fs.fchown = chownFix(fs.fchown);
      fs.lchown = chownFix(fs.lchown);
      fs.chmod = chmodFix(fs.chmod);
      fs.fchmod = chmodFix(fs.fchmod);
      fs.lchmod = chmodFix(fs.lchmod);
      fs.chownSync = chownFixSync(fs.chownSync);
      fs.fchownSync = chownFixSync(fs.fchownSync);
      fs.lchownSync = chownFixSync(fs.lchownSync);
      fs.chmodSync = chmodFixSync(fs.chmodSync);
      fs.fchmodSync = chmodFixSync(fs.fchmodSync);
      fs.lchmodSync = chmodFixSync(fs.lchmodSync);
      fs.stat = statFix(fs.stat);
      fs.fstat = statFix(fs.fstat);
      fs.lstat = statFix(fs.lstat);
      fs.statSync = statFixSync(fs.statSync);
      fs.fstatSync = statFixSync(fs.fstatSync);
      fs.lstatSync = statFixSync(fs.lstatSync);
      if (fs.chmod && !fs.lchmod) {
        fs.lchmod = function(path, mode, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchmodSync = function() {
        };
      }
      if (fs.chown && !fs.lchown) {
        fs.lchown = function(path, uid, gid, cb) {
          if (cb) process.nextTick(cb);
        };
        fs.lchownSync = function() {
        };
      }
      if (platform === "win32") {
        fs.rename = typeof fs.rename !== "function" ? fs.rename : (function(fs$rename) {
          function rename(from, to, cb) {
            var start = Date.now();
            var backoff = 0;
            fs$rename(from, to, function CB(er) {
              if (er && (er.code === "EACCES" || er.code === "EPERM" || er.code === "EBUSY") && Date.now() - start < 6e4) {
                setTimeout(function() {
                  fs.stat(to, function(stater, st) {
                    if (stater && stater.code === "ENOENT")
                      fs$rename(from, to, CB);
                    else
                      cb(er);
                  });
                }, backoff);
                if (backoff < 100)
                  backoff += 10;
                return;
              }
              if (cb) cb(er);
            });
          }
          if (Object.setPrototypeOf) Object.setPrototypeOf(rename, fs$rename);
          return rename;
        })(fs.rename);
      }
      fs.read = typeof fs.read !== "function" ? fs.read : (function(fs$read) {
        function read2(fd, buffer, offset, length, position3, callback_) {
          var callback;
          if (callback_ && typeof callback_ === "function") {
            var eagCounter = 0;
            callback = function(er, _, __) {
              if (er && er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                return fs$read.call(fs, fd, buffer, offset, length, position3, callback);
              }
              callback_.apply(this, arguments);
            };
          }
          return fs$read.call(fs, fd, buffer, offset, length, position3, callback);
        }
        if (Object.setPrototypeOf) Object.setPrototypeOf(read2, fs$read);
        return read2;
      })(fs.read);
      fs.readSync = typeof fs.readSync !== "function" ? fs.readSync : /* @__PURE__ */ (function(fs$readSync) {
        return function(fd, buffer, offset, length, position3) {
          var eagCounter = 0;
          while (true) {
            try {
              return fs$readSync.call(fs, fd, buffer, offset, length, position3);
            } catch (er) {
              if (er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                continue;
              }
              throw er;
            }
          }
        };
      })(fs.readSync);
      function patchLchmod(fs2) {
        fs2.lchmod = function(path, mode, callback) {
          fs2.open(
            path,
            constants.O_WRONLY | constants.O_SYMLINK,
            mode,
            function(err, fd) {
              if (err) {
                if (callback) callback(err);
                return;
              }
              fs2.fchmod(fd, mode, function(err2) {
                fs2.close(fd, function(err22) {
                  if (callback) callback(err2 || err22);
                });
              });
            }
          );
        };
        fs2.lchmodSync = function(path, mode) {
          var fd = fs2.openSync(path, constants.O_WRONLY | constants.O_SYMLINK, mode);
          var threw = true;
          var ret;
          try {
            ret = fs2.fchmodSync(fd, mode);
            threw = false;
          } finally {
            if (threw) {
              try {
                fs2.closeSync(fd);
              } catch (er) {
              }
            } else {
              fs2.closeSync(fd);
            }
          }
          return ret;
        };
      }
      function patchLutimes(fs2) {
        if (constants.hasOwnProperty("O_SYMLINK") && fs2.futimes) {
          fs2.lutimes = function(path, at, mt, cb) {
            fs2.open(path, constants.O_SYMLINK, function(er, fd) {
              if (er) {
                if (cb) cb(er);
                return;
              }
              fs2.futimes(fd, at, mt, function(er2) {
                fs2.close(fd, function(er22) {
                  if (cb) cb(er2 || er22);
                });
              });
            });
          };
          fs2.lutimesSync = function(path, at, mt) {
            var fd = fs2.openSync(path, constants.O_SYMLINK);
            var ret;
            var threw = true;
            try {
              ret = fs2.futimesSync(fd, at, mt);
              threw = false;
            } finally {
              if (threw) {
                try {
                  fs2.closeSync(fd);
                } catch (er) {
                }
              } else {
                fs2.closeSync(fd);
              }
            }
            return ret;
          };
        } else if (fs2.futimes) {
          fs2.lutimes = function(_a, _b, _c, cb) {
            if (cb) process.nextTick(cb);
          };
          fs2.lutimesSync = function() {
          };
        }
      }
      function chmodFix(orig) {
        if (!orig) return orig;
        return function(target2, mode, cb) {
          return orig.call(fs, target2, mode, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chmodFixSync(orig) {
        if (!orig) return orig;
        return function(target2, mode) {
          try {
            return orig.call(fs, target2, mode);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function chownFix(orig) {
        if (!orig) return orig;
        return function(target2, uid, gid, cb) {
          return orig.call(fs, target2, uid, gid, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chownFixSync(orig) {
        if (!orig) return orig;
        return function(target2, uid, gid) {
          try {
            return orig.call(fs, target2, uid, gid);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function statFix(orig) {
        if (!orig) return orig;
        return function(target2, options, cb) {
          if (typeof options === "function") {
            cb = options;
            options = null;
          }
          function callback(er, stats) {
            if (stats) {
              if (stats.uid < 0) stats.uid += 4294967296;
              if (stats.gid < 0) stats.gid += 4294967296;
            }
            if (cb) cb.apply(this, arguments);
          }
          return options ? orig.call(fs, target2, options, callback) : orig.call(fs, target2, callback);
        };
      }
      function statFixSync(orig) {
        if (!orig) return orig;
        return function(target2, options) {
          var stats = options ? orig.call(fs, target2, options) : orig.call(fs, target2);
          if (stats) {
            if (stats.uid < 0) stats.uid += 4294967296;
            if (stats.gid < 0) stats.gid += 4294967296;
          }
          return stats;
        };
      }
      function chownErOk(er) {
        if (!er)
          return true;
        if (er.code === "ENOSYS")
          return true;
        var nonroot = !process.getuid || process.getuid() !== 0;
        if (nonroot) {
          if (er.code === "EINVAL" || er.code === "EPERM")
            return true;
        }
        return false;
      }
    }
  }
});

// node_modules/graceful-fs/legacy-streams.js
var require_legacy_streams = __commonJS({
  "node_modules/graceful-fs/legacy-streams.js"(exports, module) {
    var Stream = __require("stream").Stream;
    module.exports = legacy;
    function legacy(fs) {
      return {
        ReadStream,
        WriteStream
      };
      function ReadStream(path, options) {
        if (!(this instanceof ReadStream)) return new ReadStream(path, options);
        Stream.call(this);
        var self = this;
        this.path = path;
        this.fd = null;
        this.readable = true;
        this.paused = false;
        this.flags = "r";
        this.mode = 438;
        this.bufferSize = 64 * 1024;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key = keys[index];
          this[key] = options[key];
        }
        if (this.encoding) this.setEncoding(this.encoding);
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.end === void 0) {
            this.end = Infinity;
          } else if ("number" !== typeof this.end) {
            throw TypeError("end must be a Number");
          }
          if (this.start > this.end) {
            throw new Error("start must be <= end");
          }
          this.pos = this.start;
        }
        if (this.fd !== null) {
          process.nextTick(function() {
            self._read();
          });
          return;
        }
        fs.open(this.path, this.flags, this.mode, function(err, fd) {
          if (err) {
            self.emit("error", err);
            self.readable = false;
            return;
          }
          self.fd = fd;
          self.emit("open", fd);
          self._read();
        });
      }
      function WriteStream(path, options) {
        if (!(this instanceof WriteStream)) return new WriteStream(path, options);
        Stream.call(this);
        this.path = path;
        this.fd = null;
        this.writable = true;
        this.flags = "w";
        this.encoding = "binary";
        this.mode = 438;
        this.bytesWritten = 0;
        options = options || {};
        var keys = Object.keys(options);
        for (var index = 0, length = keys.length; index < length; index++) {
          var key = keys[index];
          this[key] = options[key];
        }
        if (this.start !== void 0) {
          if ("number" !== typeof this.start) {
            throw TypeError("start must be a Number");
          }
          if (this.start < 0) {
            throw new Error("start must be >= zero");
          }
          this.pos = this.start;
        }
        this.busy = false;
        this._queue = [];
        if (this.fd === null) {
          this._open = fs.open;
          this._queue.push([this._open, this.path, this.flags, this.mode, void 0]);
          this.flush();
        }
      }
    }
  }
});

// node_modules/graceful-fs/clone.js
var require_clone = __commonJS({
  "node_modules/graceful-fs/clone.js"(exports, module) {
    "use strict";
    module.exports = clone;
    var getPrototypeOf = Object.getPrototypeOf || function(obj) {
      return obj.__proto__;
    };
    function clone(obj) {
      if (obj === null || typeof obj !== "object")
        return obj;
      if (obj instanceof Object)
        var copy = { __proto__: getPrototypeOf(obj) };
      else
        var copy = /* @__PURE__ */ Object.create(null);
      Object.getOwnPropertyNames(obj).forEach(function(key) {
        Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(obj, key));
      });
      return copy;
    }
  }
});

// node_modules/graceful-fs/graceful-fs.js
var require_graceful_fs = __commonJS({
  "node_modules/graceful-fs/graceful-fs.js"(exports, module) {
    var fs = __require("fs");
    var polyfills = require_polyfills();
    var legacy = require_legacy_streams();
    var clone = require_clone();
    var util = __require("util");
    var gracefulQueue;
    var previousSymbol;
    if (typeof Symbol === "function" && typeof Symbol.for === "function") {
      gracefulQueue = /* @__PURE__ */ Symbol.for("graceful-fs.queue");
      previousSymbol = /* @__PURE__ */ Symbol.for("graceful-fs.previous");
    } else {
      gracefulQueue = "___graceful-fs.queue";
      previousSymbol = "___graceful-fs.previous";
    }
    function noop() {
    }
    function publishQueue(context, queue2) {
      Object.defineProperty(context, gracefulQueue, {
        get: function() {
          return queue2;
        }
      });
    }
    var debug = noop;
    if (util.debuglog)
      debug = util.debuglog("gfs4");
    else if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || ""))
      debug = function() {
        var m = util.format.apply(util, arguments);
        m = "GFS4: " + m.split(/\n/).join("\nGFS4: ");
        console.error(m);
      };
    if (!fs[gracefulQueue]) {
      queue = global[gracefulQueue] || [];
      publishQueue(fs, queue);
      fs.close = (function(fs$close) {
        function close(fd, cb) {
          return fs$close.call(fs, fd, function(err) {
            if (!err) {
              resetQueue();
            }
            if (typeof cb === "function")
              cb.apply(this, arguments);
          });
        }
        Object.defineProperty(close, previousSymbol, {
          value: fs$close
        });
        return close;
      })(fs.close);
      fs.closeSync = (function(fs$closeSync) {
        function closeSync(fd) {
          fs$closeSync.apply(fs, arguments);
          resetQueue();
        }
        Object.defineProperty(closeSync, previousSymbol, {
          value: fs$closeSync
        });
        return closeSync;
      })(fs.closeSync);
      if (/\bgfs4\b/i.test(process.env.NODE_DEBUG || "")) {
        process.on("exit", function() {
          debug(fs[gracefulQueue]);
          __require("assert").equal(fs[gracefulQueue].length, 0);
        });
      }
    }
    var queue;
    if (!global[gracefulQueue]) {
      publishQueue(global, fs[gracefulQueue]);
    }
    module.exports = patch(clone(fs));
    if (process.env.TEST_GRACEFUL_FS_GLOBAL_PATCH && !fs.__patched) {
      module.exports = patch(fs);
      fs.__patched = true;
    }
    function patch(fs2) {
      polyfills(fs2);
      fs2.gracefulify = patch;
      fs2.createReadStream = createReadStream;
      fs2.createWriteStream = createWriteStream;
      var fs$readFile = fs2.readFile;
      fs2.readFile = readFile;
      function readFile(path, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$readFile(path, options, cb);
        function go$readFile(path2, options2, cb2, startTime) {
          return fs$readFile(path2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$readFile, [path2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$writeFile = fs2.writeFile;
      fs2.writeFile = writeFile;
      function writeFile(path, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$writeFile(path, data, options, cb);
        function go$writeFile(path2, data2, options2, cb2, startTime) {
          return fs$writeFile(path2, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$writeFile, [path2, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$appendFile = fs2.appendFile;
      if (fs$appendFile)
        fs2.appendFile = appendFile;
      function appendFile(path, data, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        return go$appendFile(path, data, options, cb);
        function go$appendFile(path2, data2, options2, cb2, startTime) {
          return fs$appendFile(path2, data2, options2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$appendFile, [path2, data2, options2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$copyFile = fs2.copyFile;
      if (fs$copyFile)
        fs2.copyFile = copyFile;
      function copyFile(src2, dest, flags, cb) {
        if (typeof flags === "function") {
          cb = flags;
          flags = 0;
        }
        return go$copyFile(src2, dest, flags, cb);
        function go$copyFile(src3, dest2, flags2, cb2, startTime) {
          return fs$copyFile(src3, dest2, flags2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$copyFile, [src3, dest2, flags2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      var fs$readdir = fs2.readdir;
      fs2.readdir = readdir;
      var noReaddirOptionVersions = /^v[0-5]\./;
      function readdir(path, options, cb) {
        if (typeof options === "function")
          cb = options, options = null;
        var go$readdir = noReaddirOptionVersions.test(process.version) ? function go$readdir2(path2, options2, cb2, startTime) {
          return fs$readdir(path2, fs$readdirCallback(
            path2,
            options2,
            cb2,
            startTime
          ));
        } : function go$readdir2(path2, options2, cb2, startTime) {
          return fs$readdir(path2, options2, fs$readdirCallback(
            path2,
            options2,
            cb2,
            startTime
          ));
        };
        return go$readdir(path, options, cb);
        function fs$readdirCallback(path2, options2, cb2, startTime) {
          return function(err, files) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([
                go$readdir,
                [path2, options2, cb2],
                err,
                startTime || Date.now(),
                Date.now()
              ]);
            else {
              if (files && files.sort)
                files.sort();
              if (typeof cb2 === "function")
                cb2.call(this, err, files);
            }
          };
        }
      }
      if (process.version.substr(0, 4) === "v0.8") {
        var legStreams = legacy(fs2);
        ReadStream = legStreams.ReadStream;
        WriteStream = legStreams.WriteStream;
      }
      var fs$ReadStream = fs2.ReadStream;
      if (fs$ReadStream) {
        ReadStream.prototype = Object.create(fs$ReadStream.prototype);
        ReadStream.prototype.open = ReadStream$open;
      }
      var fs$WriteStream = fs2.WriteStream;
      if (fs$WriteStream) {
        WriteStream.prototype = Object.create(fs$WriteStream.prototype);
        WriteStream.prototype.open = WriteStream$open;
      }
      Object.defineProperty(fs2, "ReadStream", {
        get: function() {
          return ReadStream;
        },
        set: function(val) {
          ReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      Object.defineProperty(fs2, "WriteStream", {
        get: function() {
          return WriteStream;
        },
        set: function(val) {
          WriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileReadStream = ReadStream;
      Object.defineProperty(fs2, "FileReadStream", {
        get: function() {
          return FileReadStream;
        },
        set: function(val) {
          FileReadStream = val;
        },
        enumerable: true,
        configurable: true
      });
      var FileWriteStream = WriteStream;
      Object.defineProperty(fs2, "FileWriteStream", {
        get: function() {
          return FileWriteStream;
        },
        set: function(val) {
          FileWriteStream = val;
        },
        enumerable: true,
        configurable: true
      });
      function ReadStream(path, options) {
        if (this instanceof ReadStream)
          return fs$ReadStream.apply(this, arguments), this;
        else
          return ReadStream.apply(Object.create(ReadStream.prototype), arguments);
      }
      function ReadStream$open() {
        var that = this;
        open(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            if (that.autoClose)
              that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
            that.read();
          }
        });
      }
      function WriteStream(path, options) {
        if (this instanceof WriteStream)
          return fs$WriteStream.apply(this, arguments), this;
        else
          return WriteStream.apply(Object.create(WriteStream.prototype), arguments);
      }
      function WriteStream$open() {
        var that = this;
        open(that.path, that.flags, that.mode, function(err, fd) {
          if (err) {
            that.destroy();
            that.emit("error", err);
          } else {
            that.fd = fd;
            that.emit("open", fd);
          }
        });
      }
      function createReadStream(path, options) {
        return new fs2.ReadStream(path, options);
      }
      function createWriteStream(path, options) {
        return new fs2.WriteStream(path, options);
      }
      var fs$open = fs2.open;
      fs2.open = open;
      function open(path, flags, mode, cb) {
        if (typeof mode === "function")
          cb = mode, mode = null;
        return go$open(path, flags, mode, cb);
        function go$open(path2, flags2, mode2, cb2, startTime) {
          return fs$open(path2, flags2, mode2, function(err, fd) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$open, [path2, flags2, mode2, cb2], err, startTime || Date.now(), Date.now()]);
            else {
              if (typeof cb2 === "function")
                cb2.apply(this, arguments);
            }
          });
        }
      }
      return fs2;
    }
    function enqueue(elem) {
      debug("ENQUEUE", elem[0].name, elem[1]);
      fs[gracefulQueue].push(elem);
      retry();
    }
    var retryTimer;
    function resetQueue() {
      var now = Date.now();
      for (var i = 0; i < fs[gracefulQueue].length; ++i) {
        if (fs[gracefulQueue][i].length > 2) {
          fs[gracefulQueue][i][3] = now;
          fs[gracefulQueue][i][4] = now;
        }
      }
      retry();
    }
    function retry() {
      clearTimeout(retryTimer);
      retryTimer = void 0;
      if (fs[gracefulQueue].length === 0)
        return;
      var elem = fs[gracefulQueue].shift();
      var fn = elem[0];
      var args = elem[1];
      var err = elem[2];
      var startTime = elem[3];
      var lastTime = elem[4];
      if (startTime === void 0) {
        debug("RETRY", fn.name, args);
        fn.apply(null, args);
      } else if (Date.now() - startTime >= 6e4) {
        debug("TIMEOUT", fn.name, args);
        var cb = args.pop();
        if (typeof cb === "function")
          cb.call(null, err);
      } else {
        var sinceAttempt = Date.now() - lastTime;
        var sinceStart = Math.max(lastTime - startTime, 1);
        var desiredDelay = Math.min(sinceStart * 1.2, 100);
        if (sinceAttempt >= desiredDelay) {
          debug("RETRY", fn.name, args);
          fn.apply(null, args.concat([startTime]));
        } else {
          fs[gracefulQueue].push(elem);
        }
      }
      if (retryTimer === void 0) {
        retryTimer = setTimeout(retry, 0);
      }
    }
  }
});

// node_modules/retry/lib/retry_operation.js
var require_retry_operation = __commonJS({
  "node_modules/retry/lib/retry_operation.js"(exports, module) {
    function RetryOperation(timeouts, options) {
      if (typeof options === "boolean") {
        options = { forever: options };
      }
      this._originalTimeouts = JSON.parse(JSON.stringify(timeouts));
      this._timeouts = timeouts;
      this._options = options || {};
      this._maxRetryTime = options && options.maxRetryTime || Infinity;
      this._fn = null;
      this._errors = [];
      this._attempts = 1;
      this._operationTimeout = null;
      this._operationTimeoutCb = null;
      this._timeout = null;
      this._operationStart = null;
      if (this._options.forever) {
        this._cachedTimeouts = this._timeouts.slice(0);
      }
    }
    module.exports = RetryOperation;
    RetryOperation.prototype.reset = function() {
      this._attempts = 1;
      this._timeouts = this._originalTimeouts;
    };
    RetryOperation.prototype.stop = function() {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      this._timeouts = [];
      this._cachedTimeouts = null;
    };
    RetryOperation.prototype.retry = function(err) {
      if (this._timeout) {
        clearTimeout(this._timeout);
      }
      if (!err) {
        return false;
      }
      var currentTime = (/* @__PURE__ */ new Date()).getTime();
      if (err && currentTime - this._operationStart >= this._maxRetryTime) {
        this._errors.unshift(new Error("RetryOperation timeout occurred"));
        return false;
      }
      this._errors.push(err);
      var timeout = this._timeouts.shift();
      if (timeout === void 0) {
        if (this._cachedTimeouts) {
          this._errors.splice(this._errors.length - 1, this._errors.length);
          this._timeouts = this._cachedTimeouts.slice(0);
          timeout = this._timeouts.shift();
        } else {
          return false;
        }
      }
      var self = this;
      var timer = setTimeout(function() {
        self._attempts++;
        if (self._operationTimeoutCb) {
          self._timeout = setTimeout(function() {
            self._operationTimeoutCb(self._attempts);
          }, self._operationTimeout);
          if (self._options.unref) {
            self._timeout.unref();
          }
        }
        self._fn(self._attempts);
      }, timeout);
      if (this._options.unref) {
        timer.unref();
      }
      return true;
    };
    RetryOperation.prototype.attempt = function(fn, timeoutOps) {
      this._fn = fn;
      if (timeoutOps) {
        if (timeoutOps.timeout) {
          this._operationTimeout = timeoutOps.timeout;
        }
        if (timeoutOps.cb) {
          this._operationTimeoutCb = timeoutOps.cb;
        }
      }
      var self = this;
      if (this._operationTimeoutCb) {
        this._timeout = setTimeout(function() {
          self._operationTimeoutCb();
        }, self._operationTimeout);
      }
      this._operationStart = (/* @__PURE__ */ new Date()).getTime();
      this._fn(this._attempts);
    };
    RetryOperation.prototype.try = function(fn) {
      console.log("Using RetryOperation.try() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = function(fn) {
      console.log("Using RetryOperation.start() is deprecated");
      this.attempt(fn);
    };
    RetryOperation.prototype.start = RetryOperation.prototype.try;
    RetryOperation.prototype.errors = function() {
      return this._errors;
    };
    RetryOperation.prototype.attempts = function() {
      return this._attempts;
    };
    RetryOperation.prototype.mainError = function() {
      if (this._errors.length === 0) {
        return null;
      }
      var counts = {};
      var mainError = null;
      var mainErrorCount = 0;
      for (var i = 0; i < this._errors.length; i++) {
        var error = this._errors[i];
        var message = error.message;
        var count = (counts[message] || 0) + 1;
        counts[message] = count;
        if (count >= mainErrorCount) {
          mainError = error;
          mainErrorCount = count;
        }
      }
      return mainError;
    };
  }
});

// node_modules/retry/lib/retry.js
var require_retry = __commonJS({
  "node_modules/retry/lib/retry.js"(exports) {
    var RetryOperation = require_retry_operation();
    exports.operation = function(options) {
      var timeouts = exports.timeouts(options);
      return new RetryOperation(timeouts, {
        forever: options && options.forever,
        unref: options && options.unref,
        maxRetryTime: options && options.maxRetryTime
      });
    };
    exports.timeouts = function(options) {
      if (options instanceof Array) {
        return [].concat(options);
      }
      var opts = {
        retries: 10,
        factor: 2,
        minTimeout: 1 * 1e3,
        maxTimeout: Infinity,
        randomize: false
      };
      for (var key in options) {
        opts[key] = options[key];
      }
      if (opts.minTimeout > opts.maxTimeout) {
        throw new Error("minTimeout is greater than maxTimeout");
      }
      var timeouts = [];
      for (var i = 0; i < opts.retries; i++) {
        timeouts.push(this.createTimeout(i, opts));
      }
      if (options && options.forever && !timeouts.length) {
        timeouts.push(this.createTimeout(i, opts));
      }
      timeouts.sort(function(a, b) {
        return a - b;
      });
      return timeouts;
    };
    exports.createTimeout = function(attempt, opts) {
      var random = opts.randomize ? Math.random() + 1 : 1;
      var timeout = Math.round(random * opts.minTimeout * Math.pow(opts.factor, attempt));
      timeout = Math.min(timeout, opts.maxTimeout);
      return timeout;
    };
    exports.wrap = function(obj, options, methods) {
      if (options instanceof Array) {
        methods = options;
        options = null;
      }
      if (!methods) {
        methods = [];
        for (var key in obj) {
          if (typeof obj[key] === "function") {
            methods.push(key);
          }
        }
      }
      for (var i = 0; i < methods.length; i++) {
        var method = methods[i];
        var original = obj[method];
        obj[method] = function retryWrapper(original2) {
          var op = exports.operation(options);
          var args = Array.prototype.slice.call(arguments, 1);
          var callback = args.pop();
          args.push(function(err) {
            if (op.retry(err)) {
              return;
            }
            if (err) {
              arguments[0] = op.mainError();
            }
            callback.apply(this, arguments);
          });
          op.attempt(function() {
            original2.apply(obj, args);
          });
        }.bind(obj, original);
        obj[method].options = options;
      }
    };
  }
});

// node_modules/retry/index.js
var require_retry2 = __commonJS({
  "node_modules/retry/index.js"(exports, module) {
    module.exports = require_retry();
  }
});

// node_modules/signal-exit/signals.js
var require_signals = __commonJS({
  "node_modules/signal-exit/signals.js"(exports, module) {
    module.exports = [
      "SIGABRT",
      "SIGALRM",
      "SIGHUP",
      "SIGINT",
      "SIGTERM"
    ];
    if (process.platform !== "win32") {
      module.exports.push(
        "SIGVTALRM",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGUSR2",
        "SIGTRAP",
        "SIGSYS",
        "SIGQUIT",
        "SIGIOT"
        // should detect profiler and enable/disable accordingly.
        // see #21
        // 'SIGPROF'
      );
    }
    if (process.platform === "linux") {
      module.exports.push(
        "SIGIO",
        "SIGPOLL",
        "SIGPWR",
        "SIGSTKFLT",
        "SIGUNUSED"
      );
    }
  }
});

// node_modules/signal-exit/index.js
var require_signal_exit = __commonJS({
  "node_modules/signal-exit/index.js"(exports, module) {
    var process2 = global.process;
    var processOk = function(process3) {
      return process3 && typeof process3 === "object" && typeof process3.removeListener === "function" && typeof process3.emit === "function" && typeof process3.reallyExit === "function" && typeof process3.listeners === "function" && typeof process3.kill === "function" && typeof process3.pid === "number" && typeof process3.on === "function";
    };
    if (!processOk(process2)) {
      module.exports = function() {
        return function() {
        };
      };
    } else {
      assert = __require("assert");
      signals = require_signals();
      isWin = /^win/i.test(process2.platform);
      EE = __require("events");
      if (typeof EE !== "function") {
        EE = EE.EventEmitter;
      }
      if (process2.__signal_exit_emitter__) {
        emitter = process2.__signal_exit_emitter__;
      } else {
        emitter = process2.__signal_exit_emitter__ = new EE();
        emitter.count = 0;
        emitter.emitted = {};
      }
      if (!emitter.infinite) {
        emitter.setMaxListeners(Infinity);
        emitter.infinite = true;
      }
      module.exports = function(cb, opts) {
        if (!processOk(global.process)) {
          return function() {
          };
        }
        assert.equal(typeof cb, "function", "a callback must be provided for exit handler");
        if (loaded === false) {
          load();
        }
        var ev = "exit";
        if (opts && opts.alwaysLast) {
          ev = "afterexit";
        }
        var remove = function() {
          emitter.removeListener(ev, cb);
          if (emitter.listeners("exit").length === 0 && emitter.listeners("afterexit").length === 0) {
            unload();
          }
        };
        emitter.on(ev, cb);
        return remove;
      };
      unload = function unload2() {
        if (!loaded || !processOk(global.process)) {
          return;
        }
        loaded = false;
        signals.forEach(function(sig) {
          try {
            process2.removeListener(sig, sigListeners[sig]);
          } catch (er) {
          }
        });
        process2.emit = originalProcessEmit;
        process2.reallyExit = originalProcessReallyExit;
        emitter.count -= 1;
      };
      module.exports.unload = unload;
      emit = function emit2(event, code, signal) {
        if (emitter.emitted[event]) {
          return;
        }
        emitter.emitted[event] = true;
        emitter.emit(event, code, signal);
      };
      sigListeners = {};
      signals.forEach(function(sig) {
        sigListeners[sig] = function listener() {
          if (!processOk(global.process)) {
            return;
          }
          var listeners = process2.listeners(sig);
          if (listeners.length === emitter.count) {
            unload();
            emit("exit", null, sig);
            emit("afterexit", null, sig);
            if (isWin && sig === "SIGHUP") {
              sig = "SIGINT";
            }
            process2.kill(process2.pid, sig);
          }
        };
      });
      module.exports.signals = function() {
        return signals;
      };
      loaded = false;
      load = function load2() {
        if (loaded || !processOk(global.process)) {
          return;
        }
        loaded = true;
        emitter.count += 1;
        signals = signals.filter(function(sig) {
          try {
            process2.on(sig, sigListeners[sig]);
            return true;
          } catch (er) {
            return false;
          }
        });
        process2.emit = processEmit;
        process2.reallyExit = processReallyExit;
      };
      module.exports.load = load;
      originalProcessReallyExit = process2.reallyExit;
      processReallyExit = function processReallyExit2(code) {
        if (!processOk(global.process)) {
          return;
        }
        process2.exitCode = code || /* istanbul ignore next */
        0;
        emit("exit", process2.exitCode, null);
        emit("afterexit", process2.exitCode, null);
        originalProcessReallyExit.call(process2, process2.exitCode);
      };
      originalProcessEmit = process2.emit;
      processEmit = function processEmit2(ev, arg) {
        if (ev === "exit" && processOk(global.process)) {
          if (arg !== void 0) {
            process2.exitCode = arg;
          }
          var ret = originalProcessEmit.apply(this, arguments);
          emit("exit", process2.exitCode, null);
          emit("afterexit", process2.exitCode, null);
          return ret;
        } else {
          return originalProcessEmit.apply(this, arguments);
        }
      };
    }
    var assert;
    var signals;
    var isWin;
    var EE;
    var emitter;
    var unload;
    var emit;
    var sigListeners;
    var loaded;
    var load;
    var originalProcessReallyExit;
    var processReallyExit;
    var originalProcessEmit;
    var processEmit;
  }
});

// node_modules/proper-lockfile/lib/mtime-precision.js
var require_mtime_precision = __commonJS({
  "node_modules/proper-lockfile/lib/mtime-precision.js"(exports, module) {
    "use strict";
    var cacheSymbol = /* @__PURE__ */ Symbol();
    function probe(file, fs, callback) {
      const cachedPrecision = fs[cacheSymbol];
      if (cachedPrecision) {
        return fs.stat(file, (err, stat) => {
          if (err) {
            return callback(err);
          }
          callback(null, stat.mtime, cachedPrecision);
        });
      }
      const mtime = new Date(Math.ceil(Date.now() / 1e3) * 1e3 + 5);
      fs.utimes(file, mtime, mtime, (err) => {
        if (err) {
          return callback(err);
        }
        fs.stat(file, (err2, stat) => {
          if (err2) {
            return callback(err2);
          }
          const precision = stat.mtime.getTime() % 1e3 === 0 ? "s" : "ms";
          Object.defineProperty(fs, cacheSymbol, { value: precision });
          callback(null, stat.mtime, precision);
        });
      });
    }
    function getMtime(precision) {
      let now = Date.now();
      if (precision === "s") {
        now = Math.ceil(now / 1e3) * 1e3;
      }
      return new Date(now);
    }
    module.exports.probe = probe;
    module.exports.getMtime = getMtime;
  }
});

// node_modules/proper-lockfile/lib/lockfile.js
var require_lockfile = __commonJS({
  "node_modules/proper-lockfile/lib/lockfile.js"(exports, module) {
    "use strict";
    var path = __require("path");
    var fs = require_graceful_fs();
    var retry = require_retry2();
    var onExit = require_signal_exit();
    var mtimePrecision = require_mtime_precision();
    var locks = {};
    function getLockFile(file, options) {
      return options.lockfilePath || `${file}.lock`;
    }
    function resolveCanonicalPath(file, options, callback) {
      if (!options.realpath) {
        return callback(null, path.resolve(file));
      }
      options.fs.realpath(file, callback);
    }
    function acquireLock(file, options, callback) {
      const lockfilePath = getLockFile(file, options);
      options.fs.mkdir(lockfilePath, (err) => {
        if (!err) {
          return mtimePrecision.probe(lockfilePath, options.fs, (err2, mtime, mtimePrecision2) => {
            if (err2) {
              options.fs.rmdir(lockfilePath, () => {
              });
              return callback(err2);
            }
            callback(null, mtime, mtimePrecision2);
          });
        }
        if (err.code !== "EEXIST") {
          return callback(err);
        }
        if (options.stale <= 0) {
          return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
        }
        options.fs.stat(lockfilePath, (err2, stat) => {
          if (err2) {
            if (err2.code === "ENOENT") {
              return acquireLock(file, { ...options, stale: 0 }, callback);
            }
            return callback(err2);
          }
          if (!isLockStale(stat, options)) {
            return callback(Object.assign(new Error("Lock file is already being held"), { code: "ELOCKED", file }));
          }
          removeLock(file, options, (err3) => {
            if (err3) {
              return callback(err3);
            }
            acquireLock(file, { ...options, stale: 0 }, callback);
          });
        });
      });
    }
    function isLockStale(stat, options) {
      return stat.mtime.getTime() < Date.now() - options.stale;
    }
    function removeLock(file, options, callback) {
      options.fs.rmdir(getLockFile(file, options), (err) => {
        if (err && err.code !== "ENOENT") {
          return callback(err);
        }
        callback();
      });
    }
    function updateLock(file, options) {
      const lock2 = locks[file];
      if (lock2.updateTimeout) {
        return;
      }
      lock2.updateDelay = lock2.updateDelay || options.update;
      lock2.updateTimeout = setTimeout(() => {
        lock2.updateTimeout = null;
        options.fs.stat(lock2.lockfilePath, (err, stat) => {
          const isOverThreshold = lock2.lastUpdate + options.stale < Date.now();
          if (err) {
            if (err.code === "ENOENT" || isOverThreshold) {
              return setLockAsCompromised(file, lock2, Object.assign(err, { code: "ECOMPROMISED" }));
            }
            lock2.updateDelay = 1e3;
            return updateLock(file, options);
          }
          const isMtimeOurs = lock2.mtime.getTime() === stat.mtime.getTime();
          if (!isMtimeOurs) {
            return setLockAsCompromised(
              file,
              lock2,
              Object.assign(
                new Error("Unable to update lock within the stale threshold"),
                { code: "ECOMPROMISED" }
              )
            );
          }
          const mtime = mtimePrecision.getMtime(lock2.mtimePrecision);
          options.fs.utimes(lock2.lockfilePath, mtime, mtime, (err2) => {
            const isOverThreshold2 = lock2.lastUpdate + options.stale < Date.now();
            if (lock2.released) {
              return;
            }
            if (err2) {
              if (err2.code === "ENOENT" || isOverThreshold2) {
                return setLockAsCompromised(file, lock2, Object.assign(err2, { code: "ECOMPROMISED" }));
              }
              lock2.updateDelay = 1e3;
              return updateLock(file, options);
            }
            lock2.mtime = mtime;
            lock2.lastUpdate = Date.now();
            lock2.updateDelay = null;
            updateLock(file, options);
          });
        });
      }, lock2.updateDelay);
      if (lock2.updateTimeout.unref) {
        lock2.updateTimeout.unref();
      }
    }
    function setLockAsCompromised(file, lock2, err) {
      lock2.released = true;
      if (lock2.updateTimeout) {
        clearTimeout(lock2.updateTimeout);
      }
      if (locks[file] === lock2) {
        delete locks[file];
      }
      lock2.options.onCompromised(err);
    }
    function lock(file, options, callback) {
      options = {
        stale: 1e4,
        update: null,
        realpath: true,
        retries: 0,
        fs,
        onCompromised: (err) => {
          throw err;
        },
        ...options
      };
      options.retries = options.retries || 0;
      options.retries = typeof options.retries === "number" ? { retries: options.retries } : options.retries;
      options.stale = Math.max(options.stale || 0, 2e3);
      options.update = options.update == null ? options.stale / 2 : options.update || 0;
      options.update = Math.max(Math.min(options.update, options.stale / 2), 1e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const operation = retry.operation(options.retries);
        operation.attempt(() => {
          acquireLock(file2, options, (err2, mtime, mtimePrecision2) => {
            if (operation.retry(err2)) {
              return;
            }
            if (err2) {
              return callback(operation.mainError());
            }
            const lock2 = locks[file2] = {
              lockfilePath: getLockFile(file2, options),
              mtime,
              mtimePrecision: mtimePrecision2,
              options,
              lastUpdate: Date.now()
            };
            updateLock(file2, options);
            callback(null, (releasedCallback) => {
              if (lock2.released) {
                return releasedCallback && releasedCallback(Object.assign(new Error("Lock is already released"), { code: "ERELEASED" }));
              }
              unlock(file2, { ...options, realpath: false }, releasedCallback);
            });
          });
        });
      });
    }
    function unlock(file, options, callback) {
      options = {
        fs,
        realpath: true,
        ...options
      };
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        const lock2 = locks[file2];
        if (!lock2) {
          return callback(Object.assign(new Error("Lock is not acquired/owned by you"), { code: "ENOTACQUIRED" }));
        }
        lock2.updateTimeout && clearTimeout(lock2.updateTimeout);
        lock2.released = true;
        delete locks[file2];
        removeLock(file2, options, callback);
      });
    }
    function check(file, options, callback) {
      options = {
        stale: 1e4,
        realpath: true,
        fs,
        ...options
      };
      options.stale = Math.max(options.stale || 0, 2e3);
      resolveCanonicalPath(file, options, (err, file2) => {
        if (err) {
          return callback(err);
        }
        options.fs.stat(getLockFile(file2, options), (err2, stat) => {
          if (err2) {
            return err2.code === "ENOENT" ? callback(null, false) : callback(err2);
          }
          return callback(null, !isLockStale(stat, options));
        });
      });
    }
    function getLocks() {
      return locks;
    }
    onExit(() => {
      for (const file in locks) {
        const options = locks[file].options;
        try {
          options.fs.rmdirSync(getLockFile(file, options));
        } catch (e) {
        }
      }
    });
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.check = check;
    module.exports.getLocks = getLocks;
  }
});

// node_modules/proper-lockfile/lib/adapter.js
var require_adapter = __commonJS({
  "node_modules/proper-lockfile/lib/adapter.js"(exports, module) {
    "use strict";
    var fs = require_graceful_fs();
    function createSyncFs(fs2) {
      const methods = ["mkdir", "realpath", "stat", "rmdir", "utimes"];
      const newFs = { ...fs2 };
      methods.forEach((method) => {
        newFs[method] = (...args) => {
          const callback = args.pop();
          let ret;
          try {
            ret = fs2[`${method}Sync`](...args);
          } catch (err) {
            return callback(err);
          }
          callback(null, ret);
        };
      });
      return newFs;
    }
    function toPromise(method) {
      return (...args) => new Promise((resolve11, reject) => {
        args.push((err, result) => {
          if (err) {
            reject(err);
          } else {
            resolve11(result);
          }
        });
        method(...args);
      });
    }
    function toSync(method) {
      return (...args) => {
        let err;
        let result;
        args.push((_err, _result) => {
          err = _err;
          result = _result;
        });
        method(...args);
        if (err) {
          throw err;
        }
        return result;
      };
    }
    function toSyncOptions(options) {
      options = { ...options };
      options.fs = createSyncFs(options.fs || fs);
      if (typeof options.retries === "number" && options.retries > 0 || options.retries && typeof options.retries.retries === "number" && options.retries.retries > 0) {
        throw Object.assign(new Error("Cannot use retries with the sync api"), { code: "ESYNC" });
      }
      return options;
    }
    module.exports = {
      toPromise,
      toSync,
      toSyncOptions
    };
  }
});

// node_modules/proper-lockfile/index.js
var require_proper_lockfile = __commonJS({
  "node_modules/proper-lockfile/index.js"(exports, module) {
    "use strict";
    var lockfile2 = require_lockfile();
    var { toPromise, toSync, toSyncOptions } = require_adapter();
    async function lock(file, options) {
      const release = await toPromise(lockfile2.lock)(file, options);
      return toPromise(release);
    }
    function lockSync(file, options) {
      const release = toSync(lockfile2.lock)(file, toSyncOptions(options));
      return toSync(release);
    }
    function unlock(file, options) {
      return toPromise(lockfile2.unlock)(file, options);
    }
    function unlockSync(file, options) {
      return toSync(lockfile2.unlock)(file, toSyncOptions(options));
    }
    function check(file, options) {
      return toPromise(lockfile2.check)(file, options);
    }
    function checkSync(file, options) {
      return toSync(lockfile2.check)(file, toSyncOptions(options));
    }
    module.exports = lock;
    module.exports.lock = lock;
    module.exports.unlock = unlock;
    module.exports.lockSync = lockSync;
    module.exports.unlockSync = unlockSync;
    module.exports.check = check;
    module.exports.checkSync = checkSync;
  }
});

// src/errors.ts
var UserError = class extends Error {
  constructor(message, exitCode = 2) {
    super(message);
    this.exitCode = exitCode;
    this.name = "UserError";
  }
  exitCode;
};
var usage = (command, synopsis) => new UserError(`${command}: ${synopsis}`, 2);

// server/cache/cacheService.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { availableParallelism, tmpdir } from "node:os";
import { readFileSync as readFileSync5, unlinkSync as unlinkSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join5, resolve as resolve4 } from "node:path";

// server/cache/cacheDir.ts
import { homedir } from "node:os";
import { join, resolve } from "node:path";
function defaultCacheDir(env = process.env) {
  if (env.FBUILD_CACHE_DIR) return resolve(env.FBUILD_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), "fbuild");
  return join(homedir(), ".cache", "fbuild");
}

// server/cache/compilerIdentity.ts
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join as join2, resolve as resolve2 } from "node:path";

// node_modules/msgpackr/unpack.js
var decoder;
try {
  decoder = new TextDecoder();
} catch (error) {
}
var src;
var srcEnd;
var position = 0;
var EMPTY_ARRAY = [];
var EXTRACTION_FAILED = [];
var strings = EMPTY_ARRAY;
var stringPosition = 0;
var currentUnpackr = {};
var currentStructures;
var srcString;
var srcStringStart = 0;
var srcStringEnd = 0;
var bundledStrings;
var referenceMap;
var currentExtensions = [];
var dataView;
var arrayAllocationBudget;
var defaultOptions = {
  useRecords: false,
  mapsAsObjects: true
};
var C1Type = class {
};
var C1 = new C1Type();
C1.name = "MessagePack 0xC1";
var sequentialMode = false;
var inlineObjectReadThreshold = 2;
var Unpackr = class _Unpackr {
  constructor(options) {
    if (options) {
      if (options.useRecords === false && options.mapsAsObjects === void 0)
        options.mapsAsObjects = true;
      if (options.sequential && options.trusted !== false) {
        options.trusted = true;
        if (!options.structures && options.useRecords != false) {
          options.structures = [];
          if (!options.maxSharedStructures)
            options.maxSharedStructures = 0;
        }
      }
      if (options.structures)
        options.structures.sharedLength = options.structures.length;
      else if (options.getStructures) {
        (options.structures = []).uninitialized = true;
        options.structures.sharedLength = 0;
      }
      if (options.int64AsNumber) {
        options.int64AsType = "number";
      }
    }
    Object.assign(this, options);
  }
  unpack(source, options) {
    if (src) {
      return saveState(() => {
        clearSource();
        try {
          return this ? this.unpack(source, options) : _Unpackr.prototype.unpack.call(defaultOptions, source, options);
        } catch (error) {
          if (error && typeof error == "object")
            nestedUnpackErrors.add(error);
          throw error;
        }
      });
    }
    if (!source.buffer && source.constructor === ArrayBuffer)
      source = typeof Buffer !== "undefined" ? Buffer.from(source) : new Uint8Array(source);
    if (typeof options === "object") {
      srcEnd = options.end || source.length;
      position = options.start || 0;
    } else {
      position = 0;
      srcEnd = options > -1 ? options : source.length;
    }
    if (srcEnd > source.length) srcEnd = source.length;
    stringPosition = 0;
    srcStringEnd = 0;
    srcString = null;
    strings = EMPTY_ARRAY;
    bundledStrings = null;
    src = source;
    try {
      dataView = source.dataView || (source.dataView = new DataView(source.buffer, source.byteOffset, source.byteLength));
    } catch (error) {
      src = null;
      if (source instanceof Uint8Array)
        throw error;
      throw new Error("Source must be a Uint8Array or Buffer but was a " + (source && typeof source == "object" ? source.constructor.name : typeof source));
    }
    if (this instanceof _Unpackr) {
      currentUnpackr = this;
      if (this.structures) {
        currentStructures = this.structures;
        return checkedRead(options);
      } else if (!currentStructures || currentStructures.length > 0) {
        currentStructures = [];
      }
    } else {
      currentUnpackr = defaultOptions;
      if (!currentStructures || currentStructures.length > 0)
        currentStructures = [];
    }
    return checkedRead(options);
  }
  unpackMultiple(source, forEach) {
    let values, lastPosition = 0;
    try {
      sequentialMode = true;
      let size = source.length;
      let value = this ? this.unpack(source, size) : defaultUnpackr.unpack(source, size);
      if (forEach) {
        if (forEach(value, lastPosition, position) === false) return;
        while (position < size) {
          lastPosition = position;
          if (forEach(checkedRead(), lastPosition, position) === false) {
            return;
          }
        }
      } else {
        values = [value];
        while (position < size) {
          lastPosition = position;
          values.push(checkedRead());
        }
        return values;
      }
    } catch (error) {
      error.lastPosition = lastPosition;
      error.values = values;
      throw error;
    } finally {
      sequentialMode = false;
      clearSource();
    }
  }
  _mergeStructures(loadedStructures, existingStructures) {
    if (this._onLoadedStructures)
      loadedStructures = this._onLoadedStructures(loadedStructures);
    loadedStructures = loadedStructures || [];
    if (Object.isFrozen(loadedStructures))
      loadedStructures = loadedStructures.map((structure) => structure.slice(0));
    for (let i = 0, l = loadedStructures.length; i < l; i++) {
      let structure = loadedStructures[i];
      if (structure) {
        structure.isShared = true;
        if (i >= 32)
          structure.highByte = i - 32 >> 5;
      }
    }
    loadedStructures.sharedLength = loadedStructures.length;
    for (let id in existingStructures || []) {
      if (id >= 0) {
        let structure = loadedStructures[id];
        let existing = existingStructures[id];
        if (existing) {
          if (structure)
            (loadedStructures.restoreStructures || (loadedStructures.restoreStructures = []))[id] = structure;
          loadedStructures[id] = existing;
        }
      }
    }
    return this.structures = loadedStructures;
  }
  decode(source, options) {
    return this.unpack(source, options);
  }
};
var nestedUnpackErrors = /* @__PURE__ */ new WeakSet();
function checkedRead(options) {
  try {
    if (!currentUnpackr.trusted && !sequentialMode) {
      let sharedLength = currentStructures.sharedLength || 0;
      if (sharedLength < currentStructures.length)
        currentStructures.length = sharedLength;
    }
    let result;
    arrayAllocationBudget = srcEnd - position;
    if (currentUnpackr._readStruct && src[position] < 64 && src[position] >= 32) {
      result = currentUnpackr._readStruct(src, position, srcEnd);
      src = null;
      if (!(options && options.lazy) && result)
        result = result.toJSON();
      position = srcEnd;
    } else
      result = read();
    if (bundledStrings) {
      position = bundledStrings.postBundlePosition;
      bundledStrings = null;
    }
    if (sequentialMode)
      currentStructures.restoreStructures = null;
    if (position == srcEnd) {
      if (currentStructures && currentStructures.restoreStructures)
        restoreStructures();
      currentStructures = null;
      src = null;
      if (referenceMap)
        referenceMap = null;
    } else if (position > srcEnd) {
      throw new Error("Unexpected end of MessagePack data");
    } else if (!sequentialMode) {
      let jsonView;
      try {
        jsonView = JSON.stringify(result, (_, value) => typeof value === "bigint" ? `${value}n` : value).slice(0, 100);
      } catch (error) {
        jsonView = "(JSON view not available " + error + ")";
      }
      throw new Error("Data read, but end of buffer not reached " + jsonView);
    }
    return result;
  } catch (error) {
    if (currentStructures && currentStructures.restoreStructures)
      restoreStructures();
    clearSource();
    classifyIncomplete(error);
    throw error;
  }
}
function classifyIncomplete(error) {
  if (!error || typeof error != "object")
    return;
  if (position > srcEnd) {
    error.incomplete = true;
  } else if (nestedUnpackErrors.has(error)) {
    if (error.incomplete)
      error.incomplete = false;
  } else if (error instanceof RangeError && position + 8 > srcEnd || typeof error.message == "string" && error.message.startsWith("Unexpected end of buffer")) {
    error.incomplete = true;
  }
}
function restoreStructures() {
  for (let id in currentStructures.restoreStructures) {
    currentStructures[id] = currentStructures.restoreStructures[id];
  }
  currentStructures.restoreStructures = null;
}
function read() {
  let token = src[position++];
  if (token < 160) {
    if (token < 128) {
      if (token < 64)
        return token;
      else {
        let structure = currentStructures[token & 63] || currentUnpackr.getStructures && loadStructures()[token & 63];
        if (structure) {
          if (!structure.read) {
            structure.read = createStructureReader(structure, token & 63);
          }
          return structure.read();
        } else
          return token;
      }
    } else if (token < 144) {
      token -= 128;
      if (currentUnpackr.mapsAsObjects) {
        let object = {};
        for (let i = 0; i < token; i++) {
          let key = readKey();
          if (key === "__proto__")
            key = "__proto_";
          object[key] = read();
        }
        return object;
      } else {
        let map = /* @__PURE__ */ new Map();
        for (let i = 0; i < token; i++) {
          map.set(read(), read());
        }
        return map;
      }
    } else {
      token -= 144;
      let array = new Array(token);
      for (let i = 0; i < token; i++) {
        array[i] = read();
      }
      if (currentUnpackr.freezeData)
        return Object.freeze(array);
      return array;
    }
  } else if (token < 192) {
    let length = token - 160;
    if (srcStringEnd >= position) {
      return srcString.slice(position - srcStringStart, (position += length) - srcStringStart);
    }
    if (srcStringEnd == 0 && srcEnd < 140) {
      let string = length < 16 ? shortStringInJS(length) : longStringInJS(length);
      if (string != null)
        return string;
    }
    return readFixedString(length);
  } else {
    let value;
    switch (token) {
      case 192:
        return null;
      case 193:
        if (bundledStrings) {
          value = read();
          if (value > 0)
            return bundledStrings[1].slice(bundledStrings.position1, bundledStrings.position1 += value);
          else
            return bundledStrings[0].slice(bundledStrings.position0, bundledStrings.position0 -= value);
        }
        return C1;
      // "never-used", return special object to denote that
      case 194:
        return false;
      case 195:
        return true;
      case 196:
        value = src[position++];
        if (value === void 0)
          throw new Error("Unexpected end of buffer");
        return readBin(value);
      case 197:
        value = dataView.getUint16(position);
        position += 2;
        if (value > srcEnd - position) throw endOfMessagePackError(position + value);
        return readBin(value);
      case 198:
        value = dataView.getUint32(position);
        position += 4;
        if (value > srcEnd - position) throw endOfMessagePackError(position + value);
        return readBin(value);
      case 199:
        return readExt(src[position++]);
      case 200:
        value = dataView.getUint16(position);
        position += 2;
        return readExt(value);
      case 201:
        value = dataView.getUint32(position);
        position += 4;
        return readExt(value);
      case 202:
        value = dataView.getFloat32(position);
        if (currentUnpackr.useFloat32 > 2) {
          let multiplier = mult10[(src[position] & 127) << 1 | src[position + 1] >> 7];
          position += 4;
          return (multiplier * value + (value > 0 ? 0.5 : -0.5) >> 0) / multiplier;
        }
        position += 4;
        return value;
      case 203:
        value = dataView.getFloat64(position);
        position += 8;
        return value;
      // uint handlers
      case 204:
        return src[position++];
      case 205:
        value = dataView.getUint16(position);
        position += 2;
        return value;
      case 206:
        value = dataView.getUint32(position);
        position += 4;
        return value;
      case 207:
        if (currentUnpackr.int64AsType === "number") {
          value = dataView.getUint32(position) * 4294967296;
          value += dataView.getUint32(position + 4);
        } else if (currentUnpackr.int64AsType === "string") {
          value = dataView.getBigUint64(position).toString();
        } else if (currentUnpackr.int64AsType === "auto") {
          value = dataView.getBigUint64(position);
          if (value <= BigInt(2) << BigInt(52)) value = Number(value);
        } else
          value = dataView.getBigUint64(position);
        position += 8;
        return value;
      // int handlers
      case 208:
        return dataView.getInt8(position++);
      case 209:
        value = dataView.getInt16(position);
        position += 2;
        return value;
      case 210:
        value = dataView.getInt32(position);
        position += 4;
        return value;
      case 211:
        if (currentUnpackr.int64AsType === "number") {
          value = dataView.getInt32(position) * 4294967296;
          value += dataView.getUint32(position + 4);
        } else if (currentUnpackr.int64AsType === "string") {
          value = dataView.getBigInt64(position).toString();
        } else if (currentUnpackr.int64AsType === "auto") {
          value = dataView.getBigInt64(position);
          if (value >= BigInt(-2) << BigInt(52) && value <= BigInt(2) << BigInt(52)) value = Number(value);
        } else
          value = dataView.getBigInt64(position);
        position += 8;
        return value;
      case 212:
        value = src[position++];
        if (value == 114) {
          return recordDefinition(src[position++] & 63);
        } else {
          let extension = currentExtensions[value];
          if (extension) {
            if (extension.read) {
              position++;
              return extension.read(read());
            } else if (extension.noBuffer) {
              position++;
              return extension();
            } else {
              if (position >= srcEnd) throw endOfMessagePackError();
              return extension(src.subarray(position, ++position));
            }
          } else
            throw new Error("Unknown extension " + value);
        }
      case 213:
        value = src[position];
        if (value == 114) {
          position++;
          return recordDefinition(src[position++] & 63, src[position++]);
        } else
          return readExt(2);
      case 214:
        return readExt(4);
      case 215:
        return readExt(8);
      case 216:
        return readExt(16);
      case 217:
        value = src[position++];
        if (srcStringEnd >= position) {
          return srcString.slice(position - srcStringStart, (position += value) - srcStringStart);
        }
        return readString8(value);
      case 218:
        value = dataView.getUint16(position);
        position += 2;
        if (value > srcEnd - position) throw endOfMessagePackError(position + value);
        if (srcStringEnd >= position) {
          return srcString.slice(position - srcStringStart, (position += value) - srcStringStart);
        }
        return readString16(value);
      case 219:
        value = dataView.getUint32(position);
        position += 4;
        if (value > srcEnd - position) throw endOfMessagePackError(position + value);
        if (srcStringEnd >= position) {
          return srcString.slice(position - srcStringStart, (position += value) - srcStringStart);
        }
        return readString32(value);
      case 220:
        value = dataView.getUint16(position);
        position += 2;
        return readArray(value);
      case 221:
        value = dataView.getUint32(position);
        position += 4;
        return readArray(value);
      case 222:
        value = dataView.getUint16(position);
        position += 2;
        return readMap(value);
      case 223:
        value = dataView.getUint32(position);
        position += 4;
        return readMap(value);
      default:
        if (token >= 224)
          return token - 256;
        if (token === void 0) throw endOfMessagePackError();
        throw new Error("Unknown MessagePack token " + token);
    }
  }
}
var validName = /^[a-zA-Z_$][a-zA-Z\d_$]*$/;
function createStructureReader(structure, firstId) {
  function readObject() {
    if (readObject.count++ > inlineObjectReadThreshold) {
      let optimizedReadObject;
      try {
        optimizedReadObject = structure.read = new Function("r", "return function(){return " + (currentUnpackr.freezeData ? "Object.freeze" : "") + "({" + structure.map((key) => key === "__proto__" ? "__proto_:r()" : validName.test(key) ? key + ":r()" : "[" + JSON.stringify(key) + "]:r()").join(",") + "})}")(read);
      } catch (error) {
        inlineObjectReadThreshold = Infinity;
        return readObject();
      }
      structure.read0 = optimizedReadObject;
      if (structure.highByte === 0)
        structure.read = createSecondByteReader(firstId, structure.read);
      return optimizedReadObject();
    }
    let object = {};
    for (let i = 0, l = structure.length; i < l; i++) {
      let key = structure[i];
      if (key === "__proto__")
        key = "__proto_";
      object[key] = read();
    }
    if (currentUnpackr.freezeData)
      return Object.freeze(object);
    return object;
  }
  readObject.count = 0;
  structure.read0 = readObject;
  if (structure.highByte === 0) {
    return createSecondByteReader(firstId, readObject);
  }
  return readObject;
}
var createSecondByteReader = (firstId, read0) => {
  return function() {
    let highByte = src[position++];
    if (highByte === 0)
      return read0();
    let id = firstId < 32 ? -(firstId + (highByte << 5)) : firstId + (highByte << 5);
    let structure = currentStructures[id] || loadStructures()[id];
    if (!structure) {
      throw new Error("Record id is not defined for " + id);
    }
    if (!structure.read)
      structure.read = createStructureReader(structure, firstId);
    return structure.read();
  };
};
function loadStructures() {
  let loadedStructures = saveState(() => {
    src = null;
    return currentUnpackr.getStructures();
  });
  return currentStructures = currentUnpackr._mergeStructures(loadedStructures, currentStructures);
}
var readFixedString = readStringJS;
var readString8 = readStringJS;
var readString16 = readStringJS;
var readString32 = readStringJS;
var isNativeAccelerationEnabled = false;
function setExtractor(extractStrings) {
  isNativeAccelerationEnabled = true;
  readFixedString = readString(1);
  readString8 = readString(2);
  readString16 = readString(3);
  readString32 = readString(5);
  function tryExtractStrings(start, end, buffer) {
    try {
      return extractStrings(start, end, buffer);
    } catch (error) {
      return EXTRACTION_FAILED;
    }
  }
  function readString(headerLength) {
    return function readString2(length) {
      let string = strings[stringPosition++];
      if (string == null) {
        if (bundledStrings || strings === EXTRACTION_FAILED)
          return readStringJS(length);
        let byteOffset = src.byteOffset;
        let extraction = tryExtractStrings(position - headerLength + byteOffset, srcEnd + byteOffset, src.buffer);
        if (extraction === EXTRACTION_FAILED) {
          strings = EXTRACTION_FAILED;
          return readStringJS(length);
        }
        if (typeof extraction == "string") {
          string = extraction;
          strings = EMPTY_ARRAY;
        } else {
          strings = extraction;
          stringPosition = 1;
          srcStringEnd = 1;
          string = strings[0];
          if (string === void 0)
            throw new Error("Unexpected end of buffer");
        }
      }
      let srcStringLength = string.length;
      if (srcStringLength <= length) {
        position += length;
        return string;
      }
      srcString = string;
      srcStringStart = position;
      srcStringEnd = position + srcStringLength;
      position += length;
      return string.slice(0, length);
    };
  }
}
function readStringJS(length) {
  let result;
  if (length < 16) {
    if (result = shortStringInJS(length))
      return result;
  }
  if (length > 64 && decoder)
    return decoder.decode(src.subarray(position, position += length));
  const end = position + length;
  const units = [];
  result = "";
  while (position < end) {
    const byte1 = src[position++];
    if ((byte1 & 128) === 0) {
      units.push(byte1);
    } else if ((byte1 & 224) === 192) {
      if (byte1 < 194 || position >= end || (src[position] & 192) !== 128) {
        units.push(65533);
      } else {
        const byte2 = src[position++] & 63;
        units.push((byte1 & 31) << 6 | byte2);
      }
    } else if ((byte1 & 240) === 224) {
      const byte2 = position < end ? src[position] : 0;
      if (position >= end || (byte2 & 192) !== 128 || byte1 === 224 && byte2 < 160 || byte1 === 237 && byte2 >= 160) {
        units.push(65533);
      } else {
        position++;
        if (position >= end || (src[position] & 192) !== 128) {
          units.push(65533);
        } else {
          const byte3 = src[position++] & 63;
          units.push((byte1 & 31) << 12 | (byte2 & 63) << 6 | byte3);
        }
      }
    } else if ((byte1 & 248) === 240) {
      const byte2 = position < end ? src[position] : 0;
      if (byte1 > 244 || position >= end || (byte2 & 192) !== 128 || byte1 === 240 && byte2 < 144 || byte1 === 244 && byte2 >= 144) {
        units.push(65533);
      } else {
        position++;
        if (position >= end || (src[position] & 192) !== 128) {
          units.push(65533);
        } else {
          const byte3 = src[position++] & 63;
          if (position >= end || (src[position] & 192) !== 128) {
            units.push(65533);
          } else {
            const byte4 = src[position++] & 63;
            let unit = (byte1 & 7) << 18 | (byte2 & 63) << 12 | byte3 << 6 | byte4;
            unit -= 65536;
            units.push(unit >>> 10 & 1023 | 55296);
            units.push(56320 | unit & 1023);
          }
        }
      }
    } else {
      units.push(65533);
    }
    if (units.length >= 4096) {
      result += fromCharCode.apply(String, units);
      units.length = 0;
    }
  }
  if (units.length > 0) {
    result += fromCharCode.apply(String, units);
  }
  return result;
}
function endOfMessagePackError(end) {
  let error = new Error("Unexpected end of MessagePack data");
  error.incomplete = true;
  if (end > srcEnd && position <= srcEnd)
    error.missingBytes = end - srcEnd;
  return error;
}
function readArray(length) {
  if (length > srcEnd - position || (arrayAllocationBudget -= length) < 0) throw endOfMessagePackError(position + length);
  let array = new Array(length);
  for (let i = 0; i < length; i++) {
    array[i] = read();
  }
  if (currentUnpackr.freezeData)
    return Object.freeze(array);
  return array;
}
function readMap(length) {
  if (length > (srcEnd - position) / 2) throw endOfMessagePackError(position + 2 * length);
  if (currentUnpackr.mapsAsObjects) {
    let object = {};
    for (let i = 0; i < length; i++) {
      let key = readKey();
      if (key === "__proto__")
        key = "__proto_";
      object[key] = read();
    }
    return object;
  } else {
    let map = /* @__PURE__ */ new Map();
    for (let i = 0; i < length; i++) {
      map.set(read(), read());
    }
    return map;
  }
}
var fromCharCode = String.fromCharCode;
function longStringInJS(length) {
  let start = position;
  if (src.latin1Slice) {
    let end = start + length;
    if (end > srcEnd)
      return;
    for (let i = start; i < end; i++) {
      if ((src[i] & 128) > 0)
        return;
    }
    position = end;
    return src.latin1Slice(start, end);
  }
  let bytes = new Array(length);
  for (let i = 0; i < length; i++) {
    const byte = src[position++];
    if ((byte & 128) > 0) {
      position = start;
      return;
    }
    bytes[i] = byte;
  }
  return fromCharCode.apply(String, bytes);
}
function shortStringInJS(length) {
  if (length < 4) {
    if (length < 2) {
      if (length === 0)
        return "";
      else {
        let a = src[position++];
        if ((a & 128) > 1) {
          position -= 1;
          return;
        }
        return fromCharCode(a);
      }
    } else {
      let a = src[position++];
      let b = src[position++];
      if ((a & 128) > 0 || (b & 128) > 0) {
        position -= 2;
        return;
      }
      if (length < 3)
        return fromCharCode(a, b);
      let c = src[position++];
      if ((c & 128) > 0) {
        position -= 3;
        return;
      }
      return fromCharCode(a, b, c);
    }
  } else {
    let a = src[position++];
    let b = src[position++];
    let c = src[position++];
    let d = src[position++];
    if ((a & 128) > 0 || (b & 128) > 0 || (c & 128) > 0 || (d & 128) > 0) {
      position -= 4;
      return;
    }
    if (length < 6) {
      if (length === 4)
        return fromCharCode(a, b, c, d);
      else {
        let e = src[position++];
        if ((e & 128) > 0) {
          position -= 5;
          return;
        }
        return fromCharCode(a, b, c, d, e);
      }
    } else if (length < 8) {
      let e = src[position++];
      let f = src[position++];
      if ((e & 128) > 0 || (f & 128) > 0) {
        position -= 6;
        return;
      }
      if (length < 7)
        return fromCharCode(a, b, c, d, e, f);
      let g = src[position++];
      if ((g & 128) > 0) {
        position -= 7;
        return;
      }
      return fromCharCode(a, b, c, d, e, f, g);
    } else {
      let e = src[position++];
      let f = src[position++];
      let g = src[position++];
      let h = src[position++];
      if ((e & 128) > 0 || (f & 128) > 0 || (g & 128) > 0 || (h & 128) > 0) {
        position -= 8;
        return;
      }
      if (length < 10) {
        if (length === 8)
          return fromCharCode(a, b, c, d, e, f, g, h);
        else {
          let i = src[position++];
          if ((i & 128) > 0) {
            position -= 9;
            return;
          }
          return fromCharCode(a, b, c, d, e, f, g, h, i);
        }
      } else if (length < 12) {
        let i = src[position++];
        let j = src[position++];
        if ((i & 128) > 0 || (j & 128) > 0) {
          position -= 10;
          return;
        }
        if (length < 11)
          return fromCharCode(a, b, c, d, e, f, g, h, i, j);
        let k = src[position++];
        if ((k & 128) > 0) {
          position -= 11;
          return;
        }
        return fromCharCode(a, b, c, d, e, f, g, h, i, j, k);
      } else {
        let i = src[position++];
        let j = src[position++];
        let k = src[position++];
        let l = src[position++];
        if ((i & 128) > 0 || (j & 128) > 0 || (k & 128) > 0 || (l & 128) > 0) {
          position -= 12;
          return;
        }
        if (length < 14) {
          if (length === 12)
            return fromCharCode(a, b, c, d, e, f, g, h, i, j, k, l);
          else {
            let m = src[position++];
            if ((m & 128) > 0) {
              position -= 13;
              return;
            }
            return fromCharCode(a, b, c, d, e, f, g, h, i, j, k, l, m);
          }
        } else {
          let m = src[position++];
          let n = src[position++];
          if ((m & 128) > 0 || (n & 128) > 0) {
            position -= 14;
            return;
          }
          if (length < 15)
            return fromCharCode(a, b, c, d, e, f, g, h, i, j, k, l, m, n);
          let o = src[position++];
          if ((o & 128) > 0) {
            position -= 15;
            return;
          }
          return fromCharCode(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o);
        }
      }
    }
  }
}
function readOnlyJSString() {
  let token = src[position++];
  let length;
  if (token < 192) {
    length = token - 160;
  } else {
    switch (token) {
      case 217:
        length = src[position++];
        break;
      case 218:
        length = dataView.getUint16(position);
        position += 2;
        break;
      case 219:
        length = dataView.getUint32(position);
        position += 4;
        break;
      default:
        throw new Error("Expected string");
    }
  }
  return readStringJS(length);
}
function readBin(length) {
  return currentUnpackr.copyBuffers ? (
    // specifically use the copying slice (not the node one)
    Uint8Array.prototype.slice.call(src, position, position += length)
  ) : src.subarray(position, position += length);
}
function readExt(length) {
  if (length >= srcEnd - position) throw endOfMessagePackError(position + 1 + length);
  let type = src[position++];
  if (currentExtensions[type]) {
    let end;
    return currentExtensions[type](src.subarray(position, end = position += length), (readPosition) => {
      position = readPosition;
      try {
        return read();
      } finally {
        position = end;
      }
    });
  } else
    throw new Error("Unknown extension type " + type);
}
var keyCache = new Array(4096);
function readKey() {
  let length = src[position++];
  if (length >= 160 && length < 192) {
    length = length - 160;
    if (srcStringEnd >= position)
      return srcString.slice(position - srcStringStart, (position += length) - srcStringStart);
    else if (!(srcStringEnd == 0 && srcEnd < 180))
      return readFixedString(length);
  } else {
    position--;
    return asSafeString(read());
  }
  if (length > srcEnd - position) throw endOfMessagePackError(position + length);
  let key = (length << 5 ^ (length > 1 ? dataView.getUint16(position) : length > 0 ? src[position] : 0)) & 4095;
  let entry = keyCache[key];
  let checkPosition = position;
  let end = position + length - 3;
  let chunk;
  let i = 0;
  if (entry && entry.bytes == length) {
    while (checkPosition < end) {
      chunk = dataView.getUint32(checkPosition);
      if (chunk != entry[i++]) {
        checkPosition = 1879048192;
        break;
      }
      checkPosition += 4;
    }
    end += 3;
    while (checkPosition < end) {
      chunk = src[checkPosition++];
      if (chunk != entry[i++]) {
        checkPosition = 1879048192;
        break;
      }
    }
    if (checkPosition === end) {
      position = checkPosition;
      return entry.string;
    }
    end -= 3;
    checkPosition = position;
  }
  entry = [];
  keyCache[key] = entry;
  entry.bytes = length;
  while (checkPosition < end) {
    chunk = dataView.getUint32(checkPosition);
    entry.push(chunk);
    checkPosition += 4;
  }
  end += 3;
  while (checkPosition < end) {
    chunk = src[checkPosition++];
    entry.push(chunk);
  }
  let string = length < 16 ? shortStringInJS(length) : longStringInJS(length);
  if (string != null)
    return entry.string = string;
  return entry.string = readFixedString(length);
}
function asSafeString(property) {
  if (typeof property === "string") return property;
  if (typeof property === "number" || typeof property === "boolean" || typeof property === "bigint") return property.toString();
  if (property == null) return property + "";
  if (currentUnpackr.allowArraysInMapKeys && Array.isArray(property) && property.flat().every((item) => ["string", "number", "boolean", "bigint"].includes(typeof item))) {
    return property.flat().toString();
  }
  throw new Error(`Invalid property type for record: ${typeof property}. A MessagePack map with non-string keys can be decoded as a Map with mapsAsObjects: false`);
}
var recordDefinition = (id, highByte) => {
  let structure = read().map(asSafeString);
  let firstByte = id;
  if (highByte !== void 0) {
    id = id < 32 ? -((highByte << 5) + id) : (highByte << 5) + id;
    structure.highByte = highByte;
  }
  let existingStructure = currentStructures[id];
  if (existingStructure && (existingStructure.isShared || sequentialMode)) {
    (currentStructures.restoreStructures || (currentStructures.restoreStructures = []))[id] = existingStructure;
  }
  currentStructures[id] = structure;
  structure.read = createStructureReader(structure, firstByte);
  return (structure.read0 || structure.read)();
};
currentExtensions[0] = () => {
};
currentExtensions[0].noBuffer = true;
currentExtensions[66] = (data) => {
  let headLength = data.byteLength % 8 || 8;
  let head = BigInt(data[0] & 128 ? data[0] - 256 : data[0]);
  for (let i = 1; i < headLength; i++) {
    head <<= BigInt(8);
    head += BigInt(data[i]);
  }
  if (data.byteLength !== headLength) {
    let view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    let decode2 = (start, end) => {
      let length = end - start;
      if (length <= 40) {
        let out = view.getBigUint64(start);
        for (let i = start + 8; i < end; i += 8) {
          out <<= BigInt(64);
          out |= view.getBigUint64(i);
        }
        return out;
      }
      let middle = start + (length >> 4 << 3);
      let left = decode2(start, middle);
      let right = decode2(middle, end);
      return left << BigInt((end - middle) * 8) | right;
    };
    head = head << BigInt((view.byteLength - headLength) * 8) | decode2(headLength, view.byteLength);
  }
  return head;
};
var errors = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
  AggregateError: typeof AggregateError === "function" ? AggregateError : null
};
currentExtensions[101] = () => {
  let data = read();
  if (!errors[data[0]]) {
    let error = Error(data[1], { cause: data[2] });
    error.name = data[0];
    return error;
  }
  return errors[data[0]](data[1], { cause: data[2] });
};
currentExtensions[105] = (data) => {
  if (currentUnpackr.structuredClone === false) throw new Error("Structured clone extension is disabled");
  let id = dataView.getUint32(position - 4);
  if (!referenceMap)
    referenceMap = /* @__PURE__ */ new Map();
  let token = src[position];
  let target2;
  if (token >= 144 && token < 160 || token == 220 || token == 221)
    target2 = [];
  else if (token >= 128 && token < 144 || token == 222 || token == 223)
    target2 = /* @__PURE__ */ new Map();
  else if ((token >= 199 && token <= 201 || token >= 212 && token <= 216) && src[position + 1] === 115)
    target2 = /* @__PURE__ */ new Set();
  else
    target2 = {};
  let refEntry = { target: target2 };
  referenceMap.set(id, refEntry);
  let targetProperties = read();
  if (!refEntry.used) {
    return refEntry.target = targetProperties;
  } else {
    Object.assign(target2, targetProperties);
  }
  if (target2 instanceof Map)
    for (let [k, v] of targetProperties.entries()) target2.set(k, v);
  if (target2 instanceof Set)
    for (let i of Array.from(targetProperties)) target2.add(i);
  return target2;
};
currentExtensions[112] = (data) => {
  if (currentUnpackr.structuredClone === false) throw new Error("Structured clone extension is disabled");
  let id = dataView.getUint32(position - 4);
  let refEntry = referenceMap.get(id);
  refEntry.used = true;
  return refEntry.target;
};
currentExtensions[115] = () => new Set(read());
var typedArrays = ["Int8", "Uint8", "Uint8Clamped", "Int16", "Uint16", "Int32", "Uint32", "Float32", "Float64", "BigInt64", "BigUint64"].map((type) => type + "Array");
var glbl = typeof globalThis === "object" ? globalThis : window;
currentExtensions[116] = (data) => {
  let typeCode = data[0];
  let buffer = Uint8Array.prototype.slice.call(data, 1).buffer;
  let typedArrayName = typedArrays[typeCode];
  if (!typedArrayName) {
    if (typeCode === 16) return buffer;
    if (typeCode === 17) return new DataView(buffer);
    throw new Error("Could not find typed array for code " + typeCode);
  }
  return new glbl[typedArrayName](buffer);
};
currentExtensions[120] = () => {
  let data = read();
  return new RegExp(data[0], data[1]);
};
var TEMP_BUNDLE = [];
currentExtensions[98] = (data) => {
  let dataSize = (data[0] << 24) + (data[1] << 16) + (data[2] << 8) + data[3];
  let dataPosition = position;
  position += dataSize - data.length;
  bundledStrings = TEMP_BUNDLE;
  bundledStrings = [readOnlyJSString(), readOnlyJSString()];
  bundledStrings.position0 = 0;
  bundledStrings.position1 = 0;
  bundledStrings.postBundlePosition = position;
  position = dataPosition;
  return read();
};
currentExtensions[255] = (data) => {
  if (data.length == 4)
    return new Date((data[0] * 16777216 + (data[1] << 16) + (data[2] << 8) + data[3]) * 1e3);
  else if (data.length == 8)
    return new Date(
      ((data[0] << 22) + (data[1] << 14) + (data[2] << 6) + (data[3] >> 2)) / 1e6 + ((data[3] & 3) * 4294967296 + data[4] * 16777216 + (data[5] << 16) + (data[6] << 8) + data[7]) * 1e3
    );
  else if (data.length == 12)
    return new Date(
      ((data[0] << 24) + (data[1] << 16) + (data[2] << 8) + data[3]) / 1e6 + ((data[4] & 128 ? -281474976710656 : 0) + data[6] * 1099511627776 + data[7] * 4294967296 + data[8] * 16777216 + (data[9] << 16) + (data[10] << 8) + data[11]) * 1e3
    );
  else
    return /* @__PURE__ */ new Date("invalid");
};
function saveState(callback) {
  if (currentUnpackr && currentUnpackr._onSaveState)
    currentUnpackr._onSaveState();
  let savedSrcEnd = srcEnd;
  let savedPosition = position;
  let savedStringPosition = stringPosition;
  let savedSrcStringStart = srcStringStart;
  let savedSrcStringEnd = srcStringEnd;
  let savedSrcString = srcString;
  let savedStrings = strings;
  let savedReferenceMap = referenceMap;
  let savedBundledStrings = bundledStrings;
  let savedArrayAllocationBudget = arrayAllocationBudget;
  let savedSrc = new Uint8Array(src.slice(0, srcEnd));
  let savedStructures = currentStructures;
  let savedStructuresContents = currentStructures.slice(0, currentStructures.length);
  let savedPackr = currentUnpackr;
  let savedSequentialMode = sequentialMode;
  try {
    return callback();
  } finally {
    srcEnd = savedSrcEnd;
    position = savedPosition;
    stringPosition = savedStringPosition;
    srcStringStart = savedSrcStringStart;
    srcStringEnd = savedSrcStringEnd;
    srcString = savedSrcString;
    strings = savedStrings;
    referenceMap = savedReferenceMap;
    bundledStrings = savedBundledStrings;
    arrayAllocationBudget = savedArrayAllocationBudget;
    src = savedSrc;
    sequentialMode = savedSequentialMode;
    currentStructures = savedStructures;
    currentStructures.splice(0, currentStructures.length, ...savedStructuresContents);
    currentUnpackr = savedPackr;
    dataView = new DataView(src.buffer, src.byteOffset, src.byteLength);
  }
}
function clearSource() {
  src = null;
  referenceMap = null;
  currentStructures = null;
}
var mult10 = new Array(147);
for (let i = 0; i < 256; i++) {
  mult10[i] = +("1e" + Math.floor(45.15 - i * 0.30103));
}
var defaultUnpackr = new Unpackr({ useRecords: false });
var unpack = defaultUnpackr.unpack;
var unpackMultiple = defaultUnpackr.unpackMultiple;
var decode = defaultUnpackr.unpack;
var FLOAT32_OPTIONS = {
  NEVER: 0,
  ALWAYS: 1,
  DECIMAL_ROUND: 3,
  DECIMAL_FIT: 4
};
var f32Array = new Float32Array(1);
var u8Array = new Uint8Array(f32Array.buffer, 0, 4);
Unpackr.SUPPORTS_STRUCT_HOOKS = true;

// node_modules/msgpackr/pack.js
var textEncoder;
try {
  textEncoder = new TextEncoder();
} catch (error) {
}
var extensions;
var extensionClasses;
var hasNodeBuffer = typeof Buffer !== "undefined";
var ByteArrayAllocate = hasNodeBuffer ? function(length) {
  return Buffer.allocUnsafeSlow(length);
} : Uint8Array;
var ByteArray = hasNodeBuffer ? Buffer : Uint8Array;
var MAX_BUFFER_SIZE = hasNodeBuffer ? 4294967296 : 2144337920;
var target;
var keysTarget;
var targetView;
var position2 = 0;
var safeEnd;
var bundledStrings2 = null;
var packing = false;
var MAX_BUNDLE_SIZE = 21760;
var hasNonLatin = /[\u0080-\uFFFF]/;
var RECORD_SYMBOL = /* @__PURE__ */ Symbol("record-id");
var Packr = class extends Unpackr {
  constructor(options) {
    super(options);
    this.offset = 0;
    let typeBuffer;
    let start;
    let hasSharedUpdate;
    let structures;
    let referenceMap2;
    let encodeUtf8 = ByteArray.prototype.utf8Write ? function(string, position3) {
      return target.utf8Write(string, position3, target.byteLength - position3);
    } : textEncoder && textEncoder.encodeInto ? function(string, position3) {
      return textEncoder.encodeInto(string, target.subarray(position3)).written;
    } : false;
    let packr2 = this;
    if (!options)
      options = {};
    let isSequential = options && options.sequential;
    let hasSharedStructures = options.structures || options.saveStructures;
    let maxSharedStructures = options.maxSharedStructures;
    if (maxSharedStructures == null)
      maxSharedStructures = hasSharedStructures ? 32 : 0;
    if (maxSharedStructures > 8160)
      throw new Error("Maximum maxSharedStructure is 8160");
    if (options.structuredClone && options.moreTypes == void 0) {
      this.moreTypes = true;
    }
    let maxOwnStructures = options.maxOwnStructures;
    if (maxOwnStructures == null)
      maxOwnStructures = hasSharedStructures ? 32 : 64;
    if (!this.structures && options.useRecords != false)
      this.structures = [];
    let useTwoByteRecords = maxSharedStructures > 32 || maxOwnStructures + maxSharedStructures > 64;
    let sharedLimitId = maxSharedStructures + 64;
    let maxStructureId = maxSharedStructures + maxOwnStructures + 64;
    if (maxStructureId > 8256) {
      throw new Error("Maximum maxSharedStructure + maxOwnStructure is 8192");
    }
    let recordIdsToRemove = [];
    let transitionsCount = 0;
    let serializationsSinceTransitionRebuild = 0;
    let instancePacking = false;
    let reentrantDepth = 0;
    let pendingNestedStructures = null;
    this.pack = this.encode = function(value, encodeOptions) {
      if (packing) {
        return saveState2(value, encodeOptions);
      }
      if (!target) {
        target = new ByteArrayAllocate(8192);
        targetView = target.dataView || (target.dataView = new DataView(target.buffer, 0, 8192));
        position2 = 0;
      }
      safeEnd = target.length - 10;
      if (safeEnd - position2 < 2048) {
        target = new ByteArrayAllocate(target.length);
        targetView = target.dataView || (target.dataView = new DataView(target.buffer, 0, target.length));
        safeEnd = target.length - 10;
        position2 = 0;
      } else
        position2 = position2 + 7 & 2147483640;
      start = position2;
      if (encodeOptions & RESERVE_START_SPACE) position2 += encodeOptions & 255;
      referenceMap2 = packr2.structuredClone ? /* @__PURE__ */ new Map() : null;
      if (packr2.bundleStrings && typeof value !== "string") {
        bundledStrings2 = [];
        bundledStrings2.size = Infinity;
      } else
        bundledStrings2 = null;
      structures = packr2.structures;
      if (structures) {
        if (structures.uninitialized)
          structures = packr2._mergeStructures(packr2.getStructures());
        let sharedLength = structures.sharedLength || 0;
        if (sharedLength > maxSharedStructures) {
          throw new Error("Shared structures is larger than maximum shared structures, try increasing maxSharedStructures to " + structures.sharedLength);
        }
        if (!structures.transitions) {
          rebuildTransitions(reentrantDepth && packr2.saveStructures ? Math.min(sharedLength, packr2.lastNamedStructuresLength || 0) : sharedLength);
          if (!reentrantDepth)
            packr2.lastNamedStructuresLength = sharedLength;
        }
        if (!isSequential || !(structures.nextId >= sharedLength + 64)) {
          structures.nextId = sharedLength + 64;
        }
      }
      if (hasSharedUpdate)
        hasSharedUpdate = false;
      if (!reentrantDepth && pendingNestedStructures)
        pendingNestedStructures = null;
      let encodingError;
      packing = true;
      instancePacking = true;
      try {
        if (packr2._writeStruct && !(reentrantDepth && packr2.saveStructures) && value && typeof value === "object") {
          if (value.constructor === Object) writeStruct(value);
          else if (value.constructor !== Map && !Array.isArray(value) && !extensionClasses.some((extClass) => value instanceof extClass)) {
            writeStruct(packr2.useToJSON !== false && value.toJSON ? value.toJSON() : value);
          } else pack2(value);
        } else
          pack2(value);
        let lastBundle = bundledStrings2;
        if (bundledStrings2)
          writeBundles(start, pack2, 0);
        if (referenceMap2 && referenceMap2.idsToInsert) {
          let idsToInsert = referenceMap2.idsToInsert.sort((a, b) => a.offset > b.offset ? 1 : -1);
          let i = idsToInsert.length;
          let incrementPosition = -1;
          while (lastBundle && i > 0) {
            let insertionPoint = idsToInsert[--i].offset + start;
            if (insertionPoint < lastBundle.stringsPosition + start && incrementPosition === -1)
              incrementPosition = 0;
            if (insertionPoint > lastBundle.position + start) {
              if (incrementPosition >= 0)
                incrementPosition += 6;
            } else {
              if (incrementPosition >= 0) {
                targetView.setUint32(
                  lastBundle.position + start,
                  targetView.getUint32(lastBundle.position + start) + incrementPosition
                );
                incrementPosition = -1;
              }
              lastBundle = lastBundle.previous;
              i++;
            }
          }
          if (incrementPosition >= 0 && lastBundle) {
            targetView.setUint32(
              lastBundle.position + start,
              targetView.getUint32(lastBundle.position + start) + incrementPosition
            );
          }
          position2 += idsToInsert.length * 6;
          if (position2 > safeEnd)
            makeRoom(position2);
          packr2.offset = position2;
          let serialized = insertIds(target.subarray(start, position2), idsToInsert);
          referenceMap2 = null;
          return serialized;
        }
        packr2.offset = position2;
        if (encodeOptions & REUSE_BUFFER_MODE) {
          target.start = start;
          target.end = position2;
          return target;
        }
        return target.subarray(start, position2);
      } catch (error) {
        encodingError = error;
        throw error;
      } finally {
        instancePacking = false;
        if (structures) {
          resetStructures();
          if (pendingNestedStructures && !reentrantDepth) {
            let toPromote = pendingNestedStructures;
            pendingNestedStructures = null;
            if (!encodingError && packr2.saveStructures) {
              let sharedLength = structures.sharedLength || 0;
              if (!structures.transitions)
                rebuildTransitions(sharedLength);
              for (let i = 0, l = toPromote.length; i < l && sharedLength < maxSharedStructures; i++) {
                let keys = toPromote[i];
                let nextTransition, transition = structures.transitions;
                for (let j = 0, kl = keys.length; j < kl; j++) {
                  let key = keys[j];
                  nextTransition = transition[key];
                  if (!nextTransition)
                    nextTransition = transition[key] = /* @__PURE__ */ Object.create(null);
                  transition = nextTransition;
                }
                if (!transition[RECORD_SYMBOL]) {
                  let recordId = sharedLength + 64;
                  keys.highByte = recordId >= 96 && useTwoByteRecords ? recordId - 96 >> 5 : -1;
                  keys.isShared = true;
                  transition[RECORD_SYMBOL] = recordId;
                  transition.__keys__ = keys;
                  structures[sharedLength++] = keys;
                  structures.sharedLength = sharedLength;
                  hasSharedUpdate = true;
                }
              }
              if (!isSequential || !(structures.nextId >= sharedLength + 64))
                structures.nextId = sharedLength + 64;
            }
          }
          if (hasSharedUpdate && !reentrantDepth && packr2.saveStructures) {
            let sharedLength = structures.sharedLength || 0;
            let returnBuffer = target.subarray(start, position2);
            if (!encodingError) {
              let saveSucceeded = false;
              try {
                let newSharedData = (packr2._prepareStructures || prepareStructures)(structures, packr2);
                if (packr2.saveStructures(newSharedData, newSharedData.isCompatible) === false) {
                  structures.uninitialized = true;
                  saveSucceeded = true;
                  packing = false;
                  return packr2.pack(value, encodeOptions);
                }
                saveSucceeded = true;
              } finally {
                packing = false;
                if (!saveSucceeded) {
                  structures = packr2.structures;
                  if (packr2.getStructures)
                    structures.uninitialized = true;
                  structures.length = structures.sharedLength = packr2.lastNamedStructuresLength || 0;
                  structures.transitions = null;
                }
              }
              packr2.lastNamedStructuresLength = sharedLength;
              if (target.length > 1073741824) target = null;
              return returnBuffer;
            }
            if (packr2.getStructures)
              structures.uninitialized = true;
            structures.length = structures.sharedLength = packr2.lastNamedStructuresLength || 0;
            structures.transitions = null;
          }
        }
        packing = false;
        if (target.length > 1073741824) target = null;
        if (encodeOptions & RESET_BUFFER_MODE)
          position2 = start;
      }
    };
    const rebuildTransitions = (sharedLength) => {
      structures.transitions = /* @__PURE__ */ Object.create(null);
      for (let i = 0; i < sharedLength; i++) {
        let keys = structures[i];
        if (!keys)
          continue;
        let nextTransition, transition = structures.transitions;
        for (let j = 0, l = keys.length; j < l; j++) {
          let key = keys[j];
          nextTransition = transition[key];
          if (!nextTransition) {
            nextTransition = transition[key] = /* @__PURE__ */ Object.create(null);
          }
          transition = nextTransition;
        }
        transition[RECORD_SYMBOL] = i + 64;
      }
    };
    const saveState2 = (value, encodeOptions) => {
      let savedTarget = target;
      let savedTargetView = targetView;
      let savedPosition = position2;
      let savedSafeEnd = safeEnd;
      let savedBundledStrings = bundledStrings2;
      let savedStart = start;
      let savedReferenceMap = referenceMap2;
      let savedHasSharedUpdate = hasSharedUpdate;
      let wasInstancePacking = instancePacking;
      let savedStructures, savedTransitions, savedNextId, savedNextOwnId, savedRecordIdsToRemove, savedRecordIds, savedOwnStructures, savedSharedLength, savedLastNamedLength, savedUnsavedShared, savedTransitionsCount, savedPendingNestedLen;
      let nestedSucceeded = false;
      if (wasInstancePacking) {
        savedPendingNestedLen = pendingNestedStructures ? pendingNestedStructures.length : 0;
        reentrantDepth++;
      }
      try {
        if (wasInstancePacking && structures) {
          savedStructures = structures;
          savedTransitions = structures.transitions;
          savedNextId = structures.nextId;
          savedNextOwnId = structures.nextOwnId;
          savedLastNamedLength = packr2.lastNamedStructuresLength;
          savedSharedLength = structures.sharedLength || 0;
          savedOwnStructures = structures.slice(savedSharedLength);
          savedRecordIdsToRemove = recordIdsToRemove;
          savedRecordIds = [];
          for (let i = 0, l = recordIdsToRemove.length; i < l; i++) {
            let transition = recordIdsToRemove[i];
            let recordId = transition[RECORD_SYMBOL];
            savedRecordIds[i] = recordId;
            transition[RECORD_SYMBOL] = 0;
            if (recordId >= savedSharedLength + 64 && transition.__keys__)
              savedOwnStructures[recordId - savedSharedLength - 64] = transition.__keys__;
          }
          recordIdsToRemove = [];
          if (savedHasSharedUpdate && packr2.saveStructures && savedTransitions) {
            savedUnsavedShared = [];
            for (let i = savedLastNamedLength || 0; i < savedSharedLength; i++) {
              let keys = structures[i];
              if (!keys)
                continue;
              let transition = savedTransitions;
              for (let j = 0, l = keys.length; j < l && transition; j++) {
                transition = transition[keys[j]];
              }
              if (transition && transition[RECORD_SYMBOL] === i + 64) {
                savedUnsavedShared.push(transition, i + 64, transition.__keys__);
                transition[RECORD_SYMBOL] = 0;
                transition.__keys__ = null;
              }
            }
          }
          structures.length = savedSharedLength;
          structures.nextId = savedSharedLength + 64;
          structures.nextOwnId = void 0;
          savedTransitionsCount = transitionsCount;
          transitionsCount = 0;
        }
        target = null;
        packing = false;
        instancePacking = false;
        let result = packr2.pack(value, encodeOptions);
        nestedSucceeded = true;
        return result;
      } finally {
        if (!nestedSucceeded && wasInstancePacking && pendingNestedStructures)
          pendingNestedStructures.length = savedPendingNestedLen;
        packing = true;
        instancePacking = wasInstancePacking;
        target = savedTarget;
        targetView = savedTargetView;
        position2 = savedPosition;
        safeEnd = savedSafeEnd;
        bundledStrings2 = savedBundledStrings;
        start = savedStart;
        referenceMap2 = savedReferenceMap;
        if (wasInstancePacking) {
          reentrantDepth--;
          hasSharedUpdate = savedHasSharedUpdate || hasSharedUpdate;
          structures = packr2.structures;
          if (structures && savedOwnStructures) {
            if (recordIdsToRemove !== savedRecordIdsToRemove) {
              for (let i = 0, l = recordIdsToRemove.length; i < l; i++) {
                recordIdsToRemove[i][RECORD_SYMBOL] = 0;
              }
            }
            let currentSharedLength = structures.sharedLength || 0;
            if (structures !== savedStructures) {
              if (savedHasSharedUpdate || savedOwnStructures.length > 0) {
                for (let i = 0; i < savedSharedLength; i++) {
                  if (savedStructures[i] !== void 0)
                    structures[i] = savedStructures[i];
                }
                currentSharedLength = structures.sharedLength = structures.length = savedSharedLength;
                packr2.lastNamedStructuresLength = savedLastNamedLength;
              } else if (!reentrantDepth && !hasSharedUpdate) {
                packr2.lastNamedStructuresLength = currentSharedLength;
              }
            }
            structures.length = Math.max(currentSharedLength, savedSharedLength + savedOwnStructures.length);
            for (let i = Math.max(0, currentSharedLength - savedSharedLength), l = savedOwnStructures.length; i < l; i++) {
              if (savedOwnStructures[i] !== void 0)
                structures[savedSharedLength + i] = savedOwnStructures[i];
            }
            if (structures.transitions !== savedTransitions || structures !== savedStructures) {
              if (structures === savedStructures && !structures.transitions && currentSharedLength === savedSharedLength) {
                structures.transitions = savedTransitions;
              } else {
                rebuildTransitions(reentrantDepth && packr2.saveStructures ? Math.min(currentSharedLength, packr2.lastNamedStructuresLength || 0) : currentSharedLength);
                savedUnsavedShared = null;
                savedRecordIdsToRemove = [];
                savedRecordIds = [];
                for (let i = Math.max(0, currentSharedLength - savedSharedLength), l = savedOwnStructures.length; i < l; i++) {
                  let keys = savedOwnStructures[i];
                  if (!keys)
                    continue;
                  let nextTransition, transition = structures.transitions;
                  for (let j = 0, kl = keys.length; j < kl; j++) {
                    let key = keys[j];
                    nextTransition = transition[key];
                    if (!nextTransition)
                      nextTransition = transition[key] = /* @__PURE__ */ Object.create(null);
                    transition = nextTransition;
                  }
                  if (!transition[RECORD_SYMBOL]) {
                    savedRecordIdsToRemove.push(transition);
                    savedRecordIds.push(savedSharedLength + i + 64);
                  }
                }
              }
            }
            if (savedUnsavedShared) {
              for (let i = 0, l = savedUnsavedShared.length; i < l; i += 3) {
                savedUnsavedShared[i][RECORD_SYMBOL] = savedUnsavedShared[i + 1];
                savedUnsavedShared[i].__keys__ = savedUnsavedShared[i + 2];
              }
            }
            recordIdsToRemove = savedRecordIdsToRemove;
            for (let i = 0, l = savedRecordIds.length; i < l; i++) {
              if (!recordIdsToRemove[i][RECORD_SYMBOL])
                recordIdsToRemove[i][RECORD_SYMBOL] = savedRecordIds[i];
            }
            structures.nextId = !(savedNextId >= currentSharedLength + 64) ? currentSharedLength + 64 : savedNextId;
            structures.nextOwnId = savedNextOwnId;
            if (savedTransitionsCount !== void 0)
              transitionsCount += savedTransitionsCount;
          }
        } else {
          hasSharedUpdate = savedHasSharedUpdate;
        }
      }
    };
    const resetStructures = () => {
      if (serializationsSinceTransitionRebuild < 10)
        serializationsSinceTransitionRebuild++;
      let sharedLength = structures.sharedLength || 0;
      if (structures.length > sharedLength && !isSequential)
        structures.length = sharedLength;
      if (transitionsCount > 1e4 && !reentrantDepth) {
        structures.transitions = null;
        serializationsSinceTransitionRebuild = 0;
        transitionsCount = 0;
        if (recordIdsToRemove.length > 0)
          recordIdsToRemove = [];
      } else if (recordIdsToRemove.length > 0 && !isSequential) {
        for (let i = 0, l = recordIdsToRemove.length; i < l; i++) {
          recordIdsToRemove[i][RECORD_SYMBOL] = 0;
        }
        recordIdsToRemove = [];
      }
    };
    const packArray = (value) => {
      var length = value.length;
      if (length < 16) {
        target[position2++] = 144 | length;
      } else if (length < 65536) {
        target[position2++] = 220;
        target[position2++] = length >> 8;
        target[position2++] = length & 255;
      } else {
        target[position2++] = 221;
        targetView.setUint32(position2, length);
        position2 += 4;
      }
      for (let i = 0; i < length; i++) {
        pack2(value[i]);
      }
    };
    const pack2 = (value) => {
      if (position2 > safeEnd)
        target = makeRoom(position2);
      var type = typeof value;
      var length;
      if (type === "string") {
        let strLength = value.length;
        if (bundledStrings2 && strLength >= 4 && strLength < 4096) {
          if ((bundledStrings2.size += strLength) > MAX_BUNDLE_SIZE) {
            let extStart;
            let maxBytes2 = (bundledStrings2[0] ? bundledStrings2[0].length * 3 + bundledStrings2[1].length : 0) + 10;
            if (position2 + maxBytes2 > safeEnd)
              target = makeRoom(position2 + maxBytes2);
            let lastBundle;
            if (bundledStrings2.position) {
              lastBundle = bundledStrings2;
              target[position2] = 200;
              position2 += 3;
              target[position2++] = 98;
              extStart = position2 - start;
              position2 += 4;
              writeBundles(start, pack2, 0);
              targetView.setUint16(extStart + start - 3, position2 - start - extStart);
            } else {
              target[position2++] = 214;
              target[position2++] = 98;
              extStart = position2 - start;
              position2 += 4;
            }
            bundledStrings2 = ["", ""];
            bundledStrings2.previous = lastBundle;
            bundledStrings2.size = 0;
            bundledStrings2.position = extStart;
          }
          let twoByte = hasNonLatin.test(value);
          bundledStrings2[twoByte ? 0 : 1] += value;
          target[position2++] = 193;
          pack2(twoByte ? -strLength : strLength);
          return;
        }
        let headerSize;
        if (strLength < 32) {
          headerSize = 1;
        } else if (strLength < 256) {
          headerSize = 2;
        } else if (strLength < 65536) {
          headerSize = 3;
        } else {
          headerSize = 5;
        }
        let maxBytes = strLength * 3;
        if (position2 + maxBytes > safeEnd)
          target = makeRoom(position2 + maxBytes);
        if (strLength < 64 || !encodeUtf8) {
          let i, c1, c2, strPosition = position2 + headerSize;
          for (i = 0; i < strLength; i++) {
            c1 = value.charCodeAt(i);
            if (c1 < 128) {
              target[strPosition++] = c1;
            } else if (c1 < 2048) {
              target[strPosition++] = c1 >> 6 | 192;
              target[strPosition++] = c1 & 63 | 128;
            } else if ((c1 & 64512) === 55296 && ((c2 = value.charCodeAt(i + 1)) & 64512) === 56320) {
              c1 = 65536 + ((c1 & 1023) << 10) + (c2 & 1023);
              i++;
              target[strPosition++] = c1 >> 18 | 240;
              target[strPosition++] = c1 >> 12 & 63 | 128;
              target[strPosition++] = c1 >> 6 & 63 | 128;
              target[strPosition++] = c1 & 63 | 128;
            } else {
              target[strPosition++] = c1 >> 12 | 224;
              target[strPosition++] = c1 >> 6 & 63 | 128;
              target[strPosition++] = c1 & 63 | 128;
            }
          }
          length = strPosition - position2 - headerSize;
        } else {
          length = encodeUtf8(value, position2 + headerSize);
        }
        if (length < 32) {
          target[position2++] = 160 | length;
        } else if (length < 256) {
          if (headerSize < 2) {
            target.copyWithin(position2 + 2, position2 + 1, position2 + 1 + length);
          }
          target[position2++] = 217;
          target[position2++] = length;
        } else if (length < 65536) {
          if (headerSize < 3) {
            target.copyWithin(position2 + 3, position2 + 2, position2 + 2 + length);
          }
          target[position2++] = 218;
          target[position2++] = length >> 8;
          target[position2++] = length & 255;
        } else {
          if (headerSize < 5) {
            target.copyWithin(position2 + 5, position2 + 3, position2 + 3 + length);
          }
          target[position2++] = 219;
          targetView.setUint32(position2, length);
          position2 += 4;
        }
        position2 += length;
      } else if (type === "number") {
        if (value >>> 0 === value) {
          if (value < 32 || value < 128 && this.useRecords === false || value < 64 && !this._writeStruct) {
            target[position2++] = value;
          } else if (value < 256) {
            target[position2++] = 204;
            target[position2++] = value;
          } else if (value < 65536) {
            target[position2++] = 205;
            target[position2++] = value >> 8;
            target[position2++] = value & 255;
          } else {
            target[position2++] = 206;
            targetView.setUint32(position2, value);
            position2 += 4;
          }
        } else if (value >> 0 === value) {
          if (value >= -32) {
            target[position2++] = 256 + value;
          } else if (value >= -128) {
            target[position2++] = 208;
            target[position2++] = value + 256;
          } else if (value >= -32768) {
            target[position2++] = 209;
            targetView.setInt16(position2, value);
            position2 += 2;
          } else {
            target[position2++] = 210;
            targetView.setInt32(position2, value);
            position2 += 4;
          }
        } else {
          let useFloat32;
          if ((useFloat32 = this.useFloat32) > 0 && value < 4294967296 && value >= -2147483648) {
            target[position2++] = 202;
            targetView.setFloat32(position2, value);
            let xShifted;
            if (useFloat32 < 4 || // this checks for rounding of numbers that were encoded in 32-bit float to nearest significant decimal digit that could be preserved
            (xShifted = value * mult10[(target[position2] & 127) << 1 | target[position2 + 1] >> 7]) >> 0 === xShifted) {
              position2 += 4;
              return;
            } else
              position2--;
          }
          target[position2++] = 203;
          targetView.setFloat64(position2, value);
          position2 += 8;
        }
      } else if (type === "object" || type === "function") {
        if (!value)
          target[position2++] = 192;
        else {
          if (referenceMap2) {
            let referee = referenceMap2.get(value);
            if (referee) {
              if (!referee.id) {
                let idsToInsert = referenceMap2.idsToInsert || (referenceMap2.idsToInsert = []);
                referee.id = idsToInsert.push(referee);
              }
              target[position2++] = 214;
              target[position2++] = 112;
              targetView.setUint32(position2, referee.id);
              position2 += 4;
              return;
            } else
              referenceMap2.set(value, { offset: position2 - start });
          }
          let constructor = value.constructor;
          if (constructor === Object) {
            writeObject(value);
          } else if (constructor === Array) {
            packArray(value);
          } else if (constructor === Map) {
            if (this.mapAsEmptyObject) target[position2++] = 128;
            else {
              length = value.size;
              if (length < 16) {
                target[position2++] = 128 | length;
              } else if (length < 65536) {
                target[position2++] = 222;
                target[position2++] = length >> 8;
                target[position2++] = length & 255;
              } else {
                target[position2++] = 223;
                targetView.setUint32(position2, length);
                position2 += 4;
              }
              for (let [key, entryValue] of value) {
                pack2(key);
                pack2(entryValue);
              }
            }
          } else {
            for (let i = 0, l = extensions.length; i < l; i++) {
              let extensionClass = extensionClasses[i];
              if (value instanceof extensionClass) {
                if (value.constructor !== extensionClass && i >= l - builtInExtensionCount && packr2.useToJSON !== false && value.toJSON !== void 0 && value.toJSON !== dateToJSON && value.toJSON !== bufferToJSON) {
                  break;
                }
                let extension = extensions[i];
                if (extension.write) {
                  if (extension.type) {
                    target[position2++] = 212;
                    target[position2++] = extension.type;
                    target[position2++] = 0;
                  }
                  let writeResult = extension.write.call(this, value);
                  if (writeResult === value) {
                    if (Array.isArray(value)) {
                      packArray(value);
                    } else {
                      writeObject(value);
                    }
                  } else {
                    pack2(writeResult);
                  }
                  return;
                }
                let currentTarget = target;
                let currentTargetView = targetView;
                let currentPosition = position2;
                let currentBundledStrings = bundledStrings2;
                target = null;
                let result;
                try {
                  result = extension.pack.call(this, value, (size) => {
                    target = currentTarget;
                    currentTarget = null;
                    position2 += size;
                    if (position2 > safeEnd)
                      makeRoom(position2);
                    return {
                      target,
                      targetView,
                      position: position2 - size
                    };
                  }, pack2);
                } finally {
                  if (currentTarget) {
                    target = currentTarget;
                    targetView = currentTargetView;
                    position2 = currentPosition;
                    bundledStrings2 = currentBundledStrings;
                    safeEnd = target.length - 10;
                  }
                }
                if (result) {
                  if (result.length + position2 > safeEnd)
                    makeRoom(result.length + position2);
                  position2 = writeExtensionData(result, target, position2, extension.type);
                }
                return;
              }
            }
            if (Array.isArray(value)) {
              packArray(value);
            } else {
              if (packr2.useToJSON !== false && value.toJSON) {
                const json = value.toJSON();
                if (json !== value)
                  return pack2(json);
              }
              if (type === "function")
                return pack2(this.writeFunction && this.writeFunction(value));
              writeObject(value);
            }
          }
        }
      } else if (type === "boolean") {
        target[position2++] = value ? 195 : 194;
      } else if (type === "bigint") {
        if (value < 9223372036854776e3 && value >= -9223372036854776e3) {
          target[position2++] = 211;
          targetView.setBigInt64(position2, value);
        } else if (value < 18446744073709552e3 && value > 0) {
          target[position2++] = 207;
          targetView.setBigUint64(position2, value);
        } else {
          if (this.largeBigIntToFloat) {
            target[position2++] = 203;
            targetView.setFloat64(position2, Number(value));
          } else if (this.largeBigIntToString) {
            return pack2(value.toString());
          } else if (this.useBigIntExtension || this.moreTypes) {
            let empty = value < 0 ? BigInt(-1) : BigInt(0);
            let array;
            if (value >> BigInt(65536) === empty) {
              let mask = BigInt(18446744073709552e3) - BigInt(1);
              let chunks = [];
              while (true) {
                chunks.push(value & mask);
                if (value >> BigInt(63) === empty) break;
                value >>= BigInt(64);
              }
              array = new Uint8Array(new BigUint64Array(chunks).buffer);
              array.reverse();
            } else {
              let invert = value < 0;
              let string = (invert ? ~value : value).toString(16);
              if (string.length % 2) {
                string = "0" + string;
              } else if (parseInt(string.charAt(0), 16) >= 8) {
                string = "00" + string;
              }
              if (hasNodeBuffer) {
                array = Buffer.from(string, "hex");
              } else {
                array = new Uint8Array(string.length / 2);
                for (let i = 0; i < array.length; i++) {
                  array[i] = parseInt(string.slice(i * 2, i * 2 + 2), 16);
                }
              }
              if (invert) {
                for (let i = 0; i < array.length; i++) array[i] = ~array[i];
              }
            }
            if (array.length + position2 > safeEnd)
              makeRoom(array.length + position2);
            position2 = writeExtensionData(array, target, position2, 66);
            return;
          } else {
            throw new RangeError(value + " was too large to fit in MessagePack 64-bit integer format, use useBigIntExtension, or set largeBigIntToFloat to convert to float-64, or set largeBigIntToString to convert to string");
          }
        }
        position2 += 8;
      } else if (type === "undefined") {
        if (this.encodeUndefinedAsNil)
          target[position2++] = 192;
        else {
          target[position2++] = 212;
          target[position2++] = 0;
          target[position2++] = 0;
        }
      } else {
        throw new Error("Unknown type: " + type);
      }
    };
    const writePlainObject = this.variableMapSize || this.coercibleKeyAsNumber || this.skipValues ? (object) => {
      let keys;
      if (this.skipValues) {
        keys = [];
        for (let key2 in object) {
          if ((typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key2)) && !this.skipValues.includes(object[key2]))
            keys.push(key2);
        }
      } else {
        keys = Object.keys(object);
      }
      let length = keys.length;
      if (length < 16) {
        target[position2++] = 128 | length;
      } else if (length < 65536) {
        target[position2++] = 222;
        target[position2++] = length >> 8;
        target[position2++] = length & 255;
      } else {
        target[position2++] = 223;
        targetView.setUint32(position2, length);
        position2 += 4;
      }
      let key;
      if (this.coercibleKeyAsNumber) {
        for (let i = 0; i < length; i++) {
          key = keys[i];
          let num2 = Number(key);
          pack2(isNaN(num2) ? key : num2);
          pack2(object[key]);
        }
      } else {
        for (let i = 0; i < length; i++) {
          pack2(key = keys[i]);
          pack2(object[key]);
        }
      }
    } : (object) => {
      target[position2++] = 222;
      let objectOffset = position2 - start;
      position2 += 2;
      let size = 0;
      for (let key in object) {
        if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
          pack2(key);
          pack2(object[key]);
          size++;
        }
      }
      if (size > 65535) {
        throw new Error('Object is too large to serialize with fast 16-bit map size, use the "variableMapSize" option to serialize this object');
      }
      target[objectOffset++ + start] = size >> 8;
      target[objectOffset + start] = size & 255;
    };
    const writeRecord = this.useRecords === false ? writePlainObject : options.progressiveRecords && !useTwoByteRecords && maxOwnStructures > 0 ? (
      // this is about 2% faster for highly stable structures, since it only requires one for-in loop (but much more expensive when new structure needs to be written)
      (object) => {
        let nextTransition, transition = structures.transitions || (structures.transitions = /* @__PURE__ */ Object.create(null));
        let objectOffset = position2++ - start;
        let wroteKeys;
        for (let key in object) {
          if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
            nextTransition = transition[key];
            if (nextTransition)
              transition = nextTransition;
            else {
              let keys = Object.keys(object);
              let lastTransition = transition;
              transition = structures.transitions;
              let newTransitions = 0;
              for (let i = 0, l = keys.length; i < l; i++) {
                let key2 = keys[i];
                nextTransition = transition[key2];
                if (!nextTransition) {
                  nextTransition = transition[key2] = /* @__PURE__ */ Object.create(null);
                  newTransitions++;
                }
                transition = nextTransition;
              }
              if (objectOffset + start + 1 == position2) {
                position2--;
                newRecord(transition, keys, newTransitions);
              } else
                insertNewRecord(transition, keys, objectOffset, newTransitions);
              wroteKeys = true;
              transition = lastTransition[key];
            }
            pack2(object[key]);
          }
        }
        if (!wroteKeys) {
          let recordId = transition[RECORD_SYMBOL];
          if (recordId)
            target[objectOffset + start] = recordId;
          else
            insertNewRecord(transition, Object.keys(object), objectOffset, 0);
        }
      }
    ) : (object) => {
      let nextTransition, transition = structures.transitions || (structures.transitions = /* @__PURE__ */ Object.create(null));
      let newTransitions = 0;
      for (let key in object) if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
        nextTransition = transition[key];
        if (!nextTransition) {
          nextTransition = transition[key] = /* @__PURE__ */ Object.create(null);
          newTransitions++;
        }
        transition = nextTransition;
      }
      let recordId = transition[RECORD_SYMBOL];
      if (recordId) {
        if (recordId >= 96 && useTwoByteRecords) {
          target[position2++] = ((recordId -= 96) & 31) + 96;
          target[position2++] = recordId >> 5;
        } else
          target[position2++] = recordId;
      } else if (newRecord(transition, transition.__keys__ || Object.keys(object), newTransitions) === false) {
        return writePlainObject(object);
      }
      for (let key in object)
        if (typeof object.hasOwnProperty !== "function" || object.hasOwnProperty(key)) {
          pack2(object[key]);
        }
    };
    const checkUseRecords = typeof this.useRecords == "function" && this.useRecords;
    const writeObject = checkUseRecords ? (object) => {
      checkUseRecords(object) ? writeRecord(object) : writePlainObject(object);
    } : writeRecord;
    const writeStruct = (object) => {
      let newPosition = packr2._writeStruct(object, target, start, position2, structures, makeRoom, (value, newPosition2, notifySharedUpdate) => {
        if (notifySharedUpdate)
          return hasSharedUpdate = true;
        position2 = newPosition2;
        let startTarget = target;
        pack2(value);
        resetStructures();
        if (startTarget !== target) {
          return { position: position2, targetView, target };
        }
        return position2;
      });
      if (newPosition === 0)
        return writeObject(object);
      position2 = newPosition;
    };
    const makeRoom = (end) => {
      let newSize;
      if (end > 16777216) {
        if (end - start > MAX_BUFFER_SIZE)
          throw new Error("Packed buffer would be larger than maximum buffer size");
        newSize = Math.min(
          MAX_BUFFER_SIZE,
          Math.round(Math.max((end - start) * (end > 67108864 ? 1.25 : 2), 4194304) / 4096) * 4096
        );
      } else
        newSize = (Math.max(end - start << 2, target.length - 1) >> 12) + 1 << 12;
      let newBuffer = new ByteArrayAllocate(newSize);
      targetView = newBuffer.dataView || (newBuffer.dataView = new DataView(newBuffer.buffer, 0, newSize));
      end = Math.min(end, target.length);
      if (target.copy)
        target.copy(newBuffer, 0, start, end);
      else
        newBuffer.set(target.slice(start, end));
      position2 -= start;
      start = 0;
      safeEnd = newBuffer.length - 10;
      return target = newBuffer;
    };
    const newRecord = (transition, keys, newTransitions) => {
      let recordId = structures.nextId;
      if (!recordId)
        recordId = 64;
      if (recordId < sharedLimitId && (reentrantDepth && this.saveStructures || this.shouldShareStructure && !this.shouldShareStructure(keys))) {
        if (reentrantDepth && this.saveStructures && !(this.shouldShareStructure && !this.shouldShareStructure(keys)))
          (pendingNestedStructures || (pendingNestedStructures = [])).push(keys);
        if (!maxOwnStructures)
          return false;
        recordId = structures.nextOwnId;
        if (!(recordId < maxStructureId))
          recordId = sharedLimitId;
        structures.nextOwnId = recordId + 1;
      } else {
        if (recordId >= maxStructureId) {
          if (!maxOwnStructures)
            return false;
          recordId = sharedLimitId;
        }
        structures.nextId = recordId + 1;
      }
      let highByte = keys.highByte = recordId >= 96 && useTwoByteRecords ? recordId - 96 >> 5 : -1;
      transition[RECORD_SYMBOL] = recordId;
      transition.__keys__ = keys;
      structures[recordId - 64] = keys;
      if (recordId < sharedLimitId) {
        keys.isShared = true;
        structures.sharedLength = recordId - 63;
        hasSharedUpdate = true;
        if (highByte >= 0) {
          target[position2++] = (recordId & 31) + 96;
          target[position2++] = highByte;
        } else {
          target[position2++] = recordId;
        }
      } else {
        if (highByte >= 0) {
          target[position2++] = 213;
          target[position2++] = 114;
          target[position2++] = (recordId & 31) + 96;
          target[position2++] = highByte;
        } else {
          target[position2++] = 212;
          target[position2++] = 114;
          target[position2++] = recordId;
        }
        if (newTransitions)
          transitionsCount += serializationsSinceTransitionRebuild * newTransitions;
        if (recordIdsToRemove.length >= maxOwnStructures)
          recordIdsToRemove.shift()[RECORD_SYMBOL] = 0;
        recordIdsToRemove.push(transition);
        pack2(keys);
      }
    };
    const insertNewRecord = (transition, keys, insertionOffset, newTransitions) => {
      let mainTarget = target;
      let mainPosition = position2;
      let mainSafeEnd = safeEnd;
      let mainStart = start;
      target = keysTarget;
      position2 = 0;
      start = 0;
      if (!target)
        keysTarget = target = new ByteArrayAllocate(8192);
      safeEnd = target.length - 10;
      newRecord(transition, keys, newTransitions);
      keysTarget = target;
      let keysPosition = position2;
      target = mainTarget;
      position2 = mainPosition;
      safeEnd = mainSafeEnd;
      start = mainStart;
      if (keysPosition > 1) {
        let newEnd = position2 + keysPosition - 1;
        if (newEnd > safeEnd)
          makeRoom(newEnd);
        let insertionPosition = insertionOffset + start;
        target.copyWithin(insertionPosition + keysPosition, insertionPosition + 1, position2);
        target.set(keysTarget.slice(0, keysPosition), insertionPosition);
        position2 = newEnd;
      } else {
        target[insertionOffset + start] = keysTarget[0];
      }
    };
  }
  useBuffer(buffer) {
    target = buffer;
    target.dataView || (target.dataView = new DataView(target.buffer, target.byteOffset, target.byteLength));
    targetView = target.dataView;
    position2 = 0;
  }
  set position(value) {
    position2 = value;
  }
  get position() {
    return position2;
  }
  clearSharedData() {
    if (this.structures) {
      this.structures = [];
      this.lastNamedStructuresLength = 0;
    }
    if (this.typedStructs)
      this.typedStructs = [];
  }
};
var dateToJSON = Date.prototype.toJSON;
var bufferToJSON = typeof Buffer !== "undefined" ? Buffer.prototype.toJSON : dateToJSON;
extensionClasses = [Date, Set, Error, RegExp, ArrayBuffer, Object.getPrototypeOf(Uint8Array.prototype).constructor, DataView, C1Type];
extensions = [{
  pack(date, allocateForWrite, pack2) {
    let seconds = date.getTime() / 1e3;
    if ((this.useTimestamp32 || date.getMilliseconds() === 0) && seconds >= 0 && seconds < 4294967296) {
      let { target: target2, targetView: targetView2, position: position3 } = allocateForWrite(6);
      target2[position3++] = 214;
      target2[position3++] = 255;
      targetView2.setUint32(position3, seconds);
    } else if (seconds > 0 && seconds < 4294967296) {
      let { target: target2, targetView: targetView2, position: position3 } = allocateForWrite(10);
      target2[position3++] = 215;
      target2[position3++] = 255;
      targetView2.setUint32(position3, date.getMilliseconds() * 4e6 + (seconds / 1e3 / 4294967296 >> 0));
      targetView2.setUint32(position3 + 4, seconds);
    } else if (isNaN(seconds)) {
      if (this.onInvalidDate) {
        allocateForWrite(0);
        return pack2(this.onInvalidDate());
      }
      let { target: target2, targetView: targetView2, position: position3 } = allocateForWrite(3);
      target2[position3++] = 212;
      target2[position3++] = 255;
      target2[position3++] = 255;
    } else {
      let { target: target2, targetView: targetView2, position: position3 } = allocateForWrite(15);
      target2[position3++] = 199;
      target2[position3++] = 12;
      target2[position3++] = 255;
      targetView2.setUint32(position3, date.getMilliseconds() * 1e6);
      targetView2.setBigInt64(position3 + 4, BigInt(Math.floor(seconds)));
    }
  }
}, {
  pack(set, allocateForWrite, pack2) {
    if (this.setAsEmptyObject) {
      allocateForWrite(0);
      return pack2({});
    }
    let array = Array.from(set);
    let { target: target2, position: position3 } = allocateForWrite(this.moreTypes ? 3 : 0);
    if (this.moreTypes) {
      target2[position3++] = 212;
      target2[position3++] = 115;
      target2[position3++] = 0;
    }
    pack2(array);
  }
}, {
  pack(error, allocateForWrite, pack2) {
    let { target: target2, position: position3 } = allocateForWrite(this.moreTypes ? 3 : 0);
    if (this.moreTypes) {
      target2[position3++] = 212;
      target2[position3++] = 101;
      target2[position3++] = 0;
    }
    pack2([error.name, error.message, error.cause]);
  }
}, {
  pack(regex, allocateForWrite, pack2) {
    let { target: target2, position: position3 } = allocateForWrite(this.moreTypes ? 3 : 0);
    if (this.moreTypes) {
      target2[position3++] = 212;
      target2[position3++] = 120;
      target2[position3++] = 0;
    }
    pack2([regex.source, regex.flags]);
  }
}, {
  pack(arrayBuffer, allocateForWrite) {
    if (this.moreTypes)
      writeExtBuffer(arrayBuffer, 16, allocateForWrite);
    else
      writeBuffer(hasNodeBuffer ? Buffer.from(arrayBuffer) : new Uint8Array(arrayBuffer), allocateForWrite);
  }
}, {
  pack(typedArray, allocateForWrite) {
    let constructor = typedArray.constructor;
    if (constructor !== ByteArray && this.moreTypes)
      writeExtBuffer(typedArray, typedArrays.indexOf(constructor.name), allocateForWrite);
    else
      writeBuffer(typedArray, allocateForWrite);
  }
}, {
  pack(arrayBuffer, allocateForWrite) {
    if (this.moreTypes)
      writeExtBuffer(arrayBuffer, 17, allocateForWrite);
    else
      writeBuffer(hasNodeBuffer ? Buffer.from(arrayBuffer) : new Uint8Array(arrayBuffer), allocateForWrite);
  }
}, {
  pack(c1, allocateForWrite) {
    let { target: target2, position: position3 } = allocateForWrite(1);
    target2[position3] = 193;
  }
}];
var builtInExtensionCount = extensions.length;
function writeExtBuffer(typedArray, type, allocateForWrite, encode2) {
  let length = typedArray.byteLength;
  if (length + 1 < 256) {
    var { target: target2, position: position3 } = allocateForWrite(4 + length);
    target2[position3++] = 199;
    target2[position3++] = length + 1;
  } else if (length + 1 < 65536) {
    var { target: target2, position: position3 } = allocateForWrite(5 + length);
    target2[position3++] = 200;
    target2[position3++] = length + 1 >> 8;
    target2[position3++] = length + 1 & 255;
  } else {
    var { target: target2, position: position3, targetView: targetView2 } = allocateForWrite(7 + length);
    target2[position3++] = 201;
    targetView2.setUint32(position3, length + 1);
    position3 += 4;
  }
  target2[position3++] = 116;
  target2[position3++] = type;
  if (!typedArray.buffer) typedArray = new Uint8Array(typedArray);
  target2.set(new Uint8Array(typedArray.buffer, typedArray.byteOffset, typedArray.byteLength), position3);
}
function writeBuffer(buffer, allocateForWrite) {
  let length = buffer.byteLength;
  var target2, position3;
  if (length < 256) {
    var { target: target2, position: position3 } = allocateForWrite(length + 2);
    target2[position3++] = 196;
    target2[position3++] = length;
  } else if (length < 65536) {
    var { target: target2, position: position3 } = allocateForWrite(length + 3);
    target2[position3++] = 197;
    target2[position3++] = length >> 8;
    target2[position3++] = length & 255;
  } else {
    var { target: target2, position: position3, targetView: targetView2 } = allocateForWrite(length + 5);
    target2[position3++] = 198;
    targetView2.setUint32(position3, length);
    position3 += 4;
  }
  target2.set(buffer, position3);
}
function writeExtensionData(result, target2, position3, type) {
  let length = result.length;
  switch (length) {
    case 1:
      target2[position3++] = 212;
      break;
    case 2:
      target2[position3++] = 213;
      break;
    case 4:
      target2[position3++] = 214;
      break;
    case 8:
      target2[position3++] = 215;
      break;
    case 16:
      target2[position3++] = 216;
      break;
    default:
      if (length < 256) {
        target2[position3++] = 199;
        target2[position3++] = length;
      } else if (length < 65536) {
        target2[position3++] = 200;
        target2[position3++] = length >> 8;
        target2[position3++] = length & 255;
      } else {
        target2[position3++] = 201;
        target2[position3++] = length >> 24;
        target2[position3++] = length >> 16 & 255;
        target2[position3++] = length >> 8 & 255;
        target2[position3++] = length & 255;
      }
  }
  target2[position3++] = type;
  target2.set(result, position3);
  position3 += length;
  return position3;
}
function insertIds(serialized, idsToInsert) {
  let nextId;
  let distanceToMove = idsToInsert.length * 6;
  let lastEnd = serialized.length - distanceToMove;
  while (nextId = idsToInsert.pop()) {
    let offset = nextId.offset;
    let id = nextId.id;
    serialized.copyWithin(offset + distanceToMove, offset, lastEnd);
    distanceToMove -= 6;
    let position3 = offset + distanceToMove;
    serialized[position3++] = 214;
    serialized[position3++] = 105;
    serialized[position3++] = id >> 24;
    serialized[position3++] = id >> 16 & 255;
    serialized[position3++] = id >> 8 & 255;
    serialized[position3++] = id & 255;
    lastEnd = offset;
  }
  return serialized;
}
function writeBundles(start, pack2, incrementPosition) {
  if (bundledStrings2.length > 0) {
    targetView.setUint32(bundledStrings2.position + start, position2 + incrementPosition - bundledStrings2.position - start);
    bundledStrings2.stringsPosition = position2 - start;
    let writeStrings = bundledStrings2;
    bundledStrings2 = null;
    pack2(writeStrings[0]);
    pack2(writeStrings[1]);
  }
}
function prepareStructures(structures, packr2) {
  structures.isCompatible = (existingStructures) => {
    let compatible = !existingStructures || (packr2.lastNamedStructuresLength || 0) === existingStructures.length;
    if (!compatible)
      packr2._mergeStructures(existingStructures);
    return compatible;
  };
  return structures;
}
Packr.SUPPORTS_STRUCT_HOOKS = true;
var defaultPackr = new Packr({ useRecords: false });
var pack = defaultPackr.pack;
var encode = defaultPackr.pack;
var { NEVER, ALWAYS, DECIMAL_ROUND, DECIMAL_FIT } = FLOAT32_OPTIONS;
var REUSE_BUFFER_MODE = 512;
var RESET_BUFFER_MODE = 1024;
var RESERVE_START_SPACE = 2048;

// node_modules/msgpackr/node-index.js
import { createRequire } from "module";
var nativeAccelerationDisabled = process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED !== void 0 && process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED.toLowerCase() === "true";
if (!nativeAccelerationDisabled) {
  let extractor;
  try {
    if (typeof __require == "function")
      extractor = __require("msgpackr-extract");
    else
      extractor = createRequire(import.meta.url)("msgpackr-extract");
    if (extractor)
      setExtractor(extractor.extractStrings);
  } catch (error) {
  }
}

// server/cache/hash.ts
import { createHash } from "node:crypto";
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
var KeyHasher = class {
  hash = createHash("sha256");
  constructor(domain) {
    this.field(domain);
  }
  field(value) {
    const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
    const len = Buffer.allocUnsafe(4);
    len.writeUInt32LE(bytes.length);
    this.hash.update(len).update(bytes);
    return this;
  }
  fields(values) {
    this.field(String(values.length));
    for (const v of values) this.field(v);
    return this;
  }
  hex() {
    return this.hash.digest("hex");
  }
};

// server/cache/compilerIdentity.ts
var CompilerNotFoundError = class extends Error {
};
var CompilerIdentities = class _CompilerIdentities {
  constructor(persistPath) {
    this.persistPath = persistPath;
    if (persistPath && existsSync(persistPath)) {
      try {
        const saved = unpack(readFileSync(persistPath));
        for (const [k, v] of Object.entries(saved)) this.memory.set(k, v);
      } catch {
      }
    }
  }
  persistPath;
  memory = /* @__PURE__ */ new Map();
  dirty = false;
  resolved = /* @__PURE__ */ new Map();
  /**
   * Resolves a compiler name as a shell would (PATH lookup for a bare name), remembered per name,
   * directory and PATH; identify() still stats the binary on every call, so a replaced one is seen.
   */
  resolveCompiler(compiler, cwd, env) {
    const memo = `${compiler}\0${compiler.includes("/") ? cwd : ""}\0${env.PATH ?? ""}`;
    const known = this.resolved.get(memo);
    if (known !== void 0) return known;
    const found = _CompilerIdentities.findCompiler(compiler, cwd, env);
    if (this.resolved.size > 1e3) this.resolved.clear();
    this.resolved.set(memo, found);
    return found;
  }
  static findCompiler(compiler, cwd, env) {
    let candidate;
    if (compiler.includes("/") || isAbsolute(compiler)) {
      candidate = resolve2(cwd, compiler);
      if (!existsSync(candidate)) candidate = void 0;
    } else {
      for (const dir of (env.PATH ?? "").split(delimiter)) {
        if (!dir) continue;
        const p = join2(dir, compiler);
        try {
          if (statSync(p).isFile()) {
            candidate = p;
            break;
          }
        } catch {
        }
      }
    }
    if (!candidate) throw new CompilerNotFoundError(`compiler not found: ${compiler}`);
    return realpathSync(candidate);
  }
  identify(compilerPath) {
    const st = statSync(compilerPath);
    const stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    const known = this.memory.get(compilerPath);
    if (known && known.stamp === stamp) return known.identity;
    const identity = new KeyHasher("fbuild-compiler-v1").field(sha256Hex(readFileSync(compilerPath))).field(systemHeaderSignature(compilerPath)).hex();
    this.memory.set(compilerPath, { stamp, identity });
    this.dirty = true;
    return identity;
  }
  save() {
    if (!this.persistPath || !this.dirty) return;
    try {
      mkdirSync(dirname(this.persistPath), { recursive: true });
      const tmp = `${this.persistPath}.${process.pid}.tmp`;
      writeFileSync(tmp, pack(Object.fromEntries(this.memory)));
      renameSync(tmp, this.persistPath);
      this.dirty = false;
    } catch {
    }
  }
};
function systemIncludeDirs(compilerPath) {
  for (const lang of ["c++", "c"]) {
    const r = spawnSync(compilerPath, ["-E", "-v", "-x", lang, "/dev/null", "-o", "/dev/null"], {
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"]
    });
    const stderr = r.stderr ?? "";
    const start = stderr.indexOf("#include <...> search starts here:");
    const end = stderr.indexOf("End of search list.");
    if (r.status !== 0 || start < 0 || end < start) continue;
    const dirs = /* @__PURE__ */ new Set();
    for (const line of stderr.slice(start, end).split("\n").slice(1)) {
      const d = line.trim();
      if (d && existsSync(d)) dirs.add(realpathSync(d));
    }
    return [...dirs].sort();
  }
  return [];
}
function systemHeaderSignature(compilerPath) {
  const h = new KeyHasher("fbuild-system-headers-v1");
  for (const dir of systemIncludeDirs(compilerPath)) {
    h.field(dir);
    const walk = (d, rel) => {
      let names;
      try {
        names = readdirSync(d).sort();
      } catch {
        return;
      }
      for (const name of names) {
        const p = join2(d, name);
        let st;
        try {
          st = statSync(p);
        } catch {
          continue;
        }
        if (st.isDirectory()) walk(p, `${rel}${name}/`);
        else if (st.isFile()) h.field(`${rel}${name}:${st.size}:${Math.floor(st.mtimeMs / 1e3)}`);
      }
    };
    walk(dir, "");
  }
  return h.hex();
}

// server/cache/compilerPool.ts
import { spawn } from "node:child_process";

// node_modules/yocto-queue/index.js
var Node = class {
  value;
  next;
  constructor(value) {
    this.value = value;
  }
};
var Queue = class {
  #head;
  #tail;
  #size;
  constructor() {
    this.clear();
  }
  enqueue(value) {
    const node = new Node(value);
    if (this.#head) {
      this.#tail.next = node;
      this.#tail = node;
    } else {
      this.#head = node;
      this.#tail = node;
    }
    this.#size++;
  }
  dequeue() {
    const current = this.#head;
    if (!current) {
      return;
    }
    this.#head = this.#head.next;
    this.#size--;
    if (!this.#head) {
      this.#tail = void 0;
    }
    return current.value;
  }
  peek() {
    if (!this.#head) {
      return;
    }
    return this.#head.value;
  }
  clear() {
    this.#head = void 0;
    this.#tail = void 0;
    this.#size = 0;
  }
  get size() {
    return this.#size;
  }
  *[Symbol.iterator]() {
    let current = this.#head;
    while (current) {
      yield current.value;
      current = current.next;
    }
  }
  *drain() {
    while (this.#head) {
      yield this.dequeue();
    }
  }
};

// node_modules/p-limit/index.js
function pLimit(concurrency) {
  let rejectOnClear = false;
  if (typeof concurrency === "object") {
    ({ concurrency, rejectOnClear = false } = concurrency);
  }
  validateConcurrency(concurrency);
  if (typeof rejectOnClear !== "boolean") {
    throw new TypeError("Expected `rejectOnClear` to be a boolean");
  }
  const queue = new Queue();
  let activeCount = 0;
  const resumeNext = () => {
    if (activeCount < concurrency && queue.size > 0) {
      activeCount++;
      queue.dequeue().run();
    }
  };
  const next = () => {
    activeCount--;
    resumeNext();
  };
  const run = async (function_, resolve11, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve11(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve11, reject, arguments_) => {
    const queueItem = { reject };
    new Promise((internalResolve) => {
      queueItem.run = internalResolve;
      queue.enqueue(queueItem);
    }).then(run.bind(void 0, function_, resolve11, arguments_));
    if (activeCount < concurrency) {
      resumeNext();
    }
  };
  const generator = (function_, ...arguments_) => new Promise((resolve11, reject) => {
    enqueue(function_, resolve11, reject, arguments_);
  });
  Object.defineProperties(generator, {
    activeCount: {
      get: () => activeCount
    },
    pendingCount: {
      get: () => queue.size
    },
    clearQueue: {
      value() {
        if (!rejectOnClear) {
          queue.clear();
          return;
        }
        const abortError = AbortSignal.abort().reason;
        while (queue.size > 0) {
          queue.dequeue().reject(abortError);
        }
      }
    },
    concurrency: {
      get: () => concurrency,
      set(newConcurrency) {
        validateConcurrency(newConcurrency);
        concurrency = newConcurrency;
        queueMicrotask(() => {
          while (activeCount < concurrency && queue.size > 0) {
            resumeNext();
          }
        });
      }
    },
    map: {
      async value(iterable, function_) {
        const promises = [];
        try {
          Array.from(iterable, (value, index) => {
            const promise = generator(function_, value, index);
            promises.push(promise);
            return promise;
          });
        } catch (error) {
          for (const promise of promises) {
            promise.catch(() => {
            });
          }
          throw error;
        }
        return Promise.all(promises);
      }
    }
  });
  return generator;
}
function validateConcurrency(concurrency) {
  if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
    throw new TypeError("Expected `concurrency` to be a number from 1 and up");
  }
}

// server/cache/compilerPool.ts
var CompilerPool = class {
  limit;
  running = /* @__PURE__ */ new Set();
  /** Counts spawns, so tests can check that no wrapper process is started. */
  spawned = 0;
  constructor(size) {
    this.limit = pLimit(Math.max(1, size));
  }
  run(command, args, cwd, env) {
    return this.limit(
      () => new Promise((resolveRun) => {
        const started = performance.now();
        const out = [];
        const err = [];
        this.spawned++;
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        this.running.add(child);
        child.stdout.on("data", (b) => out.push(b));
        child.stderr.on("data", (b) => err.push(b));
        const finish2 = (exitCode, extra) => {
          this.running.delete(child);
          if (extra) err.push(Buffer.from(extra));
          resolveRun({
            exitCode,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err),
            durationMs: performance.now() - started
          });
        };
        child.on("error", (e) => finish2(127, `fbuild: cannot run ${command}: ${e.message}
`));
        child.on("close", (code, signal) => finish2(code ?? (signal ? 128 + 9 : 1)));
      })
    );
  }
  get active() {
    return this.running.size + this.limit.pendingCount;
  }
  /** Kills every running compiler and drops the queued ones. */
  killAll() {
    this.limit.clearQueue();
    for (const child of this.running) child.kill("SIGKILL");
  }
};

// server/cache/compilerArgs.ts
import { readFileSync as readFileSync2 } from "node:fs";
import { basename, extname, isAbsolute as isAbsolute2, join as join3, relative, resolve as resolve3, sep } from "node:path";
var PATH_OPTIONS = [
  "-iwithprefixbefore",
  "-iwithprefix",
  "-idirafter",
  "-isysroot",
  "-isystem",
  "-imacros",
  "-include",
  "-iprefix",
  "-iquote",
  "--sysroot",
  "-I",
  "-B"
];
var SEPARATE_VALUE_OPTIONS = /* @__PURE__ */ new Set([
  "-x",
  "-D",
  "-U",
  "-A",
  "-L",
  "-l",
  "-u",
  "-T",
  "-z",
  "-Xlinker",
  "-Xassembler",
  "-Xpreprocessor",
  "-aux-info",
  "--param",
  "-e",
  "-wrapper",
  "-dumpbase",
  "-dumpdir",
  "-MF",
  "-MT",
  "-MQ",
  "-o"
]);
var LANGUAGE_BY_EXTENSION = {
  ".c": "c",
  ".cc": "c++",
  ".cp": "c++",
  ".cpp": "c++",
  ".cxx": "c++",
  ".c++": "c++",
  ".CPP": "c++",
  ".C": "c++",
  ".S": "assembler-with-cpp",
  ".sx": "assembler-with-cpp",
  ".s": "assembler"
};
function expandResponseFiles(args, cwd, depth = 0) {
  const out = [];
  for (const arg of args) {
    if (!arg.startsWith("@") || arg.length === 1) {
      out.push(arg);
      continue;
    }
    if (depth > 8) return { error: "response files nested too deeply" };
    let text;
    try {
      text = readFileSync2(resolve3(cwd, arg.slice(1)), "utf8");
    } catch {
      return { error: "unreadable response file" };
    }
    const nested = expandResponseFiles(splitResponseFile(text), cwd, depth + 1);
    if (!Array.isArray(nested)) return nested;
    out.push(...nested);
  }
  return out;
}
function splitResponseFile(text) {
  const words = [];
  let word = "";
  let inWord = false;
  let quote = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && i + 1 < text.length) word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}
function uncacheable(reason) {
  return { kind: "uncacheable", reason };
}
function defaultDepFile(output) {
  const base = basename(output);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? output.slice(0, output.length - (base.length - dot)) + ".d" : output + ".d";
}
function parseCompile(rawArgs, cwd) {
  const expanded = expandResponseFiles(rawArgs, cwd);
  if (!Array.isArray(expanded)) return uncacheable(expanded.error);
  const args = expanded;
  let compileOnly = false;
  let output;
  let depMode = "none";
  let depFile;
  const depTargets2 = [];
  let phonyTargets = false;
  let debugInfo = false;
  let language;
  const sources = [];
  let i = 0;
  const next = () => args[++i];
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "-c") compileOnly = true;
    else if (a === "-E") return uncacheable("preprocess only (-E)");
    else if (a === "-S") return uncacheable("assembly output (-S)");
    else if (a === "-M" || a === "-MM") return uncacheable("dependency output only (-M)");
    else if (a === "-MG") return uncacheable("missing headers as dependencies (-MG)");
    else if (a === "-save-temps" || a.startsWith("-save-temps=")) return uncacheable("-save-temps");
    else if (a.startsWith("-Wp,")) return uncacheable("preprocessor options through -Wp,");
    else if (a === "-MD") depMode = "MD";
    else if (a === "-MMD") depMode = depMode === "MD" ? "MD" : "MMD";
    else if (a === "-MP") phonyTargets = true;
    else if (a === "-MF" || a === "-MT" || a === "-MQ" || a === "-o" || a === "-x") {
      const v = next();
      if (v === void 0) return uncacheable(`missing argument to ${a}`);
      if (a === "-MF") depFile = v;
      else if (a === "-MT") depTargets2.push({ value: v, quoted: false });
      else if (a === "-MQ") depTargets2.push({ value: v, quoted: true });
      else if (a === "-o") {
        if (output !== void 0) return uncacheable("several -o options");
        output = v;
      } else language = v === "none" ? void 0 : v;
    } else if (a.startsWith("-MF")) depFile = a.slice(3);
    else if (a.startsWith("-MT")) depTargets2.push({ value: a.slice(3), quoted: false });
    else if (a.startsWith("-MQ")) depTargets2.push({ value: a.slice(3), quoted: true });
    else if (a.startsWith("-o")) {
      if (output !== void 0) return uncacheable("several -o options");
      output = a.slice(2);
    } else if (a.startsWith("-x")) language = a.slice(2) === "none" ? void 0 : a.slice(2);
    else if (a.startsWith("-g")) debugInfo = a !== "-g0";
    else if (a === "-") return uncacheable("source from standard input");
    else if (a.startsWith("-")) {
      const pathOpt = PATH_OPTIONS.find((o) => a === o);
      if (pathOpt || SEPARATE_VALUE_OPTIONS.has(a)) {
        if (next() === void 0) return uncacheable(`missing argument to ${a}`);
      }
    } else {
      const lang = language ?? LANGUAGE_BY_EXTENSION[extname(a)];
      if (!lang) return uncacheable(`input is not a source file (${basename(a)})`);
      sources.push({ path: a, language: lang });
    }
  }
  if (!compileOnly) return uncacheable("no -c (link or preprocess)");
  if (sources.length === 0) return uncacheable("no source file");
  if (sources.length > 1) return uncacheable("several source files");
  if (output === void 0) return uncacheable("no -o output");
  const source = sources[0];
  if (depMode !== "none" && depFile === void 0) depFile = defaultDepFile(output);
  if (depMode !== "none" && depTargets2.length === 0) depTargets2.push({ value: output, quoted: true });
  return {
    kind: "cacheable",
    args,
    source: source.path,
    output,
    language: source.language,
    depMode,
    depFile,
    depTargets: depTargets2,
    phonyTargets,
    debugInfo
  };
}
var normalizedMemo = /* @__PURE__ */ new Map();
var PathNormalizer = class {
  constructor(workspaceRoot, cwd) {
    this.workspaceRoot = workspaceRoot;
    this.cwd = cwd;
    this.rootWithSep = workspaceRoot.endsWith(sep) ? workspaceRoot : workspaceRoot + sep;
    this.memoPrefix = `${workspaceRoot}\0${cwd}\0`;
  }
  workspaceRoot;
  cwd;
  rootWithSep;
  memoPrefix;
  normalize(p) {
    const memoKey = this.memoPrefix + p;
    let out = normalizedMemo.get(memoKey);
    if (out === void 0) {
      out = this.normalizeUncached(p);
      if (normalizedMemo.size >= 5e4) normalizedMemo.clear();
      normalizedMemo.set(memoKey, out);
    }
    return out;
  }
  normalizeUncached(p) {
    const abs = isAbsolute2(p) ? p : resolve3(this.cwd, p);
    if (abs === this.workspaceRoot) return "$WS";
    if (abs.startsWith(this.rootWithSep)) return "$WS/" + relative(this.workspaceRoot, abs).split(sep).join("/");
    return abs;
  }
  /** The inverse of normalize() for the current workspace. */
  resolve(normalized) {
    if (normalized === "$WS") return this.workspaceRoot;
    if (normalized.startsWith("$WS/")) return join3(this.workspaceRoot, normalized.slice(4));
    return normalized;
  }
};
function keyArguments(c, paths) {
  const out = [];
  const a = c.args;
  for (let i = 0; i < a.length; i++) {
    const arg = a[i];
    if (arg === "-MD" || arg === "-MMD" || arg === "-MP") continue;
    if (arg === "-MF" || arg === "-MT" || arg === "-MQ" || arg === "-o") {
      i++;
      continue;
    }
    if (/^-(MF|MT|MQ|o)./.test(arg)) continue;
    if (arg === c.source && !arg.startsWith("-")) continue;
    if (PATH_OPTIONS.includes(arg)) {
      const v = a[++i] ?? "";
      out.push(arg, paths.normalize(v));
      continue;
    }
    const joined = arg.startsWith("-") ? PATH_OPTIONS.find((o) => arg.startsWith(o) && arg.length > o.length) : void 0;
    if (joined) {
      let v = arg.slice(joined.length);
      const eq = joined === "--sysroot" && v.startsWith("=");
      if (eq) v = v.slice(1);
      out.push(joined + (eq ? "=" : ""), paths.normalize(v));
      continue;
    }
    out.push(arg);
  }
  out.push(`#deps=${c.depMode}${c.phonyTargets ? "+MP" : ""}`);
  return out;
}

// server/cache/depfile.ts
function makeQuote(name) {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === " " || ch === "	") {
      for (let j = i - 1; j >= 0 && name[j] === "\\"; j--) out += "\\";
      out += "\\";
    } else if (ch === "$") out += "$";
    else if (ch === "#") out += "\\";
    out += ch;
  }
  return out;
}
function splitWords(text) {
  const words = [];
  let word = "";
  let i = 0;
  const flush = () => {
    if (word.length) words.push(word);
    word = "";
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") {
      let n = 0;
      while (text[i + n] === "\\") n++;
      const after = text[i + n];
      if (after === "\n") {
        word += "\\".repeat(n - 1);
        flush();
        i += n + 1;
      } else if (after === " " || after === "	") {
        word += "\\".repeat(n >> 1);
        if (n & 1) {
          word += after;
        } else flush();
        i += n + 1;
      } else if (after === "#" && n === 1) {
        word += "#";
        i += 2;
      } else {
        word += "\\".repeat(n);
        i += n;
      }
    } else if (ch === "$" && text[i + 1] === "$") {
      word += "$";
      i += 2;
    } else if (ch === " " || ch === "	" || ch === "\n" || ch === "\r") {
      flush();
      i++;
    } else {
      word += ch;
      i++;
    }
  }
  flush();
  return words;
}
function parseDepfile(text) {
  let end = 0;
  while (end < text.length) {
    const nl = text.indexOf("\n", end);
    if (nl < 0) {
      end = text.length;
      break;
    }
    let bs = 0;
    for (let j = nl - 1; j >= 0 && text[j] === "\\"; j--) bs++;
    if (bs % 2 === 1) {
      end = nl + 1;
      continue;
    }
    end = nl;
    break;
  }
  const rule = text.slice(0, end);
  const colon = rule.search(/:(\s|$)/);
  if (colon < 0) return void 0;
  const targets = splitWords(rule.slice(0, colon));
  const deps = splitWords(rule.slice(colon + 1));
  const phony = /\n[^\n]+:\n/.test(text.slice(end));
  return { targets, deps, phony };
}
function formatDepfile(targetsQuoted, deps, phony) {
  const colmax = 72;
  let out = "";
  let column = 0;
  targetsQuoted.forEach((t, i) => {
    column += t.length;
    if (i) {
      if (column > colmax) {
        out += " \\\n ";
        column = 1 + t.length;
      } else {
        out += " ";
        column++;
      }
    }
    out += t;
  });
  out += ":";
  column++;
  const quoted = deps.map(makeQuote);
  for (const d of quoted) {
    column += d.length;
    if (column > colmax) {
      out += " \\\n ";
      column = 1 + d.length;
    } else {
      out += " ";
      column++;
    }
    out += d;
  }
  out += "\n";
  if (phony) for (const d of quoted.slice(1)) out += `
${d}:
`;
  return out;
}

// server/cache/fileHasher.ts
import { readFileSync as readFileSync3, statSync as statSync2 } from "node:fs";
var CLOCK_MACROS = [Buffer.from("__DATE__"), Buffer.from("__TIME__"), Buffer.from("__TIMESTAMP__")];
var FileHasher = class {
  cache = /* @__PURE__ */ new Map();
  hashedFiles = 0;
  /** The digest of a file, or undefined if it cannot be read. */
  digest(path) {
    let st;
    try {
      st = statSync2(path, { throwIfNoEntry: false });
    } catch {
      return void 0;
    }
    if (!st || !st.isFile()) return void 0;
    const known = this.cache.get(path);
    if (known && known.size === st.size && known.mtimeMs === st.mtimeMs && known.ctimeMs === st.ctimeMs && known.ino === st.ino) {
      return known;
    }
    let data;
    try {
      data = readFileSync3(path);
    } catch {
      return void 0;
    }
    this.hashedFiles++;
    const entry = {
      hash: sha256Hex(data),
      usesClock: CLOCK_MACROS.some((m) => data.includes(m)),
      size: st.size,
      mtimeMs: st.mtimeMs,
      ctimeMs: st.ctimeMs,
      ino: st.ino
    };
    if (Date.now() - Math.max(st.mtimeMs, st.ctimeMs) > 2e3) this.cache.set(path, entry);
    return entry;
  }
  /** Forgets everything (used when the caller knows files changed behind the stat data's back). */
  clear() {
    this.cache.clear();
  }
};

// server/cache/cachedSteps.ts
function stepKeyArgs(req, paths) {
  const inputIndex = new Map(req.inputs.map((p, i) => [p, i]));
  const root = paths.workspaceRoot + "/";
  return req.steps.map(
    (s) => s.args.map((a) => {
      const i = inputIndex.get(a);
      if (i !== void 0) return `@input${i}`;
      return a.split(root).join("$WS/");
    })
  );
}
function stepsFlagsKey(label, identities, keyArgs, cwd) {
  const h = new KeyHasher("fbuild-steps-flags-v1").field(label).field(cwd);
  identities.forEach((id, i) => h.field(id).fields(keyArgs[i]));
  return h.hex();
}
async function runStepSequence(pool, req, env) {
  const stdout = [];
  const stderr = [];
  let exitCode = 0;
  for (const step of req.steps) {
    const r = await pool.run(step.command, step.args, req.cwd, env);
    stdout.push(r.stdout);
    stderr.push(r.stderr);
    exitCode = r.exitCode;
    if (exitCode !== 0) break;
  }
  return { exitCode, stdout, stderr: Buffer.concat(stderr) };
}

// server/cache/localStore.ts
import { createHash as createHash2, randomBytes } from "node:crypto";
import { mkdirSync as mkdirSync2, readdirSync as readdirSync2, readFileSync as readFileSync4, renameSync as renameSync2, statSync as statSync3, unlinkSync, writeFileSync as writeFileSync2, existsSync as existsSync2 } from "node:fs";
import { join as join4 } from "node:path";
var import_proper_lockfile = __toESM(require_proper_lockfile(), 1);
var MAGIC = Buffer.from("FBC1");
var HEADER = MAGIC.length + 32;
var FORMAT = "v1";
var packr = new Packr({ useRecords: false, moreTypes: false });
var LocalStore = class _LocalStore {
  constructor(options) {
    this.options = options;
    this.root = join4(options.dir, FORMAT);
    this.entriesDir = join4(this.root, "entries");
    this.indexPath = join4(this.root, "index.msgpack");
  }
  options;
  root;
  entriesDir;
  indexPath;
  index = /* @__PURE__ */ new Map();
  bySource = /* @__PURE__ */ new Map();
  removed = /* @__PURE__ */ new Set();
  bytes = 0;
  /** Shard directories known to exist: saves a mkdir per write. */
  shards = /* @__PURE__ */ new Set();
  flushing;
  static open(options) {
    const store = new _LocalStore(options);
    mkdirSync2(store.entriesDir, { recursive: true });
    const loaded = store.readIndexFile();
    if (loaded) for (const [k, row] of Object.entries(loaded.entries)) store.setRow(k, row);
    else store.rebuildIndex();
    return store;
  }
  pathFor(contextKey) {
    return join4(this.entriesDir, contextKey.slice(0, 2), contextKey);
  }
  setRow(key, row) {
    const old = this.index.get(key);
    if (old) {
      this.bytes -= old[3];
      if (old[0] !== row[0]) this.bySource.get(old[0])?.delete(key);
    }
    this.index.set(key, row);
    this.bytes += row[3];
    let set = this.bySource.get(row[0]);
    if (!set) this.bySource.set(row[0], set = /* @__PURE__ */ new Set());
    set.add(key);
  }
  dropRow(key) {
    const old = this.index.get(key);
    if (!old) return;
    this.bytes -= old[3];
    this.bySource.get(old[0])?.delete(key);
    this.index.delete(key);
  }
  readIndexFile() {
    try {
      const data = readFileSync4(this.indexPath);
      const parsed = packr.unpack(data);
      if (parsed?.v !== 1 || typeof parsed.entries !== "object") return void 0;
      return parsed;
    } catch {
      return void 0;
    }
  }
  /** Reads an entry file; undefined if absent, 'damaged' if it fails verification. */
  readEntryFile(path) {
    let data;
    try {
      data = readFileSync4(path);
    } catch {
      return void 0;
    }
    if (data.length < HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) return "damaged";
    const body = data.subarray(HEADER);
    const digest = createHash2("sha256").update(body).digest();
    if (!digest.equals(data.subarray(MAGIC.length, HEADER))) return "damaged";
    try {
      const entry = packr.unpack(body);
      if (!entry || !Array.isArray(entry.results)) return "damaged";
      return entry;
    } catch {
      return "damaged";
    }
  }
  /** Scans the entry files (after the index was lost or damaged). */
  rebuildIndex() {
    for (const shard of safeReaddir(this.entriesDir)) {
      for (const name of safeReaddir(join4(this.entriesDir, shard))) {
        if (name.includes(".")) continue;
        const p = join4(this.entriesDir, shard, name);
        const entry = this.readEntryFile(p);
        if (entry === void 0) continue;
        if (entry === "damaged") {
          safeUnlink(p);
          continue;
        }
        const st = statSync3(p);
        this.setRow(name, [entry.source, entry.compiler, entry.flags, st.size, st.mtimeMs]);
      }
    }
  }
  get(contextKey) {
    const path = this.pathFor(contextKey);
    const entry = this.readEntryFile(path);
    if (entry === void 0) {
      if (this.index.has(contextKey)) {
        this.dropRow(contextKey);
        this.removed.add(contextKey);
      }
      return { status: "absent" };
    }
    if (entry === "damaged" || entry.contextKey !== contextKey) {
      safeUnlink(path);
      this.dropRow(contextKey);
      this.removed.add(contextKey);
      return { status: "damaged" };
    }
    if (!this.index.has(contextKey)) {
      this.setRow(contextKey, [entry.source, entry.compiler, entry.flags, statSync3(path).size, Date.now()]);
    }
    return { status: "found", entry };
  }
  async put(entry) {
    const body = packr.pack(entry);
    const digest = createHash2("sha256").update(body).digest();
    const path = this.pathFor(entry.contextKey);
    const shard = entry.contextKey.slice(0, 2);
    if (!this.shards.has(shard)) {
      mkdirSync2(join4(this.entriesDir, shard), { recursive: true });
      this.shards.add(shard);
    }
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync2(tmp, Buffer.concat([MAGIC, digest, body]));
    renameSync2(tmp, path);
    this.removed.delete(entry.contextKey);
    this.setRow(entry.contextKey, [entry.source, entry.compiler, entry.flags, HEADER + body.length, Date.now()]);
    if (this.bytes > this.options.maxBytes) void this.flush();
  }
  touch(contextKey) {
    const row = this.index.get(contextKey);
    if (row) row[4] = Date.now();
  }
  entriesForSource(source) {
    const keys = this.bySource.get(source);
    if (!keys) return [];
    return [...keys].map((k) => {
      const r = this.index.get(k);
      return { contextKey: k, source: r[0], compiler: r[1], flags: r[2], size: r[3], lastUse: r[4] };
    });
  }
  totals() {
    return { entries: this.index.size, bytes: this.bytes };
  }
  flush() {
    const run = async () => this.flushNow();
    this.flushing = (this.flushing ?? Promise.resolve()).then(run, run);
    return this.flushing;
  }
  async flushNow() {
    mkdirSync2(this.root, { recursive: true });
    const release = await import_proper_lockfile.default.lock(this.root, {
      lockfilePath: join4(this.root, "index.lock"),
      stale: 3e4,
      retries: { retries: 200, minTimeout: 20, maxTimeout: 200 }
    });
    try {
      const disk = this.readIndexFile();
      if (disk) {
        for (const [k, row] of Object.entries(disk.entries)) {
          if (this.removed.has(k)) continue;
          const mine = this.index.get(k);
          if (!mine) {
            if (existsSync2(this.pathFor(k))) this.setRow(k, row);
          } else if (row[4] > mine[4]) mine[4] = row[4];
        }
      }
      this.removed.clear();
      this.evictIfOver();
      const file = { v: 1, entries: Object.fromEntries(this.index) };
      const tmp = `${this.indexPath}.${process.pid}.tmp`;
      writeFileSync2(tmp, packr.pack(file));
      renameSync2(tmp, this.indexPath);
    } finally {
      await release();
    }
  }
  /** Least recently used first, down to 90% of the limit. */
  evictIfOver() {
    if (this.bytes <= this.options.maxBytes) return;
    const target2 = this.options.maxBytes * 0.9;
    const byAge = [...this.index.entries()].sort((a, b) => a[1][4] - b[1][4]);
    for (const [key] of byAge) {
      if (this.bytes <= target2) break;
      safeUnlink(this.pathFor(key));
      this.dropRow(key);
    }
  }
  async close() {
    await this.flush();
  }
};
function safeReaddir(dir) {
  try {
    return readdirSync2(dir);
  } catch {
    return [];
  }
}
function safeUnlink(path) {
  try {
    unlinkSync(path);
  } catch {
  }
}

// server/cache/stats.ts
var StatsRecorder = class {
  compiles = 0;
  hits = 0;
  misses = 0;
  uncacheable = 0;
  errors = 0;
  timeSavedMs = 0;
  uncacheableReasons = /* @__PURE__ */ new Map();
  missReasons = /* @__PURE__ */ new Map();
  hitTimes = new Float64Array(1024);
  lookupTimes = new Float64Array(1024);
  hitCount = 0;
  record(outcome, reason) {
    this.compiles++;
    if (outcome === "hit") this.hits++;
    else if (outcome === "miss") {
      this.misses++;
      bump(this.missReasons, missCategory(reason ?? "new"));
    } else if (outcome === "uncacheable") {
      this.uncacheable++;
      bump(this.uncacheableReasons, reason ?? "unknown");
    } else this.errors++;
  }
  recordHit(serviceMs, lookupMs, savedMs) {
    this.timeSavedMs += savedMs;
    if (this.hitCount === this.hitTimes.length) {
      this.hitTimes = grow(this.hitTimes);
      this.lookupTimes = grow(this.lookupTimes);
    }
    this.lookupTimes[this.hitCount] = lookupMs;
    this.hitTimes[this.hitCount++] = serviceMs;
  }
  snapshot(totals) {
    const sorted = this.hitTimes.slice(0, this.hitCount).sort();
    const lookups = this.lookupTimes.slice(0, this.hitCount).sort();
    const cacheable = this.hits + this.misses;
    return {
      compiles: this.compiles,
      hits: this.hits,
      misses: this.misses,
      uncacheable: this.uncacheable,
      uncacheableReasons: Object.fromEntries(this.uncacheableReasons),
      errors: this.errors,
      hitRate: cacheable ? this.hits / cacheable : 0,
      timeSavedMs: Math.round(this.timeSavedMs),
      entries: totals.entries,
      bytes: totals.bytes,
      missReasons: Object.fromEntries(this.missReasons),
      hitServiceMs: { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) },
      hitLookupMs: { median: quantile(lookups, 0.5), p95: quantile(lookups, 0.95) }
    };
  }
};
function missCategory(reason) {
  const colon = reason.indexOf(":");
  return colon < 0 ? reason : reason.slice(0, colon);
}
function grow(a) {
  const bigger = new Float64Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
function bump(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}
function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

// server/cache/cacheService.ts
var RESULTS_PER_CONTEXT = 4;
var CacheService = class _CacheService {
  constructor(store, identities, pool) {
    this.store = store;
    this.identities = identities;
    this.pool = pool;
  }
  store;
  identities;
  pool;
  stats_ = new StatsRecorder();
  hasher = new FileHasher();
  inFlight = /* @__PURE__ */ new Set();
  /** Serializes writes to one context key within this process. */
  writeChains = /* @__PURE__ */ new Map();
  closed = false;
  static async start(config = {}) {
    const dir = resolve4(config.cacheDir ?? defaultCacheDir());
    const store = config.store ?? LocalStore.open({ dir, maxBytes: config.maxBytes ?? 2 * 1024 ** 3 });
    const identities = new CompilerIdentities(join5(dir, "v1", "compilers.msgpack"));
    return new _CacheService(store, identities, new CompilerPool(config.jobs ?? availableParallelism()));
  }
  compile(request) {
    if (this.closed) return Promise.reject(new Error("CacheService is shut down"));
    const p = this.compileTracked(request);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
    return p;
  }
  async compileTracked(req) {
    const started = performance.now();
    const env = req.env ?? process.env;
    let compilerPath;
    try {
      compilerPath = this.identities.resolveCompiler(req.compiler, req.cwd, env);
    } catch (e) {
      if (!(e instanceof CompilerNotFoundError)) throw e;
      return this.finish(await this.pool.run(req.compiler, req.args, req.cwd, env), "uncacheable", "compiler not found");
    }
    const parsed = parseCompile(req.args, req.cwd);
    if (parsed.kind === "uncacheable") {
      return this.finish(await this.pool.run(compilerPath, req.args, req.cwd, env), "uncacheable", parsed.reason);
    }
    let key;
    let lookup;
    try {
      key = this.keyFor(req, parsed, compilerPath);
      const pending = this.store.get(key.contextKey);
      lookup = this.lookup(key, pending instanceof Promise ? await pending : pending);
      if (lookup.hit) {
        const lookedUp = performance.now();
        this.materialize(key, lookup.hit);
        this.store.touch(key.contextKey);
        this.stats_.recordHit(performance.now() - started, lookedUp - started, lookup.hit.compileMs);
        const result = this.finish(
          { exitCode: 0, stdout: Buffer.from(lookup.hit.stdout), stderr: Buffer.from(lookup.hit.stderr), durationMs: 0 },
          "hit"
        );
        result.savedMs = lookup.hit.compileMs;
        return result;
      }
    } catch (e) {
      return this.finish(await this.pool.run(compilerPath, req.args, req.cwd, env), "error", describe(e));
    }
    return this.compileAndStore(key, lookup, compilerPath, env);
  }
  finish(r, outcome, reason) {
    this.stats_.record(outcome, reason);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome, ...reason ? { reason } : {} };
  }
  keyFor(req, parsed, compilerPath) {
    const paths = new PathNormalizer(parsed.debugInfo ? "/\0" : resolve4(req.workspaceRoot), req.cwd);
    const compiler = this.identities.identify(compilerPath);
    const flags = new KeyHasher("fbuild-flags-v1").fields(keyArguments(parsed, paths)).field(paths.normalize(req.cwd)).hex();
    const source = paths.normalize(parsed.source);
    const contextKey = new KeyHasher("fbuild-context-v1").field(compiler).field(parsed.language).field(flags).field(source).hex();
    return { contextKey, compiler, flags, source, parsed, paths, cwd: req.cwd, env: req.env };
  }
  /** Finds a stored result whose recorded files all still have their recorded content. */
  lookup(key, read2) {
    if (read2.status === "damaged") return { reason: "damaged entry" };
    if (read2.status === "absent") return { reason: this.explainNew(key) };
    const entry = read2.entry;
    let firstMismatch;
    for (const result of entry.results) {
      const changed = this.firstChangedFile(key, result);
      if (changed === void 0) return { hit: result, entry };
      firstMismatch ??= changed;
    }
    const reason = firstMismatch === void 0 || firstMismatch === key.source ? "source changed" : `header changed: ${firstMismatch.startsWith("$WS/") ? firstMismatch.slice(4) : firstMismatch}`;
    return { reason, entry };
  }
  firstChangedFile(key, result) {
    for (const [path, hash] of result.files) {
      const d = this.hasher.digest(key.paths.resolve(path));
      if (!d || d.hash !== hash) return path;
    }
    return void 0;
  }
  /** No entry for this context: compare with the closest entry for the same source. */
  explainNew(key) {
    const others = this.store.entriesForSource(key.source);
    if (others.length === 0) return "new";
    if (others.some((o) => o.flags === key.flags)) return "compiler changed";
    if (others.some((o) => o.compiler === key.compiler)) return "flags changed";
    return "compiler changed";
  }
  /**
   * Writes the outputs in place, as the compiler does. Not write-then-rename: renaming over an
   * existing file costs a synchronous unlink of the old inode (0.2 ms here, several times the write).
   */
  materialize(key, hit) {
    const { parsed, cwd } = key;
    writeFileSync3(resolve4(cwd, parsed.output), hit.object);
    if (parsed.depFile !== void 0 && hit.depfile) {
      writeFileSync3(resolve4(cwd, parsed.depFile), renderDepfile(hit.depfile, key));
    }
  }
  async compileAndStore(key, lookup, compilerPath, env) {
    const { parsed, cwd } = key;
    const ownDepfile = parsed.depFile === void 0 ? join5(tmpdir(), `fbuild-${process.pid}-${randomBytes2(6).toString("hex")}.d`) : void 0;
    const args = ownDepfile ? [...parsed.args, "-MD", "-MF", ownDepfile] : parsed.args;
    const depPath = ownDepfile ?? resolve4(cwd, parsed.depFile);
    const startedWall = performance.timeOrigin + performance.now();
    const run = await this.pool.run(compilerPath, args, cwd, env ?? process.env);
    try {
      if (run.exitCode !== 0) return this.finish(run, "uncacheable", "compile failed");
      const made = this.collectResult(key, run, depPath, startedWall);
      if (typeof made === "string") return this.finish(run, "uncacheable", made);
      try {
        await this.save(key, lookup.entry, made);
      } catch (e) {
        return this.finish(run, "error", `store: ${describe(e)}`);
      }
      return this.finish(run, "miss", lookup.reason ?? "new");
    } finally {
      if (ownDepfile) safeUnlink2(ownDepfile);
    }
  }
  /** Builds the cached result of a successful compile, or says why it cannot be cached. */
  collectResult(key, run, depPath, startedWall) {
    const { parsed, paths, cwd } = key;
    let object;
    try {
      object = readFileSync5(resolve4(cwd, parsed.output));
    } catch {
      return "compiler wrote no output";
    }
    let depText;
    try {
      depText = readFileSync5(depPath, "utf8");
    } catch {
      depText = void 0;
    }
    const dep = depText === void 0 ? void 0 : parseDepfile(depText);
    if (!dep && parsed.language !== "assembler") return "no dependency file";
    const sourceAbs = resolve4(cwd, parsed.source);
    const inputs = [sourceAbs];
    for (const d of dep?.deps ?? []) {
      const abs = resolve4(cwd, d);
      if (abs !== sourceAbs && !inputs.includes(abs)) inputs.push(abs);
    }
    const files = [];
    for (const abs of inputs) {
      const digest = this.hasher.digest(abs);
      if (!digest) return "an input file could not be read";
      if (digest.usesClock) return `__DATE__ or __TIME__ used (${paths.normalize(abs).replace(/^\$WS\//, "")})`;
      if (digest.ctimeMs >= startedWall) return "input modified during compile";
      files.push([paths.normalize(abs), digest.hash]);
    }
    let depfile;
    if (parsed.depFile !== void 0 && depText !== void 0 && dep) {
      const regenerated = formatDepfile(depTargets(parsed), dep.deps, dep.phony);
      depfile = regenerated === depText ? { kind: "deps", deps: dep.deps.map((d) => normalizeDepPath(d, paths)), phony: dep.phony } : { kind: "raw", text: depText.split(paths.workspaceRoot + "/").join("$WS/"), target: depTargets(parsed).join(" ") };
    }
    const resultKey = new KeyHasher("fbuild-result-v1").field(key.contextKey).fields(files.flat()).hex();
    return {
      resultKey,
      files,
      object,
      ...depfile ? { depfile } : {},
      stdout: run.stdout,
      stderr: run.stderr,
      compileMs: Math.round(run.durationMs * 1e3) / 1e3,
      createdAt: Date.now()
    };
  }
  async save(key, previous, result) {
    const prior = this.writeChains.get(key.contextKey) ?? Promise.resolve();
    const write = prior.then(async () => {
      const current = await Promise.resolve(this.store.get(key.contextKey));
      const base = current.status === "found" ? current.entry : previous;
      const results = [result, ...(base?.results ?? []).filter((r) => r.resultKey !== result.resultKey)].slice(0, RESULTS_PER_CONTEXT);
      await this.store.put({ contextKey: key.contextKey, source: key.source, compiler: key.compiler, flags: key.flags, results });
    });
    const settled = write.catch(() => void 0);
    this.writeChains.set(key.contextKey, settled);
    void settled.then(() => {
      if (this.writeChains.get(key.contextKey) === settled) this.writeChains.delete(key.contextKey);
    });
    return write;
  }
  /**
   * Runs a sequence of commands (link, objcopy, size) as one cached unit, keyed by the content of
   * its input files: the link of a firmware whose objects did not change is a hit.
   */
  async link(req) {
    if (this.closed) throw new Error("CacheService is shut down");
    const started = performance.now();
    const env = req.env ?? process.env;
    const paths = new PathNormalizer(resolve4(req.workspaceRoot), req.cwd);
    const label = req.label.split(paths.workspaceRoot + "/").join("");
    let key;
    let flags;
    let commands;
    let identities;
    try {
      commands = req.steps.map((s) => this.identities.resolveCompiler(s.command, req.cwd, env));
      identities = commands.map((c) => this.identities.identify(c));
      flags = stepsFlagsKey(label, identities, stepKeyArgs(req, paths), paths.normalize(req.cwd));
      const h = new KeyHasher("fbuild-steps-v1").field(flags);
      for (const input of req.inputs) {
        const d = this.hasher.digest(resolve4(req.cwd, input));
        if (!d) throw new Error(`link input missing: ${input}`);
        h.field(d.hash);
      }
      key = h.hex();
    } catch (e) {
      if (e instanceof CompilerNotFoundError) return this.runSteps(req, env, "uncacheable", "compiler not found");
      return this.runSteps(req, env, "error", describe(e));
    }
    const pending = this.store.get(key);
    const read2 = pending instanceof Promise ? await pending : pending;
    const stored = read2.status === "found" ? read2.entry.results[0] : void 0;
    if (stored?.extras) {
      const extras = stored.extras;
      const complete = req.outputs.every((o) => extras[`out:${paths.normalize(resolve4(req.cwd, o))}`]);
      if (complete) {
        for (const o of req.outputs) writeFileSync3(resolve4(req.cwd, o), extras[`out:${paths.normalize(resolve4(req.cwd, o))}`]);
        this.store.touch(key);
        this.stats_.recordHit(performance.now() - started, performance.now() - started, stored.compileMs);
        this.stats_.record("hit", void 0);
        return {
          exitCode: 0,
          stdout: req.steps.map((_, i) => Buffer.from(extras[`stdout:${i}`] ?? new Uint8Array())),
          stderr: Buffer.from(stored.stderr),
          outcome: "hit",
          savedMs: stored.compileMs
        };
      }
    }
    const reason = read2.status === "damaged" ? "damaged entry" : (() => {
      const others = this.store.entriesForSource(`$STEPS:${label}`);
      if (others.length === 0) return "new";
      return others.some((o) => o.flags === flags) ? "objects changed" : "flags changed";
    })();
    const t0 = performance.now();
    const result = await this.runSteps(req, env);
    if (result.exitCode !== 0) return this.countSteps(result, "uncacheable", "link failed");
    try {
      const extras = {};
      for (const o of req.outputs) extras[`out:${paths.normalize(resolve4(req.cwd, o))}`] = readFileSync5(resolve4(req.cwd, o));
      result.stdout.forEach((b, i) => extras[`stdout:${i}`] = b);
      await this.store.put({
        contextKey: key,
        source: `$STEPS:${label}`,
        compiler: identities[0] ?? "",
        flags,
        results: [
          {
            resultKey: key,
            files: [],
            object: new Uint8Array(),
            stdout: new Uint8Array(),
            stderr: result.stderr,
            compileMs: performance.now() - t0,
            createdAt: Date.now(),
            extras
          }
        ]
      });
    } catch (e) {
      return this.countSteps(result, "error", `store: ${describe(e)}`);
    }
    return this.countSteps(result, "miss", reason);
  }
  async runSteps(req, env, outcome, reason) {
    const result = { ...await runStepSequence(this.pool, req, env), outcome: outcome ?? "miss" };
    return outcome ? this.countSteps(result, outcome, reason) : result;
  }
  countSteps(r, outcome, reason) {
    this.stats_.record(outcome, reason);
    return { ...r, outcome, ...reason ? { reason } : {} };
  }
  stats() {
    return this.stats_.snapshot(this.store.totals());
  }
  async flush() {
    await this.store.flush();
    this.identities.save();
  }
  /** graceful: lets compiles in flight finish, then flushes. force: kills running compilers first. */
  async shutdown(mode = "graceful") {
    if (this.closed) return;
    this.closed = true;
    if (mode === "force") this.pool.killAll();
    await Promise.allSettled([...this.inFlight]);
    await this.store.close();
    this.identities.save();
  }
};
function depTargets(parsed) {
  return parsed.depTargets.map((t) => t.quoted ? makeQuote(t.value) : t.value);
}
function normalizeDepPath(dep, paths) {
  return dep.startsWith("/") ? paths.normalize(dep) : dep;
}
function renderDepfile(stored, key) {
  if (stored.kind === "deps") {
    return formatDepfile(depTargets(key.parsed), stored.deps.map((d) => key.paths.resolve(d)), stored.phony);
  }
  let text = stored.text.split("$WS/").join(key.paths.workspaceRoot + "/");
  const target2 = depTargets(key.parsed).join(" ");
  if (stored.target !== target2 && text.startsWith(stored.target)) text = target2 + text.slice(stored.target.length);
  return text;
}
function safeUnlink2(path) {
  try {
    unlinkSync2(path);
  } catch {
  }
}
function describe(e) {
  return e instanceof Error ? e.message : String(e);
}

// src/cli/workspace.ts
import { existsSync as existsSync3 } from "node:fs";
import { dirname as dirname2, join as join6, resolve as resolve5 } from "node:path";
function findWorkspaceRoot(cwd, env = process.env) {
  if (env.FBUILD_WORKSPACE) return resolve5(env.FBUILD_WORKSPACE);
  const gh = env.GITHUB_WORKSPACE ? resolve5(env.GITHUB_WORKSPACE) : void 0;
  if (gh && (cwd === gh || cwd.startsWith(gh + "/"))) return gh;
  for (let dir = resolve5(cwd); ; dir = dirname2(dir)) {
    if (existsSync3(join6(dir, ".git")) || existsSync3(join6(dir, "platformio.ini"))) return dir;
    if (dirname2(dir) === dir) return resolve5(cwd);
  }
}

// src/cli/cc.ts
async function runCc(argv) {
  const [compiler, ...args] = argv;
  if (!compiler) throw usage("fbuild cc", "missing compiler; usage: fbuild cc COMPILER ARGS... (e.g. fbuild cc avr-gcc -c x.c -o x.o)");
  const cwd = process.cwd();
  const service = await CacheService.start({ cacheDir: process.env.FBUILD_CACHE_DIR, jobs: 1 });
  try {
    const r = await service.compile({ compiler, args, cwd, workspaceRoot: findWorkspaceRoot(cwd) });
    process.stdout.write(r.stdout);
    process.stderr.write(r.stderr);
    if (process.env.FBUILD_CC_VERBOSE) {
      process.stderr.write(`fbuild cc: ${r.outcome}${r.reason ? ` (${r.reason})` : ""}
`);
    }
    return r.exitCode;
  } finally {
    await service.shutdown("graceful");
  }
}

// src/cli/build.ts
import { resolve as resolve10 } from "node:path";
import { parseArgs } from "node:util";

// server/build/directBackend.ts
import { availableParallelism as availableParallelism2 } from "node:os";
var DirectBackend = class {
  pool;
  constructor(jobs = availableParallelism2()) {
    this.pool = new CompilerPool(jobs);
  }
  async compile(req) {
    const r = await this.pool.run(req.compiler, req.args, req.cwd, req.env ?? process.env);
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, outcome: "uncacheable", reason: "cache disabled" };
  }
  async link(req) {
    const r = await runStepSequence(this.pool, req, req.env ?? process.env);
    return { ...r, outcome: "uncacheable", reason: "cache disabled" };
  }
};

// server/build/orchestrator.ts
import { existsSync as existsSync7, mkdirSync as mkdirSync3, readFileSync as readFileSync9, writeFileSync as writeFileSync5 } from "node:fs";
import { basename as basename4, dirname as dirname4, join as join12, relative as relative3, resolve as resolve8, sep as sep3 } from "node:path";

// server/build/boards.ts
var BOARDS = {
  uno: {
    id: "uno",
    name: "Arduino Uno",
    platform: "atmelavr",
    mcu: "atmega328p",
    fCpu: "16000000L",
    boardDefine: "ARDUINO_AVR_UNO",
    core: "arduino",
    variant: "standard",
    flashMax: 32256,
    ramMax: 2048
  }
};
function findBoard(id) {
  return BOARDS[id];
}
function knownBoards() {
  return Object.keys(BOARDS);
}

// server/build/platformioIni.ts
import { readFileSync as readFileSync6, statSync as statSync4 } from "node:fs";
import { homedir as homedir2 } from "node:os";
import { basename as basename2, dirname as dirname3, join as join7, resolve as resolve6 } from "node:path";
var ProjectConfigError = class extends UserError {
  constructor(message) {
    super(message, 2);
    this.name = "ProjectConfigError";
  }
};
var KNOWN_ENV_KEYS = /* @__PURE__ */ new Set([
  "platform",
  "board",
  "framework",
  "build_flags",
  "build_unflags",
  "build_src_filter",
  "src_filter",
  "lib_deps",
  "lib_ignore",
  "lib_extra_dirs",
  "lib_ldf_mode",
  "extends",
  "monitor_speed",
  "upload_port",
  "upload_speed",
  "upload_protocol",
  "board_build.f_cpu",
  "board_build.mcu",
  "build_type",
  "test_framework",
  "test_build_src",
  "check_tool",
  "platform_packages",
  "monitor_filters",
  "debug_tool"
]);
var INI_NAME = "platformio.ini";
function readProjectConfig(projectDir, sysenv = process.env) {
  const given = resolve6(projectDir);
  let isFile = false;
  try {
    isFile = statSync4(given).isFile();
  } catch {
  }
  const file = isFile ? given : join7(given, INI_NAME);
  let text;
  try {
    text = readFileSync6(file, "utf8");
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") {
      throw new ProjectConfigError(
        `no ${INI_NAME} in ${given}; run fbuild in a PlatformIO project directory or pass its path`
      );
    }
    throw new ProjectConfigError(`cannot read ${file}: ${err.message}; check its permissions`);
  }
  return parseProjectConfig(text, file, sysenv);
}
function parseProjectConfig(text, path, sysenv = process.env) {
  const absPath = resolve6(path);
  const ini = new Ini(parseIni(text, basename2(absPath)), absPath, sysenv);
  const envNames = [...ini.sections.keys()].filter((s) => s.startsWith("env:")).map((s) => s.slice(4));
  const defaultEnvs = splitList(ini.valueOf(void 0, "platformio", "default_envs", []) ?? "");
  const cache = /* @__PURE__ */ new Map();
  return {
    path: absPath,
    defaultEnvs,
    envNames,
    env(name) {
      const cached = cache.get(name);
      if (cached) return cached;
      if (!envNames.includes(name)) {
        const known = envNames.length > 0 ? envNames.join(", ") : "(none)";
        throw new ProjectConfigError(`unknown environment '${name}' in ${ini.fileName}; known: ${known}`);
      }
      const env = ini.buildEnv(name);
      cache.set(name, env);
      return env;
    }
  };
}
var KEYISH = /^[A-Za-z_][\w.\-]*$/;
function parseIni(text, fileName) {
  const sections = /* @__PURE__ */ new Map();
  const fail = (line, msg) => {
    throw new ProjectConfigError(`${fileName}:${line}: ${msg}`);
  };
  let section;
  let entry;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === "" || trimmed.startsWith(";") || trimmed.startsWith("#")) continue;
    const content = stripInlineComment(raw).trim();
    const indented = /^[ \t]/.test(raw);
    if (indented && entry) {
      if (content !== "") entry.lines.push(content);
      continue;
    }
    if (content.startsWith("[")) {
      if (!content.endsWith("]")) fail(lineNo, `malformed section header '${content}'; write it as [name]`);
      const name = content.slice(1, -1).trim();
      if (name === "" || name === "env:") fail(lineNo, `empty section name in '${content}'; name the section`);
      const prev = sections.get(name);
      if (prev) fail(lineNo, `duplicate section [${name}] (first on line ${prev.line}); merge the two sections`);
      section = { name, line: lineNo, entries: /* @__PURE__ */ new Map() };
      sections.set(name, section);
      entry = void 0;
      continue;
    }
    const eq = content.indexOf("=");
    const key = eq >= 0 ? content.slice(0, eq).trim() : "";
    if (key !== "" && (!indented || KEYISH.test(key))) {
      if (!section) return fail(lineNo, `key '${key}' outside any section; put it under a [section] header`);
      const prev = section.entries.get(key);
      if (prev) {
        fail(lineNo, `duplicate key '${key}' in [${section.name}] (first on line ${prev.line}); keep only one`);
      }
      const value = content.slice(eq + 1).trim();
      entry = { key, line: lineNo, lines: value === "" ? [] : [value] };
      section.entries.set(key, entry);
      continue;
    }
    if (indented) {
      fail(lineNo, `continuation line '${content}' before any key; put it under a 'key =' line or remove the indentation`);
    }
    fail(lineNo, `cannot parse '${content}'; expected [section], key = value, an indented continuation line or a ; comment`);
  }
  return { fileName, sections };
}
function stripInlineComment(line) {
  const m = /\s;/.exec(line);
  return m ? line.slice(0, m.index) : line;
}
var REFERENCE = /\$\{([^}]*)\}/g;
var Ini = class {
  constructor(parsed, path, sysenv) {
    this.sysenv = sysenv;
    this.fileName = parsed.fileName;
    this.sections = parsed.sections;
    this.projectDir = dirname3(path);
  }
  sysenv;
  fileName;
  sections;
  projectDir;
  chains = /* @__PURE__ */ new Map();
  values = /* @__PURE__ */ new Map();
  fail(line, msg) {
    throw new ProjectConfigError(`${this.fileName}:${line}: ${msg}`);
  }
  /**
   * The sections a key is looked up in, in order: the section itself, then what it extends
   * (depth first, in the order written), then, for `[env:NAME]`, the `[env]` base and what it extends.
   */
  chainOf(root) {
    const cached = this.chains.get(root);
    if (cached) return cached;
    const order = [];
    const visit = (name, path) => {
      if (path.includes(name)) {
        const from = path[path.length - 1];
        const line = this.sections.get(from).entries.get("extends").line;
        const loop = [...path.slice(path.indexOf(name)), name].join(" -> ");
        this.fail(line, `extends cycle ${loop}; remove one of these extends`);
      }
      if (order.includes(name)) return;
      const section = this.sections.get(name);
      if (!section) return;
      order.push(name);
      const ext = section.entries.get("extends");
      if (!ext) return;
      for (const target2 of splitList(ext.lines.join("\n"))) {
        if (!this.sections.has(target2)) {
          const hint = this.sections.has(`env:${target2}`) ? `did you mean 'env:${target2}'?` : `define [${target2}] or fix extends`;
          this.fail(ext.line, `[${name}] extends unknown section '${target2}'; ${hint}`);
        }
        visit(target2, [...path, name]);
      }
    };
    visit(root, []);
    if (root.startsWith("env:")) visit("env", []);
    this.chains.set(root, order);
    return order;
  }
  lookup(root, key) {
    for (const section of this.chainOf(root)) {
      const entry = this.sections.get(section).entries.get(key);
      if (entry) return { section, entry };
    }
    return void 0;
  }
  /**
   * The interpolated value of `key` looked up from `root`, lines joined by '\n'; undefined when
   * no section of the chain has it. `ctx` is the environment `${this.*}` refers to.
   */
  valueOf(ctx, root, key, stack) {
    const id = `${ctx ?? ""}\0${root}\0${key}`;
    if (this.values.has(id)) return this.values.get(id);
    const label = `\${${root}.${key}}`;
    const at = stack.findIndex((f) => f.id === id);
    if (at >= 0) {
      const loop = [...stack.slice(at).map((f) => f.label), label].join(" -> ");
      this.fail(stack[stack.length - 1].line, `interpolation cycle ${loop}; remove one of these references`);
    }
    const found = this.lookup(root, key);
    let value;
    if (found) {
      const frames = [...stack, { id, label, line: found.entry.line }];
      value = this.interpolate(found.entry.lines.join("\n"), ctx, found.entry, frames);
    } else if (root === "platformio") {
      value = this.platformioDefault(key, [...stack, { id, label, line: stack[stack.length - 1]?.line ?? 0 }]);
    }
    this.values.set(id, value);
    return value;
  }
  interpolate(text, ctx, origin, stack) {
    if (!text.includes("${")) return text;
    return text.replace(REFERENCE, (whole, inner) => {
      const dot = inner.indexOf(".");
      if (dot < 0) {
        return inner === "PROJECT_DIR" ? this.projectDir : whole;
      }
      const section = inner.slice(0, dot);
      const key = inner.slice(dot + 1);
      if (section === "" || key === "") {
        this.fail(origin.line, `malformed reference ${whole}; write it as \${section.key}`);
      }
      if (section === "sysenv") return this.sysenv[key] ?? "";
      let root;
      let nextCtx = ctx;
      if (section === "this") {
        if (ctx === void 0) {
          this.fail(origin.line, `${whole} used outside an environment; \${this.*} only works in values an [env:NAME] uses`);
        }
        if (key === "__env__") return ctx;
        root = `env:${ctx}`;
      } else if (section === "platformio") {
        root = "platformio";
        nextCtx = void 0;
      } else {
        if (!this.sections.has(section)) {
          this.fail(origin.line, `unknown section '${section}' in ${whole}; define [${section}] or fix the reference`);
        }
        root = section;
        if (section.startsWith("env:")) nextCtx = section.slice(4);
      }
      const value = this.valueOf(nextCtx, root, key, stack);
      if (value === void 0) {
        const where = section === "this" ? `environment '${ctx}'` : `[${section}]`;
        const fix = section === "this" ? `set ${key} for that environment` : `define ${key} in [${section}]`;
        this.fail(origin.line, `unknown option '${key}' of ${where} in ${whole}; ${fix} or fix the reference`);
      }
      return value;
    });
  }
  /** PlatformIO's defaults for the `[platformio]` directory options, for `${platformio.*_dir}`. */
  platformioDefault(key, stack) {
    const dir = (name) => this.valueOf(void 0, "platformio", name, stack);
    switch (key) {
      case "core_dir":
        return this.sysenv.PLATFORMIO_CORE_DIR || join7(this.sysenv.HOME || this.sysenv.USERPROFILE || homedir2(), ".platformio");
      case "packages_dir":
        return join7(dir("core_dir"), "packages");
      case "platforms_dir":
        return join7(dir("core_dir"), "platforms");
      case "globallib_dir":
        return join7(dir("core_dir"), "lib");
      case "cache_dir":
        return join7(dir("core_dir"), ".cache");
      case "workspace_dir":
        return join7(this.projectDir, ".pio");
      case "build_dir":
        return join7(dir("workspace_dir"), "build");
      case "libdeps_dir":
        return join7(dir("workspace_dir"), "libdeps");
      case "include_dir":
      case "src_dir":
      case "lib_dir":
      case "data_dir":
      case "test_dir":
      case "boards_dir":
      case "monitor_dir":
      case "shared_dir":
        return join7(this.projectDir, key.slice(0, -"_dir".length));
      default:
        return void 0;
    }
  }
  buildEnv(name) {
    const root = `env:${name}`;
    const keys = [];
    for (const section of this.chainOf(root)) {
      for (const key of this.sections.get(section).entries.keys()) {
        if (!keys.includes(key)) keys.push(key);
      }
    }
    const raw = Object.fromEntries(
      keys.map((key) => [key, toItems(this.valueOf(name, root, key, []) ?? "")])
    );
    const lineOf = (key) => this.lookup(root, key)?.entry.line ?? 0;
    const scalar = (key) => {
      const items = raw[key];
      return items && items.length > 0 ? items.join(", ") : void 0;
    };
    const list = (key) => (raw[key] ?? []).flatMap(splitList);
    const buildFlags = [];
    for (const item of raw.build_flags ?? []) {
      const words = shellWords(item);
      if (words === void 0) {
        this.fail(lineOf("build_flags"), `unterminated quote in build_flags item '${item}'; close the quote or escape it with \\`);
      }
      buildFlags.push(...words);
    }
    const filterKey = raw.build_src_filter !== void 0 ? "build_src_filter" : "src_filter";
    const buildSrcFilter = [];
    for (const item of raw[filterKey] ?? []) {
      const tokens = filterTokens(item);
      if (typeof tokens === "string") {
        this.fail(lineOf(filterKey), `${filterKey} item '${tokens}' is not a +<pattern> or -<pattern>; write it as +<${tokens}> or -<${tokens}>`);
      }
      buildSrcFilter.push(...tokens);
    }
    const env = {
      name,
      buildFlags,
      buildSrcFilter,
      libDeps: raw.lib_deps ? raw.lib_deps.flatMap(splitLibDeps) : [],
      libIgnore: list("lib_ignore"),
      raw,
      unknownKeys: keys.filter((k) => !KNOWN_ENV_KEYS.has(k))
    };
    const platform = scalar("platform");
    const board = scalar("board");
    const framework = scalar("framework");
    if (platform !== void 0) env.platform = platform;
    if (board !== void 0) env.board = board;
    if (framework !== void 0) env.framework = framework;
    return env;
  }
};
function toItems(value) {
  return value.split("\n").map((s) => s.trim()).filter((s) => s !== "");
}
function splitList(value) {
  return value.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}
function splitLibDeps(item) {
  return item.split(/,(?!\s*[<>=!~^*\d])/).map((s) => s.trim()).filter((s) => s !== "");
}
function shellWords(item) {
  const words = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < item.length) {
    const c = item[i];
    if (c === " " || c === "	" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      i++;
    } else if (c === "'") {
      const end = item.indexOf("'", i + 1);
      if (end < 0) return void 0;
      word += item.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      inWord = true;
      i++;
      for (; ; ) {
        if (i >= item.length) return void 0;
        const d = item[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\" && i + 1 < item.length && '"\\$`'.includes(item[i + 1])) {
          word += item[i + 1];
          i += 2;
        } else {
          word += d;
          i++;
        }
      }
    } else if (c === "\\" && i + 1 < item.length) {
      word += item[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
function filterTokens(item) {
  const tokens = [];
  const re = /([+-])<([^>]*)>/g;
  let last = 0;
  for (let m = re.exec(item); m; m = re.exec(item)) {
    const between = item.slice(last, m.index).trim();
    if (between !== "") return between;
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  const rest = item.slice(last).trim();
  return rest === "" ? tokens : rest;
}

// server/build/inoToCpp.ts
var ONCE_MACRO = "INO_TO_CPP_PROTOTYPES_EMITTED";
function sketchName(path) {
  const base = path.split(/[\\/]/).pop() ?? path;
  return base.replace(/\.(ino|pde)$/i, "");
}
function quotePath(path) {
  return `"${path.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ")}"`;
}
var isIdentChar = (c) => c !== void 0 && (/[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) > 127);
var isSpace = (c) => c === " " || c === "	" || c === "\r" || c === "\n" || c === "\f" || c === "\v";
function scan(text) {
  const n = text.length;
  const code = text.split("");
  const skel = text.split("");
  const directives = [];
  const blank = (from, to) => {
    for (let k = from; k < to; k++) {
      if (text[k] !== "\n") {
        code[k] = " ";
        skel[k] = " ";
      }
    }
  };
  const hide = (from, to) => {
    for (let k = from; k < to; k++) skel[k] = "_";
  };
  const spliced = (k) => {
    let p = k - 1;
    if (text[p] === "\r") p--;
    return text[p] === "\\";
  };
  const lineCommentEnd = (i2) => {
    let j = i2 + 2;
    while (j < n) {
      if (text[j] === "\n" && !spliced(j)) break;
      j++;
    }
    return j;
  };
  const blockCommentEnd = (i2) => {
    const j = text.indexOf("*/", i2 + 2);
    return j < 0 ? n : j + 2;
  };
  const quotedEnd = (i2, quote) => {
    let j = i2 + 1;
    while (j < n) {
      const c = text[j];
      if (c === "\\") j += 2;
      else if (c === quote) return j + 1;
      else if (c === "\n") return j;
      else j++;
    }
    return n;
  };
  const rawEnd = (i2) => {
    const open = text.indexOf("(", i2 + 1);
    if (open < 0 || open - i2 - 1 > 16) return -1;
    const delim = text.slice(i2 + 1, open);
    if (/[\s\\()"]/.test(delim)) return -1;
    const close = text.indexOf(`)${delim}"`, open + 1);
    return close < 0 ? n : close + delim.length + 2;
  };
  const directiveEnd = (i2) => {
    let j = i2 + 1;
    let body = "#";
    while (j < n) {
      const c = text[j];
      if (c === "\\" && (text[j + 1] === "\n" || text[j + 1] === "\r" && text[j + 2] === "\n")) {
        j += text[j + 1] === "\n" ? 2 : 3;
        body += " ";
      } else if (c === "\n") {
        break;
      } else if (c === "/" && text[j + 1] === "/") {
        j = lineCommentEnd(j);
      } else if (c === "/" && text[j + 1] === "*") {
        j = blockCommentEnd(j);
        body += " ";
      } else if (c === '"' || c === "'") {
        const e = quotedEnd(j, c);
        body += text.slice(j, e);
        j = e;
      } else {
        body += c;
        j++;
      }
    }
    return { end: j, body: body.replace(/\s+/g, " ").trim() };
  };
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      lineStart = true;
      i++;
    } else if (isSpace(c)) {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      const e = lineCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === "/" && text[i + 1] === "*") {
      const e = blockCommentEnd(i);
      blank(i, e);
      i = e;
    } else if (c === "#" && lineStart) {
      const { end, body } = directiveEnd(i);
      const kind = /^#\s*([A-Za-z_]\w*)/.exec(body)?.[1] ?? "";
      directives.push({ start: i, end, text: body, kind });
      blank(i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      lineStart = false;
      const e = quotedEnd(i, c);
      hide(i + 1, Math.max(i + 1, text[e - 1] === c && e - 1 > i ? e - 1 : e));
      i = e;
    } else if (/[0-9]/.test(c) || c === "." && /[0-9]/.test(text[i + 1] ?? "")) {
      lineStart = false;
      let j = i + 1;
      while (j < n) {
        const d = text[j];
        if (isIdentChar(d) || d === ".") j++;
        else if ((d === "+" || d === "-") && /[eEpP]/.test(text[j - 1])) j++;
        else if (d === "'" && isIdentChar(text[j + 1])) j += 2;
        else break;
      }
      i = j;
    } else if (isIdentChar(c)) {
      lineStart = false;
      let j = i + 1;
      while (j < n && isIdentChar(text[j])) j++;
      const word = text.slice(i, j);
      const next = text[j];
      if (next === '"' && /^(u8|u|U|L)?R$/.test(word)) {
        const e = rawEnd(j);
        if (e >= 0) {
          hide(j + 1, Math.max(j + 1, e - 1));
          i = e;
          continue;
        }
      }
      i = j;
    } else {
      lineStart = false;
      i++;
    }
  }
  return { text, code: code.join(""), skel: skel.join(""), directives };
}
var PUNCT2 = ["::", "->", "&&", "||", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "|=", "&=", "^=", "%=", "++", "--"];
function tokenize(skel, from, to) {
  const toks = [];
  let i = from;
  while (i < to) {
    const c = skel[i];
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let kind = "punct";
    if (c === '"' || c === "'") {
      kind = "string";
      while (j < to && skel[j] === "_") j++;
      if (j < to && skel[j] === c) j++;
    } else if (/[0-9]/.test(c)) {
      kind = "number";
      while (j < to && (isIdentChar(skel[j]) || skel[j] === ".")) j++;
    } else if (isIdentChar(c)) {
      kind = "ident";
      while (j < to && isIdentChar(skel[j])) j++;
      if (j < to && (skel[j] === '"' || skel[j] === "'") && /^(u8|u|U|L)?R?$/.test(skel.slice(i, j))) {
        i = j;
        continue;
      }
    } else if (c === "." && skel.slice(i, i + 3) === "...") {
      j = i + 3;
    } else if (PUNCT2.includes(skel.slice(i, i + 2))) {
      j = i + 2;
    }
    toks.push({ kind, text: skel.slice(i, j), start: i, end: j });
    i = j;
  }
  return toks;
}
function matchForward(t, i) {
  const open = t[i].text;
  const close = open === "(" ? ")" : open === "<" ? ">" : "]";
  let depth = 0;
  let paren = 0;
  for (let k = i; k < t.length; k++) {
    const x = t[k].text;
    if (open === "<" && (x === "(" || x === "[")) paren++;
    else if (open === "<" && (x === ")" || x === "]")) paren--;
    else if (open === "<" && paren > 0) continue;
    else if (x === open) depth++;
    else if (x === close && --depth === 0) return k;
  }
  return -1;
}
function matchBackward(t, i) {
  const close = t[i].text;
  const open = close === ")" ? "(" : close === ">" ? "<" : "[";
  let depth = 0;
  for (let k = i; k >= 0; k--) {
    const x = t[k].text;
    if (x === close) depth++;
    else if (x === open && --depth === 0) return k;
  }
  return -1;
}
var CONTROL = /* @__PURE__ */ new Set(["if", "while", "for", "switch", "catch", "return", "sizeof", "do", "else", "alignof", "decltype", "static_assert", "defined"]);
var SPECIFIERS = /* @__PURE__ */ new Set([
  "static",
  "inline",
  "extern",
  "constexpr",
  "virtual",
  "explicit",
  "friend",
  "register",
  "thread_local",
  "mutable",
  "__inline",
  "__inline__",
  "__extension__"
]);
var NOT_IN_TYPE = /* @__PURE__ */ new Set([
  "return",
  "else",
  "do",
  "typedef",
  "using",
  "goto",
  "case",
  "default",
  "if",
  "while",
  "for",
  "switch",
  "catch",
  "try",
  "throw",
  "new",
  "delete",
  "sizeof",
  "namespace",
  "template",
  "operator",
  "public",
  "private",
  "protected",
  "asm",
  "__asm__",
  "static_assert",
  "this",
  "true",
  "false",
  "nullptr",
  "break",
  "continue"
]);
var PAREN_ATTRS = /* @__PURE__ */ new Set(["__attribute__", "__attribute", "decltype", "alignas", "__declspec", "__typeof__", "typeof"]);
function checkType(t) {
  const bad = { ok: false, hasType: false, isAuto: false };
  let hasType = false;
  let isAuto = false;
  let i = 0;
  while (i < t.length) {
    const tok = t[i];
    if (tok.kind === "ident") {
      if (NOT_IN_TYPE.has(tok.text)) return bad;
      if (PAREN_ATTRS.has(tok.text)) {
        if (t[i + 1]?.text !== "(") return bad;
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        if (tok.text === "decltype" || tok.text === "typeof" || tok.text === "__typeof__") hasType = true;
        i = e + 1;
        continue;
      }
      if (!SPECIFIERS.has(tok.text)) hasType = true;
      if (tok.text === "auto") isAuto = true;
      if (t[i + 1]?.text === "<") {
        const e = matchForward(t, i + 1);
        if (e < 0) return bad;
        i = e + 1;
        continue;
      }
      i++;
    } else if (tok.kind === "string") {
      if (t[i - 1]?.text !== "extern") return bad;
      i++;
    } else if (tok.text === "*" || tok.text === "&" || tok.text === "&&" || tok.text === "::") {
      i++;
    } else if (tok.text === "[" && t[i + 1]?.text === "[") {
      const e = matchForward(t, i);
      if (e < 0) return bad;
      i = e + 1;
    } else {
      return bad;
    }
  }
  return { ok: true, hasType, isAuto };
}
function classify(t) {
  if (t.length === 0) return null;
  let i0 = 0;
  let template = false;
  while (t[i0]?.text === "template") {
    if (t[i0 + 1]?.text !== "<") return null;
    const e = matchForward(t, i0 + 1);
    if (e < 0) return null;
    i0 = e + 1;
    template = true;
  }
  let core = t.slice(i0);
  const noProto = (reason, name2, paramCount2 = 0) => ({
    kind: "def",
    name: name2,
    paramCount: paramCount2,
    protoOk: false,
    reason,
    hasDefault: false,
    identifiers: []
  });
  if (core.some((x) => x.text === "operator")) {
    return core.some((x) => x.text === "(") ? noProto("operator", "operator") : null;
  }
  let trailing = [];
  {
    let depth = 0;
    for (let k2 = 0; k2 < core.length; k2++) {
      const x = core[k2].text;
      if (x === "(" || x === "[") depth++;
      else if (x === ")" || x === "]") depth--;
      else if (x === "->" && depth === 0) {
        trailing = core.slice(k2 + 1);
        core = core.slice(0, k2);
        break;
      }
    }
  }
  let ctorInit = false;
  {
    let depth = 0;
    for (let k2 = 0; k2 < core.length; k2++) {
      const x = core[k2].text;
      if (x === "(" || x === "[" || x === "<") depth++;
      else if (x === ")" || x === "]" || x === ">") depth--;
      else if (x === ":" && depth === 0) {
        if (core[k2 - 1]?.text !== ")") return null;
        core = core.slice(0, k2);
        ctorInit = true;
        break;
      }
    }
  }
  let end = core.length - 1;
  let open = -1;
  while (end >= 0) {
    const x = core[end];
    if (x.kind === "ident" && ["const", "volatile", "noexcept", "override", "final"].includes(x.text)) {
      end--;
    } else if (x.text === "&" || x.text === "&&") {
      end--;
    } else if (x.text === "]" && core[end - 1]?.text === "]") {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      end = s - 1;
    } else if (x.text === ")") {
      const s = matchBackward(core, end);
      if (s < 0) return null;
      const before = core[s - 1]?.text;
      if (before === "noexcept" || before === "throw" || before === "__attribute__" || before === "__attribute") {
        end = s - 2;
      } else {
        open = s;
        break;
      }
    } else {
      return null;
    }
  }
  if (open < 0) return null;
  const close = end;
  let k = open - 1;
  const nameTok = core[k];
  if (!nameTok || nameTok.kind !== "ident") return null;
  if (CONTROL.has(nameTok.text) || NOT_IN_TYPE.has(nameTok.text) || SPECIFIERS.has(nameTok.text)) return null;
  let qualified = false;
  k--;
  if (core[k]?.text === "~") k--;
  while (core[k]?.text === "::") {
    qualified = true;
    k--;
    if (core[k]?.text === ">") {
      const s = matchBackward(core, k);
      if (s < 0) return null;
      k = s - 1;
    }
    if (core[k]?.kind === "ident") k--;
  }
  const name = nameTok.text;
  const prefix = core.slice(0, k + 1);
  const params = core.slice(open + 1, close);
  let paramCount = 0;
  let hasDefault = false;
  {
    let depth = 0;
    let any = false;
    for (const p of params) {
      if (p.text === "(" || p.text === "[" || p.text === "<" || p.text === "{") depth++;
      else if (p.text === ")" || p.text === "]" || p.text === ">" || p.text === "}") depth--;
      else if (p.text === "," && depth === 0) paramCount++;
      if (p.text === "=") hasDefault = true;
      any = true;
    }
    if (any) paramCount++;
    if (params.length === 1 && params[0].text === "void") paramCount = 0;
  }
  const type = checkType(prefix);
  if (!type.ok) return null;
  if (trailing.length > 0 && !checkType(trailing).ok) return null;
  const info = {
    kind: "def",
    name,
    paramCount,
    protoOk: true,
    hasDefault,
    identifiers: t.filter((x) => x.kind === "ident").map((x) => x.text)
  };
  const refuse = (reason) => ({ ...info, protoOk: false, reason });
  if (qualified || ctorInit) return refuse("method");
  if (template) return refuse("template");
  if (!type.hasType) return refuse("no return type");
  if (type.isAuto && trailing.length === 0) return refuse("deduced return type");
  if (hasDefault) return refuse("default arguments");
  return info;
}
var FILE_STRIDE = 2 ** 32;
var MAX_RETRY = 32;
var globalPos = (file, offset) => file * FILE_STRIDE + offset;
var DIRECTIVE_WORDS = /* @__PURE__ */ new Set(["if", "ifdef", "ifndef", "elif", "else", "endif", "defined", "elifdef", "elifndef"]);
function directiveIdents(d) {
  return (d.text.replace(/^#\s*\w+/, "").match(/[A-Za-z_]\w*/g) ?? []).filter((w) => !DIRECTIVE_WORDS.has(w));
}
function analyse(file, s, ids) {
  const { text, code, skel, directives } = s;
  const defs = [];
  const decls = /* @__PURE__ */ new Set();
  const types = /* @__PURE__ */ new Map();
  const macroChanges = [];
  const addType = (name, offset) => {
    if (name && !types.has(name)) types.set(name, globalPos(file, offset));
  };
  const stack = [];
  const snapshot = () => stack.map((l) => ({
    id: l.id,
    lines: l.lines.map((d) => d.text),
    openPos: globalPos(file, l.lines[0].start),
    lastPos: globalPos(file, l.lines[l.lines.length - 1].start),
    idents: l.lines.flatMap(directiveIdents),
    guardActive: l.guard && l.lines.length === 1
  }));
  const onDirective = (d, index) => {
    const macro = /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(d.text)?.[1];
    switch (d.kind) {
      case "if":
      case "ifdef":
      case "ifndef": {
        const next = directives[index + 1];
        const guard = d.kind === "ifndef" && next?.kind === "define" && macro !== void 0 && /^#\s*\w+\s+([A-Za-z_]\w*)/.exec(next.text)?.[1] === macro;
        stack.push({ id: ids.next++, lines: [d], guard });
        break;
      }
      case "elif":
      case "elifdef":
      case "elifndef":
      case "else":
        stack[stack.length - 1]?.lines.push(d);
        break;
      case "endif":
        stack.pop();
        break;
      case "define":
      case "undef":
        if (macro) macroChanges.push({ name: macro, pos: globalPos(file, d.start) });
        break;
    }
  };
  const classifyAt = (from, to) => {
    const starts = [];
    const nextNonSpace = (k) => {
      while (k < to && isSpace(skel[k])) k++;
      return k;
    };
    const first = nextNonSpace(from);
    if (first >= to) return null;
    starts.push(first);
    const later = [];
    for (let k = skel.indexOf("\n", first); k >= 0 && k < to; k = skel.indexOf("\n", k + 1)) {
      const st = nextNonSpace(k + 1);
      if (st < to && st !== later[later.length - 1]) later.push(st);
    }
    starts.push(...later.slice(-MAX_RETRY));
    let best = null;
    for (const st of starts) {
      const info = classify(tokenize(skel, st, to));
      if (!info) continue;
      if (!best) {
        best = { info, start: st };
        const firstLine = skel.slice(st, skel.indexOf("\n", st) < 0 ? to : Math.min(to, skel.indexOf("\n", st))).trim();
        if (!/^[A-Z][A-Z0-9_]*$/.test(firstLine)) break;
        continue;
      }
      if (info.protoOk) best = { info, start: st };
      break;
    }
    return best;
  };
  const lineStartOf = (offset) => text.lastIndexOf("\n", offset - 1) + 1;
  let depth = 0;
  let paren = 0;
  let stmtStart = 0;
  let typedefPending = false;
  let di = 0;
  for (let i = 0; i < skel.length; i++) {
    while (di < directives.length && directives[di].start <= i) {
      onDirective(directives[di], di);
      di++;
    }
    const c = skel[i];
    if (c === "(") paren++;
    else if (c === ")") paren = Math.max(0, paren - 1);
    else if (c === "{") {
      if (depth === 0 && paren === 0) {
        const found = classifyAt(stmtStart, i);
        if (found) {
          const { info, start } = found;
          const ls = lineStartOf(start);
          const insertAt = /^\s*$/.test(text.slice(ls, start)) ? ls : start;
          let protoOk = info.protoOk;
          let reason = info.reason;
          if (protoOk && directives.some((d) => d.start >= start && d.start < i)) {
            protoOk = false;
            reason = "directive inside header";
          }
          const proto = collapse(code, skel, start, i) + ";";
          defs.push({ file, start, insertAt, info: { ...info, protoOk, reason }, proto, context: snapshot() });
          typedefPending = false;
        } else {
          const toks = tokenize(skel, stmtStart, i);
          typedefPending = toks[0]?.text === "typedef";
          let t0 = 0;
          while (toks[t0]?.text === "template" && toks[t0 + 1]?.text === "<") {
            const e = matchForward(toks, t0 + 1);
            if (e < 0) break;
            t0 = e + 1;
          }
          const kw = toks.findIndex((x, k) => k >= t0 && ["struct", "class", "union", "enum"].includes(x.text));
          if (kw >= 0) {
            let k = kw + 1;
            if (toks[kw].text === "enum" && (toks[k]?.text === "class" || toks[k]?.text === "struct")) k++;
            while (toks[k]?.text === "[" || PAREN_ATTRS.has(toks[k]?.text ?? "")) {
              const e = matchForward(toks, toks[k].text === "[" ? k : k + 1);
              if (e < 0) break;
              k = e + 1;
            }
            if (toks[k]?.kind === "ident" && toks[k].text !== "final") addType(toks[k].text, toks[k].start);
          }
        }
      }
      depth++;
    } else if (c === "}") {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && paren === 0) stmtStart = i + 1;
    } else if (c === ";" && depth === 0 && paren === 0) {
      const toks = tokenize(skel, stmtStart, i);
      if (typedefPending) {
        for (const x of toks) if (x.kind === "ident") addType(x.text, x.start);
      } else if (toks[0]?.text === "typedef") {
        const star = toks.findIndex((x, k) => x.text === "(" && toks[k + 1]?.text === "*");
        const nameTok = star >= 0 ? toks.slice(star + 2).find((x) => x.kind === "ident") : toks.filter((x) => x.kind === "ident").pop();
        addType(nameTok?.text, nameTok?.start ?? i);
      } else if (toks[0]?.text === "using" && toks[2]?.text === "=") {
        addType(toks[1]?.text, toks[1]?.start ?? i);
      } else if (["struct", "class", "union", "enum"].includes(toks[0]?.text ?? "") && !toks.some((x) => x.text === "(")) {
        const k = toks[1]?.text === "class" || toks[1]?.text === "struct" ? 2 : 1;
        if (toks[k]?.kind === "ident" && (toks.length === k + 1 || toks[k + 1]?.text === ":")) addType(toks[k].text, toks[k].start);
      } else {
        const found = classifyAt(stmtStart, i);
        if (found && found.info.reason !== "method" && found.info.reason !== "no return type" && found.info.reason !== "template") {
          decls.add(`${found.info.name}/${found.info.paramCount}`);
        }
      }
      typedefPending = false;
      stmtStart = i + 1;
    }
  }
  while (di < directives.length) {
    onDirective(directives[di], di);
    di++;
  }
  return { defs, decls, types, macroChanges };
}
function collapse(code, skel, from, to) {
  let out = "";
  let space = false;
  for (let k = from; k < to; k++) {
    if (isSpace(skel[k])) {
      space = true;
      continue;
    }
    if (space && out.length > 0) out += " ";
    space = false;
    out += code[k];
  }
  return out;
}
function orderFiles(files, mainName) {
  if (files.length === 0) throw new Error("inoToCpp: no .ino files");
  const main2 = mainName ?? sketchName(files[0].path);
  const mi = files.findIndex((f) => sketchName(f.path) === main2);
  if (mi < 0) throw new Error(`inoToCpp: no file named ${main2}.ino among ${files.map((f) => f.path).join(", ")}`);
  const cmp = (a, b) => a < b ? -1 : a > b ? 1 : 0;
  const rest = files.filter((_, k) => k !== mi).sort((a, b) => cmp(sketchName(a.path), sketchName(b.path)) || cmp(a.path, b.path));
  return [files[mi], ...rest];
}
function lineCounter(text) {
  const starts = [0];
  for (let k = text.indexOf("\n"); k >= 0; k = text.indexOf("\n", k + 1)) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = lo + hi + 1 >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
var withNewline = (s) => s.length === 0 || s.endsWith("\n") ? s : s + "\n";
function inoToCpp(files, mainName) {
  const ordered = orderFiles(files, mainName).map((f) => ({
    path: f.path,
    text: f.text.charCodeAt(0) === 65279 ? f.text.slice(1) : f.text
  }));
  const scanned = ordered.map((f) => scan(f.text));
  const ids = { next: 0 };
  const structs = scanned.map((s, k) => analyse(k, s, ids));
  const lineOf = scanned.map((s) => lineCounter(s.text));
  const main2 = ordered[0];
  const points = [];
  {
    let lastRegion;
    let settled = false;
    for (const d of structs[0].defs) {
      const region = d.context.filter((l) => !l.guardActive).map((l) => `${l.id}.${l.lines.length}`).join("/");
      if (region !== lastRegion) points.push(d.insertAt);
      lastRegion = region;
      if (region === "") {
        settled = true;
        break;
      }
    }
    if (!settled) points.push(main2.text.length);
  }
  const first = globalPos(0, points[0]);
  const last = globalPos(0, points[points.length - 1]);
  const declared = /* @__PURE__ */ new Set();
  const typesAt = /* @__PURE__ */ new Map();
  const macroChanges = [];
  for (const st of structs) {
    for (const d of st.decls) declared.add(d);
    for (const [name, pos2] of st.types) if (!typesAt.has(name)) typesAt.set(name, pos2);
    macroChanges.push(...st.macroChanges);
  }
  const protos = [];
  const seen = /* @__PURE__ */ new Set();
  for (const st of structs) {
    for (const d of st.defs) {
      if (!d.info.protoOk) continue;
      if (declared.has(`${d.info.name}/${d.info.paramCount}`)) continue;
      const late = d.info.identifiers.some((id) => {
        const pos2 = typesAt.get(id);
        return pos2 !== void 0 && pos2 > first;
      });
      if (late) continue;
      const defPos = globalPos(d.file, d.start);
      const wrap = d.context.filter((l) => !l.guardActive).filter((l) => {
        const lo = Math.min(first, l.openPos);
        const hi = Math.max(defPos, last, l.lastPos);
        return !macroChanges.some((m) => m.pos > lo && m.pos < hi && l.idents.includes(m.name));
      }).map((l) => l.lines);
      const key = JSON.stringify([wrap, d.proto]);
      if (seen.has(key)) continue;
      seen.add(key);
      protos.push({ text: d.proto, line: lineOf[d.file](d.start), path: ordered[d.file].path, wrap });
    }
  }
  let block = "";
  for (const p of protos) {
    for (const level of p.wrap) block += level.join("\n") + "\n";
    block += `#line ${p.line} ${quotePath(p.path)}
${p.text}
`;
    for (let k = 0; k < p.wrap.length; k++) block += "#endif\n";
  }
  if (points.length > 1 && block) block = `#ifndef ${ONCE_MACRO}
#define ${ONCE_MACRO}
${block}#endif
`;
  let out = `#include <Arduino.h>
#line 1 ${quotePath(main2.path)}
`;
  let pos = 0;
  if (block) {
    for (const at of points) {
      out = withNewline(out + main2.text.slice(pos, at)) + block;
      if (at < main2.text.length) out += `#line ${lineOf[0](at)} ${quotePath(main2.path)}
`;
      pos = at;
    }
  }
  out = withNewline(out + main2.text.slice(pos));
  for (const f of ordered.slice(1)) out = withNewline(`${out}#line 1 ${quotePath(f.path)}
${f.text}`);
  return out;
}

// server/build/libraries.ts
import { existsSync as existsSync4, readdirSync as readdirSync4, statSync as statSync5 } from "node:fs";
import { basename as basename3, isAbsolute as isAbsolute3, join as join9, resolve as resolve7 } from "node:path";

// server/build/includeScanner.ts
import { readFileSync as readFileSync7 } from "node:fs";
var INCLUDE = /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"\n]+)[>"]/gm;
function scanIncludes(path) {
  let text;
  try {
    text = readFileSync7(path, "latin1");
  } catch {
    return [];
  }
  text = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
  const out = /* @__PURE__ */ new Set();
  for (const m of text.matchAll(INCLUDE)) out.add(m[1].trim());
  return [...out];
}

// server/build/sourceFilter.ts
import { readdirSync as readdirSync3 } from "node:fs";
import { join as join8, relative as relative2, sep as sep2 } from "node:path";
var SOURCE_EXTENSIONS = [".c", ".cpp", ".cc", ".cxx", ".S"];
var SKIP_DIRS = /* @__PURE__ */ new Set([".git", ".svn", ".fbuild", ".pio"]);
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync3(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(join8(d, e.name));
      } else if (e.isFile()) out.push(relative2(dir, join8(d, e.name)).split(sep2).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}
function globToRegExp(pattern) {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*") {
      while (pattern[i + 1] === "*") i++;
      re += ".*";
    } else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function applySrcFilter(files, filter) {
  const rules = (filter.length ? filter : ["+<*>"]).map((tok) => {
    const m = /^([+-])<(.*)>$/.exec(tok.trim());
    if (!m) return void 0;
    const pat = m[2].replace(/^\.\//, "");
    const re = pat.endsWith("/") ? globToRegExp(`${pat}*`) : globToRegExp(pat);
    const dirRe = pat.endsWith("/") ? void 0 : globToRegExp(`${pat}/*`);
    return { include: m[1] === "+", test: (f) => re.test(f) || (dirRe?.test(f) ?? false) };
  });
  return files.filter((f) => {
    let included = false;
    for (const r of rules) if (r && r.test(f)) included = r.include;
    return included;
  });
}

// server/build/libraries.ts
var NOT_LIBRARY_CODE = /^(examples|extras|test|tests|docs?)\//;
var HEADER2 = /\.(h|hh|hpp)$/;
function isSource(f) {
  return SOURCE_EXTENSIONS.some((e) => f.endsWith(e));
}
function readLibrary(root, origin, name = basename3(root)) {
  const hasSrc = existsSync4(join9(root, "src")) && statSync5(join9(root, "src")).isDirectory();
  const includeDir = hasSrc ? join9(root, "src") : root;
  const files = listFiles(includeDir).filter((f) => !NOT_LIBRARY_CODE.test(f) && (hasSrc || !f.includes("/") || f.startsWith("utility/")));
  return {
    name,
    root,
    includeDir,
    sources: files.filter(isSource).map((f) => join9(includeDir, f)),
    headers: files.filter((f) => HEADER2.test(f)),
    origin
  };
}
function librariesIn(dir, origin) {
  if (!existsSync4(dir)) return [];
  return readdirSync4(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => readLibrary(join9(dir, e.name), origin)).sort((a, b) => a.name.localeCompare(b.name));
}
function resolveLibraries(opts) {
  const ignore = new Set(opts.libIgnore);
  const forced = [];
  const named = [];
  for (const dep of opts.libDeps) {
    const spec = dep.replace(/^(file|symlink):\/\//, "");
    const looksLikePath = spec !== dep || spec.startsWith(".") || isAbsolute3(spec) || spec.includes("/");
    if (looksLikePath) {
      const root = resolve7(opts.projectDir, spec);
      if (!existsSync4(root)) throw new UserError(`lib_deps: ${dep} does not exist; fix the path in platformio.ini`);
      forced.push(readLibrary(root, "lib_deps"));
    } else named.push(spec.replace(/@.*$/, "").trim());
  }
  const available = [...librariesIn(join9(opts.projectDir, "lib"), "project"), ...forced, ...librariesIn(opts.frameworkLibrariesDir, "framework")].filter(
    (l) => !ignore.has(l.name)
  );
  const byHeader = /* @__PURE__ */ new Map();
  for (const lib of available) for (const h of lib.headers) if (!byHeader.has(h)) byHeader.set(h, lib);
  const used = /* @__PURE__ */ new Map();
  const queue = [...opts.projectFiles];
  const use = (lib) => {
    if (used.has(lib.root)) return;
    used.set(lib.root, lib);
    queue.push(...lib.sources, ...lib.headers.map((h) => join9(lib.includeDir, h)));
  };
  for (const lib of forced) use(lib);
  for (const name of named) {
    const lib = available.find((l) => l.name === name);
    if (!lib) {
      if (ignore.has(name)) continue;
      throw new UserError(
        `lib_deps: library '${name}' not found in lib/ or the Arduino framework; registry packages are not supported yet, so put it in lib/${name}`
      );
    }
    use(lib);
  }
  const scanned = /* @__PURE__ */ new Set();
  while (queue.length) {
    const file = queue.shift();
    if (scanned.has(file)) continue;
    scanned.add(file);
    for (const inc of scanIncludes(file)) {
      const lib = byHeader.get(inc);
      if (lib) use(lib);
    }
  }
  return { libraries: [...used.values()] };
}

// server/build/toolchain.ts
import { spawnSync as spawnSync2 } from "node:child_process";
import { existsSync as existsSync5, statSync as statSync6 } from "node:fs";
import { delimiter as delimiter2, join as join10 } from "node:path";
var DEBIAN_FRAMEWORK = "/usr/share/arduino/hardware/arduino/avr";
function onPath(name, env) {
  for (const dir of (env.PATH ?? "").split(delimiter2)) {
    if (!dir) continue;
    const p = join10(dir, name);
    try {
      if (statSync6(p).isFile()) return p;
    } catch {
    }
  }
  return void 0;
}
function systemAvrToolchain(env = process.env) {
  const tools = Object.fromEntries(["avr-gcc", "avr-g++", "avr-objcopy", "avr-size"].map((t) => [t, onPath(t, env)]));
  const missing = Object.entries(tools).filter(([, p]) => !p).map(([t]) => t);
  if (missing.length) {
    throw new UserError(
      `${missing.join(", ")} not found on PATH; install the AVR toolchain (apt-get install gcc-avr binutils-avr avr-libc arduino-core-avr)`
    );
  }
  const frameworkDir = env.FBUILD_ARDUINO_AVR_DIR ?? DEBIAN_FRAMEWORK;
  if (!existsSync5(join10(frameworkDir, "cores", "arduino", "Arduino.h"))) {
    throw new UserError(`the Arduino AVR core is not installed (no ${frameworkDir}/cores/arduino); install it (apt-get install arduino-core-avr)`);
  }
  const version = spawnSync2(tools["avr-gcc"], ["-dumpversion"], { encoding: "utf8" }).stdout.trim();
  const gccMajor = Number.parseInt(version, 10) || 0;
  return {
    kind: "system",
    description: `system avr-gcc ${version} (${tools["avr-gcc"]}) with the Arduino core in ${frameworkDir}`,
    gcc: tools["avr-gcc"],
    gxx: tools["avr-g++"],
    objcopy: tools["avr-objcopy"],
    size: tools["avr-size"],
    gccMajor,
    frameworkDir,
    frameworkVersion: "debian",
    // GCC < 7's <float.h> defines DECIMAL_DIG for C99 only; the core's WString.cpp needs it in C++.
    extraFlags: gccMajor > 0 && gccMajor < 7 ? ["-DDECIMAL_DIG=__DECIMAL_DIG__"] : []
  };
}

// server/build/fingerprint.ts
import { existsSync as existsSync6, readFileSync as readFileSync8, renameSync as renameSync3, statSync as statSync7, writeFileSync as writeFileSync4 } from "node:fs";
import { isAbsolute as isAbsolute4, join as join11 } from "node:path";
function buildFingerprint(opts) {
  const tc = opts.toolchain;
  const h = new KeyHasher("fbuild-fingerprint-v1").field(opts.version).field(opts.board.id).field(JSON.stringify(opts.envConfig.raw)).field(tc.description).fields(tc.extraFlags);
  for (const tool of [tc.gcc, tc.gxx, tc.objcopy, tc.size]) {
    const st = statSync7(tool);
    h.field(`${tool}:${st.size}:${st.mtimeMs}`);
  }
  return { configKey: h.hex(), listing: projectListing(opts.projectDir) };
}
function projectListing(projectDir) {
  const h = new KeyHasher("fbuild-listing-v1");
  for (const dir of ["src", "lib", "include"]) h.field(dir).fields(listFiles(join11(projectDir, dir)));
  return h.hex();
}
function record(path, abs) {
  try {
    const st = statSync7(abs);
    return [path, st.size, st.mtimeMs, sha256Hex(readFileSync8(abs))];
  } catch {
    return void 0;
  }
}
function unchanged(rec, projectDir) {
  const abs = isAbsolute4(rec[0]) ? rec[0] : join11(projectDir, rec[0]);
  let st;
  try {
    st = statSync7(abs);
  } catch {
    return false;
  }
  if (st.size === rec[1] && st.mtimeMs === rec[2]) return true;
  if (st.size !== rec[1]) return false;
  try {
    return sha256Hex(readFileSync8(abs)) === rec[3];
  } catch {
    return false;
  }
}
function checkFingerprint(path, fp, projectDir) {
  if (!existsSync6(path)) return void 0;
  let saved;
  try {
    saved = JSON.parse(readFileSync8(path, "utf8"));
  } catch {
    return void 0;
  }
  if (saved.v !== 1 || saved.configKey !== fp.configKey || saved.listing !== fp.listing) return void 0;
  for (const rec of [...saved.outputs, ...saved.inputs]) if (!unchanged(rec, projectDir)) return void 0;
  return saved.result;
}
function saveFingerprint(path, fp, projectDir, depfiles, outputs, result) {
  const inputs = /* @__PURE__ */ new Map();
  const add = (p) => inputs.set(p, isAbsolute4(p) ? p : join11(projectDir, p));
  add("platformio.ini");
  for (const dir of ["src", "lib", "include"]) for (const f of listFiles(join11(projectDir, dir))) add(`${dir}/${f}`);
  for (const d of depfiles) {
    let text;
    try {
      text = readFileSync8(join11(projectDir, d), "utf8");
    } catch {
      return;
    }
    for (const dep of parseDepfile(text)?.deps ?? []) add(dep);
  }
  const file = {
    v: 1,
    configKey: fp.configKey,
    listing: fp.listing,
    inputs: [...inputs].map(([p, abs]) => record(p, abs)).filter((r) => r !== void 0),
    outputs: outputs.map((o) => record(o, join11(projectDir, o))).filter((r) => r !== void 0),
    result
  };
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync4(tmp, JSON.stringify(file));
  renameSync3(tmp, path);
}

// server/build/firmwareSize.ts
function parseAvrSize(text) {
  const sections = {};
  for (const line of text.split("\n")) {
    const m = /^(\.\S+)\s+(\d+)\s+\d+/.exec(line.trim());
    if (m) sections[m[1]] = Number(m[2]);
  }
  const s = (name) => sections[name] ?? 0;
  return { flash: s(".text") + s(".data"), ram: s(".data") + s(".bss") + s(".noinit") };
}

// server/build/buildStats.ts
function buildStats(units, link) {
  const all = link ? [...units, link] : [...units];
  const count = (o) => all.filter((r) => r.outcome === o).length;
  const hits = count("hit");
  const misses = count("miss");
  const missReasons = {};
  for (const r of all) {
    if (r.outcome !== "miss") continue;
    const reason = (r.reason ?? "new").replace(/:.*$/, "");
    missReasons[reason] = (missReasons[reason] ?? 0) + 1;
  }
  return {
    compiles: all.length,
    hits,
    misses,
    uncacheable: count("uncacheable"),
    errors: count("error"),
    hitRate: hits + misses ? hits / (hits + misses) : 0,
    timeSavedMs: Math.round(all.reduce((n, r) => n + (r.outcome === "hit" ? r.savedMs ?? 0 : 0), 0)),
    missReasons
  };
}

// server/build/orchestrator.ts
var BuildFailure = class extends UserError {
  constructor(message, result) {
    super(message, 1);
    this.result = result;
  }
  result;
};
var FBUILD_BUILD_VERSION = "1";
async function build(opts) {
  const started = performance.now();
  const projectDir = resolve8(opts.projectDir);
  const processEnv = opts.env ?? process.env;
  const config = readProjectConfig(projectDir, processEnv);
  const envName = chooseEnvironment(config.envNames, config.defaultEnvs, opts.environment);
  const envConfig = config.env(envName);
  const board = checkBoard(envConfig);
  const toolchain = systemAvrToolchain(processEnv);
  const buildDir = join12(".fbuild", "build", envName);
  const elf = join12(buildDir, "firmware.elf");
  const hex = join12(buildDir, "firmware.hex");
  mkdirSync3(join12(projectDir, buildDir), { recursive: true });
  const fingerprint = buildFingerprint({ projectDir, envConfig, toolchain, board, version: FBUILD_BUILD_VERSION });
  if (!opts.force) {
    const previous = checkFingerprint(join12(projectDir, buildDir, "fingerprint.json"), fingerprint, projectDir);
    if (previous) {
      const result2 = { ...previous, upToDate: true, stats: buildStats([], void 0), durationMs: performance.now() - started };
      opts.onEvent?.({ type: "upToDate", environment: envName });
      opts.onEvent?.({ type: "done", result: result2 });
      return result2;
    }
  }
  const units = planUnits(projectDir, buildDir, envConfig, board, toolchain);
  opts.onEvent?.({ type: "start", environment: envName, units: units.length + 1, toolchain: toolchain.description });
  for (const u of units) mkdirSync3(join12(projectDir, dirname4(u.object)), { recursive: true });
  let done = 0;
  const outcomes = new Array(units.length);
  const results = await Promise.all(
    units.map(async (u, i) => {
      const r = await opts.backend.compile({ compiler: u.compiler, args: u.args, cwd: projectDir, workspaceRoot: projectDir, env: processEnv });
      const unit = { source: u.source, object: u.object, outcome: r.outcome, exitCode: r.exitCode, ...r.reason ? { reason: r.reason } : {} };
      outcomes[i] = unit;
      opts.onEvent?.({ type: "unit", index: ++done, total: units.length, unit, stdout: r.stdout.toString(), stderr: r.stderr.toString() });
      return r;
    })
  );
  const failed = outcomes.filter((o) => o.exitCode !== 0);
  const emptySize = { flash: 0, ram: 0, flashMax: board.flashMax, ramMax: board.ramMax };
  if (failed.length) {
    const result2 = finish(envName, false, { elf, hex }, emptySize, outcomes, void 0, started, results);
    throw new BuildFailure(
      `compile failed in ${failed.length} file${failed.length > 1 ? "s" : ""} (${failed.map((f) => f.source).slice(0, 3).join(", ")}${failed.length > 3 ? ", ..." : ""}); fix the errors above and build again`,
      result2
    );
  }
  const objects = units.map((u) => u.object);
  const linked = await opts.backend.link({
    label: `link ${elf}`,
    steps: [
      { command: toolchain.gcc, args: ["-Os", "-flto", "-fuse-linker-plugin", "-Wl,--gc-sections", `-mmcu=${board.mcu}`, "-o", elf, ...objects, "-lm"] },
      { command: toolchain.objcopy, args: ["-O", "ihex", "-R", ".eeprom", elf, hex] },
      { command: toolchain.size, args: ["-A", elf] }
    ],
    inputs: objects,
    outputs: [elf, hex],
    cwd: projectDir,
    workspaceRoot: projectDir,
    env: processEnv
  });
  opts.onEvent?.({ type: "link", outcome: linked.outcome, exitCode: linked.exitCode, stderr: linked.stderr.toString(), ...linked.reason ? { reason: linked.reason } : {} });
  if (linked.exitCode !== 0) {
    const result2 = finish(envName, false, { elf, hex }, emptySize, outcomes, linked, started, results);
    const overflow = /region [`']?(\w+)'? overflowed by (\d+) bytes/.exec(linked.stderr.toString());
    if (overflow) {
      throw new BuildFailure(
        `firmware too big for ${board.name}: it does not fit in ${overflow[1] === "text" ? "flash" : "RAM"} (over by ${overflow[2]} bytes, says the linker); make the code or its data smaller`,
        result2
      );
    }
    throw new BuildFailure(`link failed for ${envName}; see the linker's messages above`, result2);
  }
  const sizes = parseAvrSize(linked.stdout[2]?.toString() ?? "");
  const size = { flash: sizes.flash, ram: sizes.ram, flashMax: board.flashMax, ramMax: board.ramMax };
  const tooBig = size.flash > board.flashMax ? "flash" : size.ram > board.ramMax ? "RAM" : void 0;
  const result = finish(envName, !tooBig, { elf, hex }, size, outcomes, linked, started, results);
  if (tooBig) {
    const used = tooBig === "flash" ? size.flash : size.ram;
    const max = tooBig === "flash" ? board.flashMax : board.ramMax;
    throw new BuildFailure(
      `firmware too big for ${board.name}: ${tooBig} ${used} of ${max} bytes (${Math.round(used / max * 100)}%); make the code or its data smaller`,
      result
    );
  }
  saveFingerprint(join12(projectDir, buildDir, "fingerprint.json"), fingerprint, projectDir, units.map((u) => u.object.replace(/\.o$/, ".d")), [elf, hex], result);
  opts.onEvent?.({ type: "done", result });
  return result;
}
function finish(environment, ok, artifacts, size, outcomes, link, started, results) {
  return {
    environment,
    ok,
    upToDate: false,
    artifacts,
    size,
    stats: buildStats(results, link),
    durationMs: Math.round(performance.now() - started)
  };
}
function chooseEnvironment(envNames, defaultEnvs, requested) {
  if (requested) return requested;
  if (defaultEnvs.length) return defaultEnvs[0];
  if (envNames.length === 1) return envNames[0];
  if (envNames.length === 0) throw new UserError("platformio.ini has no [env:NAME] section; add one, e.g. [env:uno] with board = uno");
  throw new UserError(`several environments in platformio.ini (${envNames.join(", ")}); choose one with -e, e.g. -e ${envNames[0]}`);
}
function checkBoard(env) {
  if (!env.board) throw new UserError(`env '${env.name}' has no board; add e.g. board = uno to [env:${env.name}]`);
  const board = findBoard(env.board);
  if (!board) throw new UserError(`unknown board '${env.board}' in env '${env.name}'; supported boards: ${knownBoards().join(", ")}`);
  if (env.platform && env.platform !== board.platform) {
    throw new UserError(`env '${env.name}': platform '${env.platform}' does not match board '${board.id}' (platform ${board.platform}); set platform = ${board.platform}`);
  }
  if (env.framework && env.framework !== "arduino") {
    throw new UserError(`env '${env.name}': framework '${env.framework}' is not supported; set framework = arduino`);
  }
  return board;
}
function planUnits(projectDir, buildDir, env, board, tc) {
  const srcDir = join12(projectDir, "src");
  const srcFiles = applySrcFilter(listFiles(srcDir), env.buildSrcFilter);
  const inoFiles = srcFiles.filter((f) => f.endsWith(".ino") && !f.includes("/"));
  const srcSources = srcFiles.filter((f) => SOURCE_EXTENSIONS.some((e) => f.endsWith(e)));
  if (inoFiles.length === 0 && srcSources.length === 0) {
    throw new UserError(`no source files in ${join12(projectDir, "src")}; add src/main.cpp or a .ino sketch`);
  }
  const projectSources = srcSources.map((f) => `src/${f}`);
  if (inoFiles.length) {
    const sketchName2 = basename4(projectDir);
    const cpp = inoToCpp(
      inoFiles.map((f) => ({ path: `src/${f}`, text: readFileSync9(join12(srcDir, f), "utf8") })),
      inoFiles.some((f) => f === `${sketchName2}.ino`) ? sketchName2 : void 0
    );
    const rel2 = join12(buildDir, "sketch", `${basename4(inoFiles[0], ".ino")}.ino.cpp`);
    const abs = join12(projectDir, rel2);
    mkdirSync3(dirname4(abs), { recursive: true });
    if (!existsSync7(abs) || readFileSync9(abs, "utf8") !== cpp) writeFileSync5(abs, cpp);
    projectSources.unshift(rel2);
  }
  const core = join12(tc.frameworkDir, "cores", board.core);
  const variant = join12(tc.frameworkDir, "variants", board.variant);
  const { libraries } = resolveLibraries({
    projectDir,
    frameworkLibrariesDir: join12(tc.frameworkDir, "libraries"),
    projectFiles: [...projectSources, ...srcFiles.filter((f) => /\.(h|hpp|ino)$/.test(f)).map((f) => `src/${f}`)].map((p) => join12(projectDir, p)),
    libDeps: env.libDeps,
    libIgnore: env.libIgnore
  });
  const rel = (p) => {
    const r = relative3(projectDir, p);
    return r.startsWith("..") ? p : r.split(sep3).join("/");
  };
  const frameworkIncludes = [core, variant].map((p) => `-I${p}`);
  const libIncludes = libraries.map((l) => `-I${rel(l.includeDir)}`);
  const projectIncludes = [...existsSync7(join12(projectDir, "include")) ? ["-Iinclude"] : [], "-Isrc"];
  const common = [
    `-mmcu=${board.mcu}`,
    `-DF_CPU=${board.fCpu}`,
    "-DARDUINO=10808",
    `-D${board.boardDefine}`,
    "-DARDUINO_ARCH_AVR",
    "-Os",
    "-w",
    "-ffunction-sections",
    "-fdata-sections",
    "-MMD",
    "-flto",
    ...tc.extraFlags
  ];
  const unit = (source, object, includes) => {
    const isC = source.endsWith(".c");
    const isAsm = source.endsWith(".S");
    const lang = isC ? ["-std=gnu11", "-fno-fat-lto-objects"] : isAsm ? ["-x", "assembler-with-cpp"] : ["-std=gnu++11", "-fpermissive", "-fno-exceptions", "-fno-threadsafe-statics"];
    return {
      source,
      object,
      compiler: isC || isAsm ? tc.gcc : tc.gxx,
      args: ["-c", ...common, ...lang, ...env.buildFlags, `-frandom-seed=${object}`, ...includes, source, "-o", object]
    };
  };
  const objectFor = (group, relPath) => `${buildDir}/${group}/${relPath.replace(/^\.\.\//, "")}.o`;
  const units = [];
  for (const s of projectSources) units.push(unit(s, objectFor("src", s.replace(/^src\//, "").replace(/^\.fbuild\/build\/[^/]+\/sketch\//, "")), [...projectIncludes, ...libIncludes, ...frameworkIncludes]));
  for (const lib of libraries) {
    const libInc = libIncludes;
    for (const s of lib.sources) units.push(unit(rel(s), objectFor(`lib/${lib.name}`, relative3(lib.includeDir, s).split(sep3).join("/")), [...libInc, ...frameworkIncludes]));
  }
  for (const f of listFiles(core).filter((f2) => SOURCE_EXTENSIONS.some((e) => f2.endsWith(e)))) {
    units.push(unit(join12(core, f), objectFor("core", f), frameworkIncludes));
  }
  for (const f of listFiles(variant).filter((f2) => SOURCE_EXTENSIONS.some((e) => f2.endsWith(e)))) {
    units.push(unit(join12(variant, f), objectFor("variant", f), frameworkIncludes));
  }
  return units;
}

// src/cli/progress.ts
var ProgressLine = class {
  constructor(stream, enabled) {
    this.stream = stream;
    this.active = enabled && Boolean(stream.isTTY);
  }
  stream;
  total = 0;
  shown = false;
  active;
  start(total) {
    this.total = total;
  }
  update(done, label) {
    if (!this.active || this.total === 0) return;
    const n = Math.min(done, this.total);
    const width = 24;
    const filled = Math.round(n / this.total * width);
    const columns = this.stream.columns ?? 80;
    const line = `[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${n}/${this.total} ${label}`;
    this.stream.write(`\r\x1B[K${line.slice(0, columns - 1)}`);
    this.shown = true;
  }
  clear() {
    if (this.shown) this.stream.write("\r\x1B[K");
    this.shown = false;
  }
};

// src/cli/buildReport.ts
import { resolve as resolve9 } from "node:path";
function toJsonResult(r, projectDir) {
  return {
    environment: r.environment,
    ok: r.ok,
    upToDate: r.upToDate,
    artifacts: { elf: resolve9(projectDir, r.artifacts.elf), hex: resolve9(projectDir, r.artifacts.hex) },
    size: r.size,
    stats: r.stats,
    durationMs: Math.round(r.durationMs)
  };
}
var num = (n) => n.toLocaleString("en-US");
var pct = (a, b) => b ? `${(a / b * 100).toFixed(1)}%` : "-";
var secs = (ms) => ms >= 1e3 ? `${(ms / 1e3).toFixed(1)} s` : `${Math.round(ms)} ms`;
function formatSummary(r, projectDir) {
  const s = r.stats;
  const lines = [];
  if (r.upToDate) lines.push(`${r.environment}: up to date, nothing compiled (${secs(r.durationMs)})`);
  else {
    const reasons = Object.entries(s.missReasons).map(([k, v]) => `${v} ${k}`).join(", ");
    lines.push(
      `${r.environment}: ${s.compiles} units (link included): ${s.hits} hits, ${s.misses} misses${reasons ? ` (${reasons})` : ""}${s.uncacheable ? `, ${s.uncacheable} uncached` : ""}; hit rate ${pct(s.hits, s.hits + s.misses)}; saved ${secs(s.timeSavedMs)}; took ${secs(r.durationMs)}`
    );
  }
  if (r.size.flash || r.size.ram) {
    lines.push(
      `flash ${num(r.size.flash)} / ${num(r.size.flashMax)} bytes (${pct(r.size.flash, r.size.flashMax)}), RAM ${num(r.size.ram)} / ${num(r.size.ramMax)} bytes (${pct(r.size.ram, r.size.ramMax)})`
    );
  }
  if (r.ok) lines.push(`firmware: ${resolve9(projectDir, r.artifacts.hex)}`);
  return lines.join("\n") + "\n";
}

// src/cli/build.ts
var BUILD_USAGE = "fbuild build [PROJECT_DIR] -e ENV [--cache-dir DIR] [--jobs N] [--no-cache] [--force] [--verbose] [--json]";
function parseBuildArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        environment: { type: "string", short: "e" },
        "cache-dir": { type: "string" },
        jobs: { type: "string", short: "j" },
        "no-cache": { type: "boolean", default: false },
        force: { type: "boolean", default: false },
        verbose: { type: "boolean", short: "v", default: false },
        json: { type: "boolean", default: false }
      }
    });
  } catch (e) {
    throw new UserError(`fbuild build: ${e.message.split("\n")[0]}; usage: ${BUILD_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UserError(`fbuild build: one project directory at most; usage: ${BUILD_USAGE}`);
  let jobs;
  if (values.jobs !== void 0) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UserError(`fbuild build: --jobs takes a whole number of 1 or more, not '${values.jobs}'`);
  }
  return {
    projectDir: resolve10(positionals[0] ?? "."),
    ...values.environment !== void 0 ? { environment: values.environment } : {},
    ...values["cache-dir"] !== void 0 ? { cacheDir: resolve10(values["cache-dir"]) } : {},
    ...jobs !== void 0 ? { jobs } : {},
    noCache: values["no-cache"],
    force: values.force,
    verbose: values.verbose,
    json: values.json
  };
}
async function runBuild(argv) {
  const opts = parseBuildArgs(argv);
  const progress = new ProgressLine(process.stderr, !opts.json && !opts.verbose);
  const onEvent = (e) => reportEvent(e, opts, progress);
  let service;
  let backend;
  if (opts.noCache) backend = new DirectBackend(opts.jobs);
  else backend = service = await CacheService.start({ ...opts.cacheDir ? { cacheDir: opts.cacheDir } : {}, ...opts.jobs ? { jobs: opts.jobs } : {} });
  try {
    const result = await build({ projectDir: opts.projectDir, ...opts.environment ? { environment: opts.environment } : {}, backend, force: opts.force, onEvent });
    progress.clear();
    printResult(result, opts);
    return 0;
  } catch (e) {
    progress.clear();
    if (e instanceof BuildFailure) {
      printResult(e.result, opts);
      process.stderr.write(`fbuild: ${e.message}
`);
      return e.exitCode;
    }
    if (e instanceof UserError && opts.json) {
      process.stdout.write(JSON.stringify({ environment: opts.environment ?? null, ok: false, error: e.message }) + "\n");
    }
    throw e;
  } finally {
    await service?.shutdown("graceful");
  }
}
function printResult(result, opts) {
  if (opts.json) process.stdout.write(JSON.stringify(toJsonResult(result, opts.projectDir)) + "\n");
  else process.stdout.write(formatSummary(result, opts.projectDir));
}
function reportEvent(e, opts, progress) {
  switch (e.type) {
    case "start":
      if (opts.verbose) process.stderr.write(`${e.environment}: ${e.units} units with ${e.toolchain}
`);
      progress.start(e.units);
      break;
    case "unit": {
      if (e.stdout || e.stderr) progress.clear();
      if (e.stdout) process.stdout.write(opts.json ? "" : e.stdout);
      if (e.stderr) process.stderr.write(e.stderr);
      if (opts.verbose) process.stderr.write(`${e.unit.outcome.padEnd(11)} ${e.unit.source}${e.unit.reason ? `  (${e.unit.reason})` : ""}
`);
      progress.update(e.index, e.unit.source);
      break;
    }
    case "link":
      if (e.stderr) {
        progress.clear();
        process.stderr.write(e.stderr);
      }
      if (opts.verbose) process.stderr.write(`${e.outcome.padEnd(11)} link${e.reason ? `  (${e.reason})` : ""}
`);
      progress.update(Number.POSITIVE_INFINITY, "link");
      break;
    case "upToDate":
      if (!opts.json) process.stderr.write(`${e.environment}: up to date (no input changed since the last successful build)
`);
      break;
    case "done":
      break;
  }
}

// src/cli/main.ts
var HELP = `fbuild: build firmware with a compile cache

usage:
  ${BUILD_USAGE}
                                 build a PlatformIO-style project (embedded cache)
  fbuild cc COMPILER ARGS...     compile one file through the cache
  fbuild help                    this text

environment:
  FBUILD_CACHE_DIR   cache directory (default $XDG_CACHE_HOME/fbuild or ~/.cache/fbuild)
  FBUILD_WORKSPACE   root that paths are keyed relative to (default: nearest .git or platformio.ini)
`;
async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "cc":
      return runCc(rest);
    case "build":
      return runBuild(rest);
    case void 0:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return 0;
    default:
      throw new UserError(`fbuild: unknown command '${command}'; run 'fbuild help' for the list`);
  }
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UserError) {
      process.stderr.write(`${e.message}
`);
      process.exitCode = e.exitCode;
    } else {
      const err = e;
      process.stderr.write(`fbuild: internal error: ${err?.message ?? String(e)}
`);
      if (process.env.FBUILD_DEBUG) process.stderr.write(`${err?.stack ?? ""}
`);
      process.exitCode = 70;
    }
  }
);

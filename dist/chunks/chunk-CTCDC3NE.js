import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);
import {
  Packr,
  pack,
  unpack
} from "./chunk-AJXIRQRS.js";
import {
  defaultCacheDir,
  onPath
} from "./chunk-UDVVLJ6R.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-AFEGAB3Z.js";

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
        function read(fd, buffer, offset, length, position, callback_) {
          var callback;
          if (callback_ && typeof callback_ === "function") {
            var eagCounter = 0;
            callback = function(er, _, __) {
              if (er && er.code === "EAGAIN" && eagCounter < 10) {
                eagCounter++;
                return fs$read.call(fs, fd, buffer, offset, length, position, callback);
              }
              callback_.apply(this, arguments);
            };
          }
          return fs$read.call(fs, fd, buffer, offset, length, position, callback);
        }
        if (Object.setPrototypeOf) Object.setPrototypeOf(read, fs$read);
        return read;
      })(fs.read);
      fs.readSync = typeof fs.readSync !== "function" ? fs.readSync : /* @__PURE__ */ (function(fs$readSync) {
        return function(fd, buffer, offset, length, position) {
          var eagCounter = 0;
          while (true) {
            try {
              return fs$readSync.call(fs, fd, buffer, offset, length, position);
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
        return function(target, mode, cb) {
          return orig.call(fs, target, mode, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chmodFixSync(orig) {
        if (!orig) return orig;
        return function(target, mode) {
          try {
            return orig.call(fs, target, mode);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function chownFix(orig) {
        if (!orig) return orig;
        return function(target, uid, gid, cb) {
          return orig.call(fs, target, uid, gid, function(er) {
            if (chownErOk(er)) er = null;
            if (cb) cb.apply(this, arguments);
          });
        };
      }
      function chownFixSync(orig) {
        if (!orig) return orig;
        return function(target, uid, gid) {
          try {
            return orig.call(fs, target, uid, gid);
          } catch (er) {
            if (!chownErOk(er)) throw er;
          }
        };
      }
      function statFix(orig) {
        if (!orig) return orig;
        return function(target, options, cb) {
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
          return options ? orig.call(fs, target, options, callback) : orig.call(fs, target, callback);
        };
      }
      function statFixSync(orig) {
        if (!orig) return orig;
        return function(target, options) {
          var stats = options ? orig.call(fs, target, options) : orig.call(fs, target);
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
      function copyFile(src, dest, flags, cb) {
        if (typeof flags === "function") {
          cb = flags;
          flags = 0;
        }
        return go$copyFile(src, dest, flags, cb);
        function go$copyFile(src2, dest2, flags2, cb2, startTime) {
          return fs$copyFile(src2, dest2, flags2, function(err) {
            if (err && (err.code === "EMFILE" || err.code === "ENFILE"))
              enqueue([go$copyFile, [src2, dest2, flags2, cb2], err, startTime || Date.now(), Date.now()]);
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
      return (...args) => new Promise((resolve4, reject) => {
        args.push((err, result) => {
          if (err) {
            reject(err);
          } else {
            resolve4(result);
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

// server/cache/cacheService.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { availableParallelism, tmpdir } from "node:os";
import { chmodSync, readFileSync as readFileSync6, statSync as statSync4, unlinkSync as unlinkSync2, writeFileSync as writeFileSync3 } from "node:fs";
import { join as join5, resolve as resolve3 } from "node:path";

// server/cache/compilerIdentity.ts
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";

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
      candidate = resolve(cwd, compiler);
      if (!existsSync(candidate)) candidate = void 0;
    } else candidate = onPath(compiler, env);
    if (!candidate) throw new CompilerNotFoundError(`compiler not found: ${compiler}`);
    return realpathSync(candidate);
  }
  identify(compilerPath) {
    const st = statSync(compilerPath);
    const stamp = `${st.size}:${st.mtimeMs}`;
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
        const p = join(d, name);
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
import { readFileSync as readFileSync2 } from "node:fs";

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
  const run = async (function_, resolve4, arguments_) => {
    const result = (async () => function_(...arguments_))();
    resolve4(result);
    try {
      await result;
    } catch {
    }
    next();
  };
  const enqueue = (function_, resolve4, reject, arguments_) => {
    const queueItem = { reject };
    new Promise((internalResolve) => {
      queueItem.run = internalResolve;
      queue.enqueue(queueItem);
    }).then(run.bind(void 0, function_, resolve4, arguments_));
    if (activeCount < concurrency) {
      resumeNext();
    }
  };
  const generator = (function_, ...arguments_) => new Promise((resolve4, reject) => {
    enqueue(function_, resolve4, reject, arguments_);
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
        let child;
        try {
          child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        } catch (e) {
          resolveRun({ exitCode: 127, stdout: Buffer.alloc(0), stderr: Buffer.from(`fbuild: cannot run ${command}: ${e.message}
`), durationMs: 0 });
          return;
        }
        this.running.add(child);
        child.stdout.on("data", (b) => out.push(b));
        child.stderr.on("data", (b) => err.push(b));
        const finish = (exitCode, extra) => {
          this.running.delete(child);
          if (extra) err.push(Buffer.from(extra));
          resolveRun({
            exitCode,
            stdout: Buffer.concat(out),
            stderr: Buffer.concat(err),
            durationMs: performance.now() - started
          });
        };
        child.on("error", (e) => finish(127, `fbuild: cannot run ${command}: ${e.message}
`));
        child.on("close", (code, signal) => finish(code ?? (signal ? 128 + 9 : 1)));
      })
    );
  }
  get active() {
    return this.running.size + this.limit.pendingCount;
  }
  /**
   * Kills every running compiler, with the processes it started (a GCC driver runs cc1 and as, which
   * would otherwise live on and keep the pipes open), and drops the queued ones.
   */
  killAll() {
    this.limit.clearQueue();
    for (const child of this.running) if (child.pid) killTree(child.pid);
  }
};
function killTree(pid) {
  try {
    process.kill(pid, "SIGSTOP");
  } catch {
    return;
  }
  let children = [];
  try {
    children = readFileSync2(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
  }
  for (const c of children) killTree(c);
  try {
    process.kill(pid, "SIGKILL");
  } catch {
  }
}

// server/cache/compilerArgs.ts
import { readFileSync as readFileSync3 } from "node:fs";
import { basename, extname, isAbsolute as isAbsolute2, join as join2, relative, resolve as resolve2, sep } from "node:path";
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
      text = readFileSync3(resolve2(cwd, arg.slice(1)), "utf8");
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
  const debugPrefixMaps = [];
  let language;
  const sources = [];
  let otherInput;
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
    else if (a.startsWith("-fdebug-prefix-map=") || a.startsWith("-ffile-prefix-map=")) {
      const map = a.slice(a.indexOf("=") + 1);
      debugPrefixMaps.push(map.slice(0, map.includes("=") ? map.indexOf("=") : void 0));
    } else if (a === "-") return uncacheable("source from standard input");
    else if (a.startsWith("-")) {
      const pathOpt = PATH_OPTIONS.find((o) => a === o);
      if (pathOpt || SEPARATE_VALUE_OPTIONS.has(a)) {
        if (next() === void 0) return uncacheable(`missing argument to ${a}`);
      }
    } else {
      const lang = language ?? LANGUAGE_BY_EXTENSION[extname(a)];
      if (lang) sources.push({ path: a, language: lang });
      else otherInput ??= a;
    }
  }
  if (!compileOnly) return uncacheable("no -c (link or preprocess)");
  if (otherInput !== void 0) return uncacheable(`input is not a source file (${basename(otherInput)})`);
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
    debugInfo,
    debugPrefixMaps
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
    const abs = isAbsolute2(p) ? p : resolve2(this.cwd, p);
    if (abs === this.workspaceRoot) return "$WS";
    if (abs.startsWith(this.rootWithSep)) return "$WS/" + relative(this.workspaceRoot, abs).split(sep).join("/");
    return abs;
  }
  /** The inverse of normalize() for the current workspace. */
  resolve(normalized) {
    if (normalized === "$WS") return this.workspaceRoot;
    if (normalized.startsWith("$WS/")) return join2(this.workspaceRoot, normalized.slice(4));
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
    const prefixMap = arg.startsWith("-f") ? /^(-fdebug-prefix-map=|-ffile-prefix-map=)([^=]*)(=.*)?$/.exec(arg) : null;
    if (prefixMap) {
      out.push(prefixMap[1] + paths.normalize(prefixMap[2]) + (prefixMap[3] ?? ""));
      continue;
    }
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
import { readFileSync as readFileSync4, statSync as statSync2 } from "node:fs";
var MAX_ENTRIES = 2e5;
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
      data = readFileSync4(path);
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
    if (Date.now() - Math.max(st.mtimeMs, st.ctimeMs) > 2e3) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(path, entry);
    }
    return entry;
  }
  /** Forgets everything (used when the caller knows files changed behind the stat data's back). */
  clear() {
    this.cache.clear();
  }
};

// server/cache/stepsCache.ts
import { rmSync } from "node:fs";
import { isAbsolute as isAbsolute3, join as join3 } from "node:path";
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
  for (const out of req.outputs) rmSync(isAbsolute3(out) ? out : join3(req.cwd, out), { force: true });
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
import { mkdirSync as mkdirSync2, readdirSync as readdirSync2, readFileSync as readFileSync5, renameSync as renameSync2, statSync as statSync3, unlinkSync, writeFileSync as writeFileSync2, existsSync as existsSync2 } from "node:fs";
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
      const data = readFileSync5(this.indexPath);
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
      data = readFileSync5(path);
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
    if (this.bytes > this.options.maxBytes) this.flush().catch(() => void 0);
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
            continue;
          }
          if (row[4] > mine[4]) mine[4] = row[4];
          if (row[3] !== mine[3]) {
            const size = safeSize(this.pathFor(k));
            if (size === void 0) this.dropRow(k);
            else this.setRow(k, [mine[0], mine[1], mine[2], size, mine[4]]);
          }
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
    const target = this.options.maxBytes * 0.9;
    const byAge = [...this.index.entries()].sort((a, b) => a[1][4] - b[1][4]);
    for (const [key] of byAge) {
      if (this.bytes <= target) break;
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
function safeSize(path) {
  try {
    return statSync3(path).size;
  } catch {
    return void 0;
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
    const dir = resolve3(config.cacheDir ?? defaultCacheDir());
    const store = config.store ?? LocalStore.open({ dir, maxBytes: config.maxBytes ?? 2 * 1024 ** 3 });
    const identities = new CompilerIdentities(join5(dir, "v1", "compilers.msgpack"));
    return new _CacheService(store, identities, new CompilerPool(config.jobs ?? availableParallelism()));
  }
  compile(request) {
    if (this.closed) return Promise.reject(new Error("CacheService is shut down"));
    const p = this.compileTracked(request);
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p)).catch(() => void 0);
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
    const root = resolve3(req.workspaceRoot);
    const relocatable = !parsed.debugInfo || parsed.debugPrefixMaps.some((old) => resolve3(req.cwd, old) === root);
    const paths = new PathNormalizer(relocatable ? root : "/\0", req.cwd);
    const compiler = this.identities.identify(compilerPath);
    const flags = new KeyHasher("fbuild-flags-v1").fields(keyArguments(parsed, paths)).field(paths.normalize(req.cwd)).hex();
    const source = paths.normalize(parsed.source);
    const contextKey = new KeyHasher("fbuild-context-v1").field(compiler).field(parsed.language).field(flags).field(source).hex();
    return { contextKey, compiler, flags, source, parsed, paths, cwd: req.cwd, env: req.env };
  }
  /** Finds a stored result whose recorded files all still have their recorded content. */
  lookup(key, read) {
    if (read.status === "damaged") return { reason: "damaged entry" };
    if (read.status === "absent") return { reason: this.explainNew(key) };
    const entry = read.entry;
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
    writeFileSync3(resolve3(cwd, parsed.output), hit.object);
    if (parsed.depFile !== void 0 && hit.depfile) {
      writeFileSync3(resolve3(cwd, parsed.depFile), renderDepfile(hit.depfile, key));
    }
  }
  async compileAndStore(key, lookup, compilerPath, env) {
    const { parsed, cwd } = key;
    const ownDepfile = parsed.depFile === void 0 ? join5(tmpdir(), `fbuild-${process.pid}-${randomBytes2(6).toString("hex")}.d`) : void 0;
    const args = ownDepfile ? [...parsed.args, "-MD", "-MF", ownDepfile] : parsed.args;
    const depPath = ownDepfile ?? resolve3(cwd, parsed.depFile);
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
      object = readFileSync6(resolve3(cwd, parsed.output));
    } catch {
      return "compiler wrote no output";
    }
    let depText;
    try {
      depText = readFileSync6(depPath, "utf8");
    } catch {
      depText = void 0;
    }
    const dep = depText === void 0 ? void 0 : parseDepfile(depText);
    if (!dep && parsed.language !== "assembler") return "no dependency file";
    const sourceAbs = resolve3(cwd, parsed.source);
    const inputs = [sourceAbs];
    for (const d of dep?.deps ?? []) {
      const abs = resolve3(cwd, d);
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
    const paths = new PathNormalizer(resolve3(req.workspaceRoot), req.cwd);
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
        const d = this.hasher.digest(resolve3(req.cwd, input));
        if (!d) throw new Error(`link input missing: ${input}`);
        h.field(d.hash);
      }
      key = h.hex();
    } catch (e) {
      if (e instanceof CompilerNotFoundError) return this.runSteps(req, env, "uncacheable", "compiler not found");
      return this.runSteps(req, env, "error", describe(e));
    }
    const pending = this.store.get(key);
    const read = pending instanceof Promise ? await pending : pending;
    const stored = read.status === "found" ? read.entry.results[0] : void 0;
    if (stored?.extras) {
      const extras = stored.extras;
      const complete = req.outputs.every((o) => extras[`out:${paths.normalize(resolve3(req.cwd, o))}`]);
      if (complete) {
        for (const o of req.outputs) {
          const key2 = paths.normalize(resolve3(req.cwd, o));
          const file = resolve3(req.cwd, o);
          writeFileSync3(file, extras[`out:${key2}`]);
          const mode = extras[`mode:${key2}`];
          if (mode) chmodSync(file, Number.parseInt(Buffer.from(mode).toString(), 8));
        }
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
    const reason = read.status === "damaged" ? "damaged entry" : (() => {
      const others = this.store.entriesForSource(`$STEPS:${label}`);
      if (others.length === 0) return "new";
      return others.some((o) => o.flags === flags) ? "objects changed" : "flags changed";
    })();
    const t0 = performance.now();
    const result = await this.runSteps(req, env);
    if (result.exitCode !== 0) return this.countSteps(result, "uncacheable", "link failed");
    try {
      const extras = {};
      for (const o of req.outputs) {
        const key2 = paths.normalize(resolve3(req.cwd, o));
        extras[`out:${key2}`] = readFileSync6(resolve3(req.cwd, o));
        extras[`mode:${key2}`] = Buffer.from((statSync4(resolve3(req.cwd, o)).mode & 511).toString(8));
      }
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
  /**
   * graceful: lets compiles in flight finish, then flushes. force: kills running compilers first.
   * A store that cannot be saved does not fail the caller (the build succeeded): the problem comes
   * back as a warning to print.
   */
  async shutdown(mode = "graceful") {
    if (this.closed) return { warnings: [] };
    this.closed = true;
    if (mode === "force") this.pool.killAll();
    await Promise.allSettled([...this.inFlight]);
    const warnings = [];
    try {
      await this.store.close();
    } catch (e) {
      warnings.push(`could not save the cache index: ${describe(e)}; the cached objects are kept and the index is rebuilt next time`);
    }
    this.identities.save();
    return { warnings };
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
  const target = depTargets(key.parsed).join(" ");
  if (stored.target !== target && text.startsWith(stored.target)) text = target + text.slice(stored.target.length);
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

export {
  sha256Hex,
  KeyHasher,
  CompilerPool,
  expandResponseFiles,
  parseDepfile,
  runStepSequence,
  missCategory,
  CacheService
};

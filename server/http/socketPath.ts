import { lstatSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { UserError } from '../util/errors.js';

/** How long a socket may take to accept a connection before it is taken for a live (busy) one. */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Makes `path` free for the server's socket. Nothing there: nothing to do. A socket that refuses a
 * connection is what a server that died leaves behind: it is removed. Anything else is refused, in
 * one line, and left as it is: a live server's socket (deleting it would leave that server running
 * but unreachable), a regular file, a directory, a symlink.
 */
export async function freeSocketPath(path: string): Promise<void> {
  let kind: string;
  try {
    const st = lstatSync(path);
    kind = st.isSocket()
      ? 'socket'
      : st.isDirectory()
        ? 'directory'
        : st.isSymbolicLink()
          ? 'symlink'
          : st.isFile()
            ? 'file'
            : 'special file';
  } catch {
    return; // nothing there
  }
  if (kind !== 'socket') {
    throw new UserError(
      `--socket ${path} is a ${kind}, not a socket; fbuild removes only a socket left by a server that died: choose another path`,
    );
  }
  const probe = await probeSocket(path);
  if (probe === 'gone') return;
  if (probe !== 'refused') {
    throw new UserError(
      `--socket ${path} is in use (${probe === 'live' ? 'something answers on it, another server?' : probe}); stop that server (fbuild stop) or choose another path`,
    );
  }
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new UserError(`cannot remove the stale socket ${path}: ${(e as NodeJS.ErrnoException).code}`);
  }
}

/** Whether a Unix socket accepts a connection: 'live', 'refused' (stale), 'gone', or the error code. */
function probeSocket(path: string): Promise<'live' | 'refused' | 'gone' | string> {
  return new Promise((resolveProbe) => {
    const socket = connect({ path });
    const done = (result: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolveProbe(result);
    };
    const timer = setTimeout(() => done('live'), PROBE_TIMEOUT_MS);
    socket.once('connect', () => done('live'));
    socket.once('error', (e: NodeJS.ErrnoException) =>
      done(e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ENOENT' ? 'gone' : (e.code ?? e.message)),
    );
  });
}

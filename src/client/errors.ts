/** The server could not be reached (not running, wrong URL): callers fall back to working without it. */
export class ServerUnreachableError extends Error {}

/** The server took a connection and then did not answer in time (FBUILD_*_TIMEOUT_MS). */
export class ServerTimeoutError extends ServerUnreachableError {}

/** The server answered with an error status. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The error the server put in its JSON body, or the body itself. */
export function serverErrorMessage(body: string): string {
  try {
    return (JSON.parse(body) as { error?: string }).error ?? body;
  } catch {
    return body;
  }
}

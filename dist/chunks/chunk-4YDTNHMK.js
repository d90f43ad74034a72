import { createRequire as __fbuildCreateRequire } from 'node:module';
const require = __fbuildCreateRequire(import.meta.url);

// src/client/errors.ts
var ServerUnreachableError = class extends Error {
};
var ServerError = class extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  status;
};
function serverErrorMessage(body) {
  try {
    return JSON.parse(body).error ?? body;
  } catch {
    return body;
  }
}

export {
  ServerUnreachableError,
  ServerError,
  serverErrorMessage
};

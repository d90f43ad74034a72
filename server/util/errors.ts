/**
 * Errors a user can meet: each names the problem and the fix, in one line, and carries the exit code.
 * They are made here and printed once, at the edge (the CLI's main, the action's steps).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const usage = (command: string, synopsis: string): UserError => new UserError(`${command}: ${synopsis}`, 2);

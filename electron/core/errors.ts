import type { ErrorCode } from '../../shared/api/result';

/** An error meant for the user: one clear Swedish sentence, and a code that travels as data. */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(message: string, code: ErrorCode = 'USER_ERROR', details?: unknown) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.details = details;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

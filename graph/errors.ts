// Errors a user can act on. The CLI and API print `message` as one line (never a stack trace);
// anything that is not a PolicyGraphError is a bug and is reported as such.
// Lives in graph/ because it is the lowest layer every other layer may import.

export type ErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_REJECTED'
  | 'DATA_DIR'
  | 'SCHEMA_NEWER'
  | 'STORE_UNAVAILABLE'
  | 'INDEX_MISMATCH'
  | 'INDEX_MISSING'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'CONFIG';

export class PolicyGraphError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'PolicyGraphError';
  }
}

export function isPolicyGraphError(err: unknown): err is PolicyGraphError {
  return err instanceof PolicyGraphError;
}

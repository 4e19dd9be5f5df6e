/** Why a planner command failed. The code is the contract; the message is for people. */
export const PlannerErrorCode = {
  /** A visitor (or a read-only session) tried to save; the host was sent `LoginRequired`. */
  LOGIN_REQUIRED: 'LOGIN_REQUIRED',
  /** The session is still connecting: no token has arrived yet. */
  NOT_READY: 'NOT_READY',
  /** The browser is offline; the design stays in the local draft. */
  OFFLINE: 'OFFLINE',
  /** The session could not be renewed; the design stays in the local draft. */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** This page is not allowed to embed the planner. */
  NOT_ALLOWED: 'NOT_ALLOWED',
  /** The project changed elsewhere since it was opened; nothing was overwritten. */
  CONFLICT: 'CONFLICT',
  SAVE_FAILED: 'SAVE_FAILED',
  LOAD_FAILED: 'LOAD_FAILED',
  DELETE_FAILED: 'DELETE_FAILED',
  /** A host asked to place an item (`addItem`) that the catalog does not have. */
  NOT_IN_CATALOG: 'NOT_IN_CATALOG',
} as const;

export type PlannerErrorCode = (typeof PlannerErrorCode)[keyof typeof PlannerErrorCode];

export class PlannerError extends Error {
  override readonly name = 'PlannerError';
  readonly code: PlannerErrorCode;

  constructor(code: PlannerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }
}

export function isPlannerError(error: unknown, code?: PlannerErrorCode): error is PlannerError {
  return error instanceof PlannerError && (code === undefined || error.code === code);
}

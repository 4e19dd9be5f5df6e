/**
 * Every failure the SDK reports carries one of these codes. The code is the contract (switch
 * on it); the message is just the code, so that no token, provider output or planner text
 * can end up in a log line through it. The underlying error, if any, is kept as `cause`.
 */
export type EmbedErrorCode =
  /** `embedPlanner` was called with missing or inconsistent options (thrown synchronously). */
  | 'INVALID_OPTIONS'
  /** The planner did not send `Ready` within `readyTimeout`. */
  | 'READY_TIMEOUT'
  /** The token provider failed every attempt; `cause` is the last attempt's error. */
  | 'TOKEN_PROVIDER_FAILED'
  /** One provider attempt took longer than `tokenTimeout` (seen as a `cause`). */
  | 'TOKEN_PROVIDER_TIMEOUT'
  /** A token is not a planner JWT whose `kind` claim is `user` or `legal_entity`. */
  | 'INVALID_TOKEN'
  /** The planner reloaded while this call was on its way; the call may be retried. */
  | 'DISCONNECTED'
  /** `destroy()` was called. */
  | 'DESTROYED';

export class EmbedError extends Error {
  readonly code: EmbedErrorCode;

  constructor(code: EmbedErrorCode, options?: ErrorOptions) {
    super(code, options);
    this.name = 'EmbedError';
    this.code = code;
  }
}

/** For promises whose rejection is handled elsewhere, or does not matter. */
export const noop = () => {};

/**
 * Work that can be cut short: `guard(work)` settles like `work`, unless `stop(error)` is called
 * first, which rejects it, and everything guarded later, with `error`. How `destroy()` ends
 * whatever waits on the planner or the provider, and a closed channel its calls in flight.
 */
export function stopper(): [guard: <T>(work: Promise<T>) => Promise<T>, stop: (error: EmbedError) => void] {
  let stop!: (error: EmbedError) => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // Handled here: a stop with nothing guarded is no unhandled rejection.
  stopped.catch(noop);
  return [(work) => Promise.race([work, stopped]), stop];
}

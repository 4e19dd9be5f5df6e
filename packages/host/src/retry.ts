import { EmbedError } from './errors.ts';

/** How often the token provider is tried before we give up and tell both sides. */
export const TOKEN_ATTEMPTS = 3;
/** Wait before the 2nd attempt; doubled before each further one (500 ms, 1 s, …). */
export const TOKEN_BACKOFF_MS = 500;

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/**
 * Runs `attempt` up to `TOKEN_ATTEMPTS` times with exponential back-off. Each attempt gets its
 * own deadline of `timeout` ms, so a provider that hangs cannot stall the planner forever.
 * Rejects with `TOKEN_PROVIDER_FAILED`, the last attempt's error as its cause.
 */
export async function retry<T>(attempt: () => Promise<T>, timeout: number): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await Promise.race([
        attempt(),
        sleep(timeout).then(() => {
          throw new EmbedError('TOKEN_PROVIDER_TIMEOUT');
        }),
      ]);
    } catch (cause) {
      if (i >= TOKEN_ATTEMPTS) throw new EmbedError('TOKEN_PROVIDER_FAILED', { cause });
      await sleep(TOKEN_BACKOFF_MS * 2 ** (i - 1));
    }
  }
}

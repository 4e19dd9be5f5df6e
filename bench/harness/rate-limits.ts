/** Every rate limit out of the way: a bench sends from one address with one key, on purpose. */
const unlimited = { limit: 1_000_000_000, windowSeconds: 60 };

export const BENCH_RATE_LIMITS = {
  tokenRequests: unlimited,
  authFailures: unlimited,
  consumerFailures: unlimited,
  operatorFailures: unlimited,
};

import type { TokenVerifierOptions, VerifyToken } from './verify-token.ts';

/**
 * `createTokenVerifier`, loaded on the first token rather than with the page: jose and the
 * key-set code are ≈ 5 kB of the planner's first paint (min+gzip), which has a hard budget,
 * and no token can arrive before the page has painted and said `Ready`. The module is fetched
 * once; a failed fetch (the network went) answers `keys_unavailable`, as a key set that could
 * not be fetched does, and the next token tries again. Like the verifier, it never throws.
 */
export function lazyTokenVerifier(
  options: TokenVerifierOptions,
  load: () => Promise<{ createTokenVerifier: (o: TokenVerifierOptions) => VerifyToken }> = () =>
    import('./verify-token.ts'),
): VerifyToken {
  let verifier: Promise<VerifyToken> | undefined;
  return async (token) => {
    verifier ??= load().then((m) => m.createTokenVerifier(options));
    let verify: VerifyToken;
    try {
      verify = await verifier;
    } catch {
      verifier = undefined;
      return 'keys_unavailable';
    }
    return verify(token);
  };
}

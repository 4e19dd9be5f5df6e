import { type FetchLike, RequestQueue, type RequestQueueOptions } from '../queue/request-queue.ts';
import { lazyTokenVerifier } from '../token/lazy-verifier.ts';
import { TokenStore, type TokenStoreOptions } from '../token/token-store.ts';
import type { VerifyToken } from '../token/verify-token.ts';
import { createWebServices, type WebServices } from '../web-services.ts';
import { Bridge, type BridgeOptions, type BridgeWindow } from './bridge.ts';

export interface PlannerClientOptions {
  /**
   * Where the platform's API lives (may differ from the planner's origin): its public URL,
   * which its tokens name as their issuer and which publishes their keys.
   */
  baseUrl: string;
  /**
   * How tokens are proven genuine; by default against `${baseUrl}/.well-known/jwks.json`, with
   * the verifier's module loaded on the first token (`lazyTokenVerifier`).
   */
  verifyToken?: VerifyToken;
  /** Sent in `Ready`. */
  plannerVersion: string;
  window?: BridgeWindow;
  fetch?: FetchLike;
  tokens?: TokenStoreOptions;
  queue?: Omit<RequestQueueOptions, 'tokens' | 'requestToken' | 'fetch' | 'now'>;
  bridge?: Pick<BridgeOptions, 'readyRetryMs' | 'readyMaxIntervalMs'>;
}

export interface PlannerClient {
  tokens: TokenStore;
  queue: RequestQueue;
  bridge: Bridge;
  services: WebServices;
  /** Fails pending calls with `DESTROYED`, stops the bridge. Idempotent. */
  destroy(): void;
}

/**
 * Everything the planner needs to talk to its host and the platform, wired together: the
 * bridge installs tokens in the store, the queue asks the bridge for new ones, and
 * failures the host should know about reach it:
 *
 * - the queue's refresh times out or its breaker opens → `Error { code: 'refresh_failed' }`;
 * - the host reports `token_unavailable` → held calls fail at once with `TOKEN_UNAVAILABLE`.
 */
export function createPlannerClient(options: PlannerClientOptions): PlannerClient {
  const tokens = new TokenStore(options.tokens);
  const bridge = new Bridge({
    tokens,
    verifyToken:
      options.verifyToken ??
      lazyTokenVerifier({
        issuer: options.baseUrl,
        ...(options.tokens?.maxClockSkewMs ? { maxClockSkewMs: options.tokens.maxClockSkewMs } : {}),
        ...(options.tokens?.now ? { now: options.tokens.now } : {}),
      }),
    plannerVersion: options.plannerVersion,
    ...(options.window ? { window: options.window } : {}),
    ...options.bridge,
  });
  const queue = new RequestQueue({
    ...options.queue,
    tokens,
    requestToken: bridge.requestToken,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.tokens?.now ? { now: options.tokens.now } : {}),
  });
  queue.on('refreshTimeout', () => bridge.reportRefreshFailed());
  queue.on('refreshFailure', (event) => {
    if (event.code === 'REFRESH_LIMITED')
      bridge.reportRefreshFailed('Too many token refreshes in a short time.');
  });
  bridge.on('tokenUnavailable', () => queue.tokenUnavailable());
  const services = createWebServices({ baseUrl: options.baseUrl, queue });

  return {
    tokens,
    queue,
    bridge,
    services,
    destroy() {
      queue.destroy();
      bridge.destroy();
    },
  };
}

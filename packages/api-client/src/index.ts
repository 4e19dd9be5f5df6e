/**
 * `@planner/api-client`: inside the planner iframe, the token store, the request queue and
 * the typed web-service calls. The iframe messaging lives in `@planner/api-client/bridge`.
 */
export type { AnyListener, EventOf, Listener, Observable } from './emitter.ts';
export {
  ApiClientError,
  type ApiClientErrorCode,
  type ApiClientErrorOptions,
  ErrorCode,
  isApiClientError,
} from './errors.ts';
export {
  type FetchLike,
  type HoldReason,
  type QueueEventMap,
  type RefreshFailureCode,
  type RequestOptions,
  RequestQueue,
  type RequestQueueOptions,
  type VisibilitySource,
} from './queue/request-queue.ts';
export { decodeClaims } from './token/decode-claims.ts';
export {
  type InstallResult,
  type TokenChange,
  type TokenRecord,
  type TokenRefusal,
  type TokenSender,
  type TokenState,
  TokenStore,
  type TokenStoreOptions,
} from './token/token-store.ts';
export {
  createTokenVerifier,
  type TokenVerifierOptions,
  type Verification,
  type VerifyToken,
} from './token/verify-token.ts';
export {
  type CallOptions,
  type CatalogQuery,
  createWebServices,
  type InboxOptions,
  type Requester,
  type VersionedProject,
  type WebServices,
  type WebServicesOptions,
} from './web-services.ts';

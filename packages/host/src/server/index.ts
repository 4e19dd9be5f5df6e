/**
 * `@planner/host/server`: for the host's back-end (Node ≥ 20, or any runtime with `fetch` and
 * Web Crypto). Mints planner tokens with the API key; the browser entry never imports this.
 */

export { TokenClientError, type TokenClientErrorCode, type TokenClientErrorDetails } from './errors.ts';
export {
  createTokenClient,
  type LegalEntityTokenOptions,
  type TokenClient,
  type TokenClientOptions,
  type TokenResponse,
  type TokenScope,
  type UserTokenOptions,
} from './tokenClient.ts';

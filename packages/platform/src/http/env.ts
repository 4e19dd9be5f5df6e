import type { AccessTokenClaims } from '../schemas/tokens.ts';
import type { Services } from '../services.ts';

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    services: Services;
    claims: AccessTokenClaims;
    requestId: string;
  };
}

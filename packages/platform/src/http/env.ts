import type { Services } from '../services.ts';
import type { Principal } from '../tokens/principal.ts';

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    services: Services;
    /** Who the bearer token speaks for (set by `bearerAuth`). */
    principal: Principal;
    requestId: string;
    /** The stable `error` code of the answer, when it is an error of ours (metrics count refusals by it). */
    errorCode: string;
  };
}

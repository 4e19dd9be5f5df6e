import type { PrincipalKind } from './tokens.ts';

/** `GET /v1/me`: who the token speaks for. */
export interface Identity {
  kind: PrincipalKind;
  scope: string;
  legal_entity: { id: string; name: string };
  /** The host's id for the user. */
  user: { id: string } | null;
  /** Null for a static token. */
  expires_at: string | null;
}

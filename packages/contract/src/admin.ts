import type { BackendService } from './backends.ts';
import type { GrantedScope } from './scopes.ts';

/** The admin API (`/admin/api/*`): what the operator console reads and sends. */

export const BACKEND_PROFILE_STATUSES = ['active', 'disabled'] as const;
/** `disabled`: its access key gets no token and its tokens are refused, until enabled. */
export type BackendProfileStatus = (typeof BACKEND_PROFILE_STATUSES)[number];

export interface AdminLegalEntity {
  id: string;
  name: string;
  default_token_lifetime: number;
  oauth_token_lifetime: number;
  origins: string[];
  /** The subscription's back-end services. */
  services: BackendService[];
  created_at: string;
}

export interface SubscriptionInput {
  services: BackendService[];
}

/** Seconds, within `ADMIN_LIMITS.lifetimeMinSeconds`…`lifetimeMaxSeconds`. */
export interface LifetimeInput {
  seconds: number;
}

export interface BackendProfile {
  id: string;
  legal_entity_id: string;
  name: string;
  external_system: string;
  created_at: string;
  status: BackendProfileStatus;
  disabled_at: string | null;
  /** The active static token's id and date (never the token itself), or null. */
  static_token: { id: string; created_at: string } | null;
}

export interface BackendProfileDetails extends BackendProfile {
  /** Authenticates standard-token requests. */
  access_key: string;
  access_key_rotated_at: string | null;
  /** Until when the key before the last rotation is still accepted (its overlap), or null. */
  previous_access_key_expires_at: string | null;
  services: BackendService[];
}

export interface RotateAccessKeyInput {
  /** How long the old key, and the standard tokens it obtained, keep working; default 0. */
  overlap_seconds?: number;
}

export interface BackendProfileInput {
  name: string;
  external_system: string;
}

export interface NewStaticToken {
  /** Shown this once. */
  static_token: string;
  id: string;
  profile_id: string;
  created_at: string;
  /** The static token it replaced, now deactivated. */
  replaced: string | null;
}

export interface DeactivatedStaticToken {
  id: string;
  profile_id: string;
  deactivated_at: string;
}

export interface OAuthConsumer {
  consumer_key: string;
  legal_entity_id: string;
  /** The host's id for the user the consumer acts as. */
  user_id: string;
  label: string;
  scope: GrantedScope;
  created_at: string;
  revoked_at: string | null;
}

export interface NewOAuthConsumer extends OAuthConsumer {
  /** Shown this once. */
  consumer_secret: string;
}

export interface OAuthConsumerInput {
  user_id: string;
  label?: string;
  /** The most its tokens may carry; default `read`. */
  scope?: string;
}

/** `POST /oauth/token`'s grants. */
export const OAUTH_GRANT_TYPES = ['client_credentials', 'password', 'refresh_token'] as const;
export type OAuthGrantType = (typeof OAUTH_GRANT_TYPES)[number];

/** Which of the platform's tokens an introspected token is. */
export const TOKEN_USES = ['access_token', 'standard_token', 'static_token', 'refresh_token'] as const;
export type TokenUse = (typeof TOKEN_USES)[number];

export const TOKEN_TYPE_HINTS = ['access_token', 'refresh_token'] as const;
export type TokenTypeHint = (typeof TOKEN_TYPE_HINTS)[number];

export interface OAuthTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  /** Not for client_credentials. Single use: each refresh returns a new one. */
  refresh_token?: string;
  scope: string;
}

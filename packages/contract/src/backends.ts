/** The back-end services a subscription can include (seed 000). */
export const BACKEND_SERVICES = ['reporting', 'messagebox'] as const;
export type BackendService = (typeof BACKEND_SERVICES)[number];

/** `POST /v1/backend/tokens`: a back-end asks for a standard token with its access key. */
export interface BackendTokenRequest {
  access_key: string;
}

export interface BackendTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: 3600;
  /** The services it may call, e.g. `reporting messagebox`. */
  scope: string;
}

/** Tokens issued per day, by kind. */
export interface TokensIssued {
  legal_entity: number;
  user: number;
  backend_standard: number;
  backend_static: number;
  oauth: number;
}

export interface UsageCounts {
  tokens_issued: TokensIssued;
  projects_created: number;
  /** Updates of existing projects. */
  projects_saved: number;
  /** Users who got a token or called a service. */
  active_users: number;
}

export interface DayUsage extends UsageCounts {
  date: string;
}

/** `GET /v1/reporting/usage`; days are `YYYY-MM-DD` between `FIRST_DAY` and `LAST_DAY`. */
export interface UsageReport {
  legal_entity: { id: string; name: string };
  from: string;
  to: string;
  days: DayUsage[];
  /** Over the range; each active user counted once. */
  totals: UsageCounts;
}

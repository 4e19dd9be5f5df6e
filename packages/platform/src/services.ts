import type { CatalogStore } from './catalog/catalog-store.ts';
import type { MasterKey } from './crypto/master-key.ts';
import type { Database } from './db/database.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';
import type { ApiKeyDirectory } from './tokens/api-key-directory.ts';
import type { SigningKeys } from './tokens/signing-keys.ts';
import type { Logger } from './util/log.ts';

export interface PlatformConfig {
  /** The platform's public base URL: the tokens' issuer. */
  publicUrl: string;
  /** The exact URL client assertions must name as their audience. */
  tokenUrl: string;
  /** The tokens' audience: the web services. */
  audience: string;
  /** The longest token lifetime anybody may ask for, in seconds. */
  maxTokenLifetime: number;
  /** The shortest, in seconds. */
  minTokenLifetime: number;
  /** Browser origins allowed to call the web services (the planner's). */
  corsOrigins: string[];
}

/** Everything a request handler may use; built once per process by `createPlatform`. */
export interface Services {
  config: PlatformConfig;
  db: Database;
  master: MasterKey;
  keys: SigningKeys;
  apiKeys: ApiKeyDirectory;
  tokens: AccessTokens;
  catalog: CatalogStore;
  log: Logger;
  now: () => number;
}

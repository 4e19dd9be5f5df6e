export { ApiKeyOperations } from './accounts/api-key-operations.ts';
export { createApiKey, listApiKeys, revokeApiKey } from './accounts/api-keys.ts';
export {
  addOrigin,
  createLegalEntity,
  getLegalEntity,
  listLegalEntities,
} from './accounts/legal-entities.ts';
export { CatalogImportError } from './catalog/catalog-import.ts';
export { CatalogOperations } from './catalog/catalog-operations.ts';
export { configFromEnv, storageFromEnv } from './config.ts';
export { generateMasterKey, loadMasterKey, type MasterKey, masterKeyFrom } from './crypto/master-key.ts';
export { lockDataDir } from './db/data-dir-lock.ts';
export { PlatformError, type PlatformErrorCode } from './errors.ts';
export { createPlatform, type Platform, type PlatformOptions } from './platform.ts';
export { listen, type RunningServer } from './server.ts';
export { paramsHash } from './tokens/client-assertion.ts';
export { createLogger, type Logger } from './util/log.ts';

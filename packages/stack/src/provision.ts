import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addOrigin,
  CatalogOperations,
  createApiKey,
  createLegalEntity,
  createLogger,
  generateMasterKey,
  getLegalEntity,
  type MasterKey,
  masterKeyFrom,
} from '@planner/platform';

/** The files of a data folder that outlive a restart (the database aside). */
export interface DataFiles {
  masterKeyFile: string;
  adminTokenFile: string;
  shopFile: string;
}

export const dataFiles = (dataDir: string): DataFiles => ({
  masterKeyFile: join(dataDir, 'master.key'),
  adminTokenFile: join(dataDir, 'admin.token'),
  shopFile: join(dataDir, 'shop.json'),
});

/** A file only this user may read, written once: kept across restarts. */
async function secretFile(file: string, make: () => string): Promise<string> {
  if (!existsSync(file)) {
    await writeFile(file, `${make()}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
  }
  return (await readFile(file, 'utf8')).trim();
}

/**
 * The operator's master key (outside the database) and operator token (as `planner-admin
 * admin-token` would make it): made on first start, never printed.
 */
export async function operatorSecrets(dataDir: string): Promise<{ master: MasterKey; adminToken: string }> {
  await mkdir(dataDir, { recursive: true });
  const files = dataFiles(dataDir);
  const key = await secretFile(files.masterKeyFile, generateMasterKey);
  const adminToken = await secretFile(
    files.adminTokenFile,
    () => `adm_${randomBytes(32).toString('base64url')}`,
  );
  return { master: masterKeyFrom(Buffer.from(key, 'base64url')), adminToken };
}

export interface ShopCredentials {
  legalEntityId: string;
  apiKeyId: string;
  secretKey: string;
}

/** The demo shop's legal entity and API key: created on first start, kept in the data folder. */
export async function provisionShop(
  db: Parameters<typeof addOrigin>[0],
  master: MasterKey,
  file: string,
  shopOrigin: string,
): Promise<ShopCredentials> {
  if (existsSync(file)) {
    const saved = JSON.parse(await readFile(file, 'utf8')) as ShopCredentials;
    const le = await getLegalEntity(db, saved.legalEntityId);
    if (le) {
      if (!le.origins.includes(shopOrigin)) await addOrigin(db, le.id, shopOrigin);
      return saved;
    }
  }
  const le = await createLegalEntity(db, {
    name: 'Nordhem Living',
    origins: [shopOrigin],
    defaultTokenLifetime: 300,
  });
  // The seeded catalog is the demo shop's (issue 12): a new legal entity starts empty.
  const log = createLogger({ level: 'warn' });
  await new CatalogOperations({ db, master, log, now: Date.now, actor: 'cli' }).adoptSeed(le.id);
  const key = await createApiKey(db, master, le.id, 'demo shop');
  const credentials = { legalEntityId: le.id, apiKeyId: key.id, secretKey: key.secretKey };
  await writeFile(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  return credentials;
}

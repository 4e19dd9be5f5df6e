import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadMasterKey } from './crypto/master-key.ts';
import { PlatformError } from './errors.ts';
import type { PlatformOptions } from './platform.ts';

export interface ServerSettings {
  port: number;
  host: string;
}

const int = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new PlatformError('invalid_argument', `${name} must be an integer.`);
  return n;
};

/** The default embedded data folder, relative to where the platform is started. */
export const DEFAULT_DATA_DIR = '.data/platform';

/** Storage settings shared by the server and the CLI. */
export function storageFromEnv(env: NodeJS.ProcessEnv) {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    schema: env.PLANNER_DB_SCHEMA || undefined,
    dataDir: env.DATABASE_URL ? undefined : resolve(env.PLANNER_DATA_DIR || DEFAULT_DATA_DIR),
  };
}

/**
 * Reads the platform's settings from the environment (twelve-factor): PORT, HOST,
 * PLANNER_PUBLIC_URL, DATABASE_URL or PLANNER_DATA_DIR, PLANNER_MASTER_KEY(_FILE),
 * PLANNER_CORS_ORIGINS (comma-separated), PLANNER_MAX_TOKEN_LIFETIME, PLANNER_ADMIN_TOKEN(_FILE),
 * PLANNER_TRUST_PROXY.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): { options: PlatformOptions; server: ServerSettings } {
  const port = int('PORT', env.PORT, 4000);
  const host = env.HOST || '127.0.0.1';
  return {
    server: { port, host },
    options: {
      ...storageFromEnv(env),
      master: loadMasterKey(env),
      publicUrl: env.PLANNER_PUBLIC_URL || `http://${host}:${port}`,
      corsOrigins: (env.PLANNER_CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      maxTokenLifetime: int('PLANNER_MAX_TOKEN_LIFETIME', env.PLANNER_MAX_TOKEN_LIFETIME, 86_400),
      adminToken: adminTokenFromEnv(env),
      trustProxy: /^(1|true|yes)$/i.test(env.PLANNER_TRUST_PROXY ?? ''),
    },
  };
}

/** The admin API's operator token: PLANNER_ADMIN_TOKEN, or the file PLANNER_ADMIN_TOKEN_FILE names. */
function adminTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const text = env.PLANNER_ADMIN_TOKEN
    ? env.PLANNER_ADMIN_TOKEN
    : env.PLANNER_ADMIN_TOKEN_FILE
      ? readFileSync(env.PLANNER_ADMIN_TOKEN_FILE, 'utf8')
      : undefined;
  return text?.trim() || undefined;
}

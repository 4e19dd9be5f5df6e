import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PlatformError } from '../errors.ts';

const VERSION = 'v1';

/**
 * Seals secrets the platform must be able to read back (API secret keys, signing keys)
 * under the operator's master key, which lives outside the database. AES-256-GCM with the
 * row's identity as additional data, so a sealed value copied to another row won't open.
 */
export interface MasterKey {
  seal(plaintext: string, context: string): string;
  open(sealed: string, context: string): string;
}

export function masterKeyFrom(key: Uint8Array): MasterKey {
  if (key.byteLength !== 32) {
    throw new PlatformError('invalid_master_key', 'The master key must be 32 bytes (base64url-encoded).');
  }
  const k = Buffer.from(key);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, ivText, bodyText] = sealed.split('.');
      if (version !== VERSION || !ivText || !bodyText) {
        throw new PlatformError('sealed_value_corrupt', 'A sealed value is corrupt.');
      }
      const body = Buffer.from(bodyText, 'base64url');
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(ivText, 'base64url'));
        decipher.setAAD(Buffer.from(context));
        decipher.setAuthTag(body.subarray(body.length - 16));
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - 16)),
          decipher.final(),
        ]).toString('utf8');
      } catch (cause) {
        // Never echo the value or the key: only say that it did not open.
        throw new PlatformError(
          'sealed_value_corrupt',
          'A sealed value could not be opened: wrong master key or tampered data.',
          { cause },
        );
      }
    },
  };
}

/** A fresh random master key, base64url-encoded (for `planner-admin master-key`). */
export const generateMasterKey = (): string => randomBytes(32).toString('base64url');

/**
 * Reads the master key from `PLANNER_MASTER_KEY` (base64url) or the file named by
 * `PLANNER_MASTER_KEY_FILE`.
 */
export function loadMasterKey(env: NodeJS.ProcessEnv): MasterKey {
  const text = env.PLANNER_MASTER_KEY
    ? env.PLANNER_MASTER_KEY
    : env.PLANNER_MASTER_KEY_FILE
      ? readFileSync(env.PLANNER_MASTER_KEY_FILE, 'utf8')
      : undefined;
  if (!text) {
    throw new PlatformError(
      'missing_master_key',
      'Set PLANNER_MASTER_KEY (32 bytes, base64url) or PLANNER_MASTER_KEY_FILE. `planner-admin master-key` makes one.',
    );
  }
  return masterKeyFrom(Buffer.from(text.trim(), 'base64url'));
}

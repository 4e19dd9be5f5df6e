import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export interface Shopper {
  id: string;
  name: string;
  email: string;
  /** `scrypt$<salt>$<hash>`, never the password. */
  passwordHash: string;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}

/** The demo shop's customers. A real shop has its own user database; ours has two. */
export const DEMO_PASSWORD = 'planner-demo';

export async function demoShoppers(): Promise<Map<string, Shopper>> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const list: Shopper[] = [
    { id: 'shopper-ada', name: 'Ada', email: 'ada@example.com', passwordHash: hash },
    { id: 'shopper-ben', name: 'Ben', email: 'ben@example.com', passwordHash: hash },
  ];
  return new Map(list.map((s) => [s.email, s]));
}

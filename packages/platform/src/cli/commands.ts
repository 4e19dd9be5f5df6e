import { createApiKey, listApiKeys, revokeApiKey } from '../accounts/api-keys.ts';
import {
  addOrigin,
  createLegalEntity,
  type LegalEntity,
  listLegalEntities,
  removeOrigin,
  requireLegalEntity,
  setDefaultTokenLifetime,
} from '../accounts/legal-entities.ts';
import { generateMasterKey } from '../crypto/master-key.ts';
import { REVOCATION_CHANNEL } from '../tokens/api-key-directory.ts';
import { SigningKeys } from '../tokens/signing-keys.ts';
import { type Command, UsageError } from './command.ts';

const describeEntity = (le: LegalEntity) =>
  [
    `${le.name}  (${le.id})`,
    `  default token lifetime: ${le.defaultTokenLifetime} s`,
    `  embed origins: ${le.origins.length ? le.origins.join(', ') : '(none: the planner will refuse its tokens)'}`,
  ].join('\n');

const seconds = (value: unknown, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} takes a whole number of seconds.`);
  return n;
};

export const commands: Command[] = [
  {
    name: 'master-key',
    summary: 'Print a new random master key (set it as PLANNER_MASTER_KEY or put it in a key file)',
    usage: 'master-key',
    async run() {
      const key = generateMasterKey();
      return { json: { master_key: key }, text: key };
    },
  },
  {
    name: 'legal-entity create',
    summary: 'Create a legal entity (a host website owner)',
    usage: 'legal-entity create --name <name> [--origin <origin>]... [--token-lifetime <seconds>]',
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      'token-lifetime': { type: 'string' },
    },
    async run(ctx, { values }) {
      if (typeof values.name !== 'string') throw new UsageError('--name is required.');
      const { db } = await ctx.open();
      const lifetime = seconds(values['token-lifetime'], 'token-lifetime');
      const le = await createLegalEntity(db, {
        name: values.name,
        origins: (values.origin as string[] | undefined) ?? [],
        ...(lifetime ? { defaultTokenLifetime: lifetime } : {}),
      });
      return { json: le, text: `Created ${describeEntity(le)}` };
    },
  },
  {
    name: 'legal-entity list',
    summary: 'List legal entities',
    usage: 'legal-entity list',
    async run(ctx) {
      const all = await listLegalEntities((await ctx.open()).db);
      return { json: all, text: all.length ? all.map(describeEntity).join('\n') : 'No legal entities yet.' };
    },
  },
  {
    name: 'legal-entity show',
    summary: 'Show a legal entity with its API keys',
    usage: 'legal-entity show <legal-entity-id>',
    positionals: ['legal-entity-id'],
    async run(ctx, { positionals: [id] }) {
      const { db } = await ctx.open();
      const le = await requireLegalEntity(db, id!);
      const keys = await listApiKeys(db, le.id);
      return {
        json: { ...le, apiKeys: keys },
        text: `${describeEntity(le)}\n  API keys: ${keys.map((k) => `${k.id}${k.revokedAt ? ' (revoked)' : ''}`).join(', ') || '(none)'}`,
      };
    },
  },
  {
    name: 'legal-entity set-lifetime',
    summary: "Set a legal entity's default token lifetime",
    usage: 'legal-entity set-lifetime <legal-entity-id> <seconds>',
    positionals: ['legal-entity-id', 'seconds'],
    async run(ctx, { positionals: [id, s] }) {
      const le = await setDefaultTokenLifetime((await ctx.open()).db, id!, seconds(s, 'seconds')!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'origin add',
    summary: 'Register an embed origin (a host page allowed to hand tokens to the planner)',
    usage: 'origin add <legal-entity-id> <origin>',
    positionals: ['legal-entity-id', 'origin'],
    async run(ctx, { positionals: [id, origin] }) {
      const le = await addOrigin((await ctx.open()).db, id!, origin!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'origin remove',
    summary: 'Remove an embed origin (tokens issued from now on no longer name it)',
    usage: 'origin remove <legal-entity-id> <origin>',
    positionals: ['legal-entity-id', 'origin'],
    async run(ctx, { positionals: [id, origin] }) {
      const le = await removeOrigin((await ctx.open()).db, id!, origin!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'api-key create',
    summary: 'Create an API key; its secret key is printed this once and never again',
    usage: 'api-key create <legal-entity-id> [--label <label>]',
    positionals: ['legal-entity-id'],
    options: { label: { type: 'string' } },
    async run(ctx, { values, positionals: [id] }) {
      const { db, master } = await ctx.open();
      const key = await createApiKey(db, master, id!, (values.label as string | undefined) ?? '');
      return {
        json: key,
        text: [
          `API key id:  ${key.id}`,
          `Secret key:  ${key.secretKey}`,
          '',
          "Store the secret key in the host's back-end now: it is shown only once.",
        ].join('\n'),
      };
    },
  },
  {
    name: 'api-key list',
    summary: "List a legal entity's API keys (never their secrets)",
    usage: 'api-key list <legal-entity-id>',
    positionals: ['legal-entity-id'],
    async run(ctx, { positionals: [id] }) {
      const keys = await listApiKeys((await ctx.open()).db, id!);
      return {
        json: keys,
        text: keys.length
          ? keys
              .map(
                (k) =>
                  `${k.id}  ${k.label || '-'}  created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`,
              )
              .join('\n')
          : 'No API keys.',
      };
    },
  },
  {
    name: 'api-key revoke',
    summary: 'Revoke an API key: it signs no more requests, and its tokens stop working at once',
    usage: 'api-key revoke <api-key-id>',
    positionals: ['api-key-id'],
    async run(ctx, { positionals: [id] }) {
      const { db } = await ctx.open();
      const key = await revokeApiKey(db, id!);
      await db.notify(REVOCATION_CHANNEL, `api_key:${key.id}`);
      return { json: key, text: `Revoked ${key.id} at ${key.revokedAt}.` };
    },
  },
  {
    name: 'signing-key rotate',
    summary: 'Make a new token-signing key current; the old one stays published until its tokens expire',
    usage: 'signing-key rotate',
    async run(ctx) {
      const { db, master } = await ctx.open();
      const maxLifetime = Number(ctx.env.PLANNER_MAX_TOKEN_LIFETIME || 86_400);
      const result = await new SigningKeys(db, master, maxLifetime).rotate();
      return {
        json: result,
        text: `New signing key ${result.kid}.${result.retired.length ? ` Retired ${result.retired.join(', ')} (still published for ${maxLifetime + 60} s).` : ''}`,
      };
    },
  },
  {
    name: 'signing-key list',
    summary: 'List the published signing keys (JWKS)',
    usage: 'signing-key list',
    async run(ctx) {
      const { db, master } = await ctx.open();
      const { keys } = await new SigningKeys(db, master, 0).jwks();
      return { json: keys, text: keys.map((k) => `${k.kid}  ${k.alg}`).join('\n') || 'No signing keys yet.' };
    },
  },
];

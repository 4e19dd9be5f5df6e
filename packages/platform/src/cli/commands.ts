import { createApiKey, listApiKeys, revokeApiKey } from '../accounts/api-keys.ts';
import {
  addOrigin,
  createLegalEntity,
  type LegalEntity,
  listLegalEntities,
  removeOrigin,
  requireLegalEntity,
  setDefaultTokenLifetime,
  setOauthTokenLifetime,
} from '../accounts/legal-entities.ts';
import { BACKEND_SERVICES, getSubscription, setSubscription } from '../accounts/subscriptions.ts';
import { generateMasterKey } from '../crypto/master-key.ts';
import { randomToken } from '../crypto/random.ts';
import { createConsumer, listConsumers, type OAuthConsumer, revokeConsumer } from '../oauth/consumers.ts';
import { REVOCATION_CHANNEL } from '../tokens/api-key-directory.ts';
import { backendCommands } from './backend-commands.ts';
import { type Command, seconds, UsageError } from './command.ts';
import { signingKeyCommands } from './signing-key-commands.ts';

const describeEntity = (le: LegalEntity) =>
  [
    `${le.name}  (${le.id})`,
    `  default token lifetime: ${le.defaultTokenLifetime} s, OAuth tokens: ${le.oauthTokenLifetime} s`,
    `  embed origins: ${le.origins.length ? le.origins.join(', ') : '(none: no page may frame its planner)'}`,
    `  back-end services: ${le.services.length ? le.services.join(', ') : '(none)'}`,
  ].join('\n');

const describeConsumer = (c: OAuthConsumer) =>
  `${c.consumerKey}  user ${c.externalUserId}  scope "${c.scope}"  ${c.label || '-'}  created ${c.createdAt}${c.revokedAt ? `  REVOKED ${c.revokedAt}` : ''}`;

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
    summary: 'Register an embed origin (a host page allowed to frame the planner and hand it tokens)',
    usage: 'origin add <legal-entity-id> <origin>',
    positionals: ['legal-entity-id', 'origin'],
    async run(ctx, { positionals: [id, origin] }) {
      const le = await addOrigin((await ctx.open()).db, id!, origin!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'origin remove',
    summary: 'Remove an embed origin (it can no longer frame the planner; new tokens do not name it)',
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
    name: 'legal-entity set-oauth-lifetime',
    summary: "Set how long a legal entity's OAuth access tokens live by default (seed 002: 28800 s)",
    usage: 'legal-entity set-oauth-lifetime <legal-entity-id> <seconds>',
    positionals: ['legal-entity-id', 'seconds'],
    async run(ctx, { positionals: [id, s] }) {
      const le = await setOauthTokenLifetime((await ctx.open()).db, id!, seconds(s, 'seconds')!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'subscription set',
    summary: `Set the back-end services of a legal entity's subscription (${BACKEND_SERVICES.join(', ')}); none clears it`,
    usage: `subscription set <legal-entity-id> [--service <${BACKEND_SERVICES.join('|')}>]...`,
    positionals: ['legal-entity-id'],
    options: { service: { type: 'string', multiple: true } },
    async run(ctx, { values, positionals: [id] }) {
      const { db } = await ctx.open();
      // Announced: running instances check back-end tokens against the new list at once.
      const subscription = await setSubscription(db, id!, (values.service as string[] | undefined) ?? []);
      return {
        json: subscription,
        text: `Back-end services of ${id}: ${subscription.services.join(', ') || '(none)'}`,
      };
    },
  },
  {
    name: 'subscription show',
    summary: "Show the back-end services of a legal entity's subscription",
    usage: 'subscription show <legal-entity-id>',
    positionals: ['legal-entity-id'],
    async run(ctx, { positionals: [id] }) {
      const { db } = await ctx.open();
      await requireLegalEntity(db, id!);
      const subscription = await getSubscription(db, id!);
      return {
        json: subscription,
        text: `Back-end services of ${id}: ${subscription.services.join(', ') || '(none)'}`,
      };
    },
  },
  ...backendCommands,
  {
    name: 'consumer create',
    summary: "Create an OAuth consumer key and secret for a host's user; the secret is printed once",
    usage: 'consumer create <legal-entity-id> --user <host-user-id> [--scope "read write"] [--label <label>]',
    positionals: ['legal-entity-id'],
    options: { user: { type: 'string' }, scope: { type: 'string' }, label: { type: 'string' } },
    async run(ctx, { values, positionals: [id] }) {
      if (typeof values.user !== 'string') throw new UsageError('--user is required.');
      const { db } = await ctx.open();
      const consumer = await createConsumer(db, id!, {
        externalUserId: values.user,
        ...(typeof values.scope === 'string' ? { scope: values.scope } : {}),
        ...(typeof values.label === 'string' ? { label: values.label } : {}),
      });
      return {
        json: consumer,
        text: [
          `Consumer key:     ${consumer.consumerKey}`,
          `Consumer secret:  ${consumer.consumerSecret}`,
          `Acts as user ${consumer.externalUserId}, scope "${consumer.scope}".`,
          '',
          'Store the secret now: it is shown only once.',
        ].join('\n'),
      };
    },
  },
  {
    name: 'consumer list',
    summary: "List a legal entity's OAuth consumers (never their secrets)",
    usage: 'consumer list <legal-entity-id>',
    positionals: ['legal-entity-id'],
    async run(ctx, { positionals: [id] }) {
      const consumers = await listConsumers((await ctx.open()).db, id!);
      return {
        json: consumers,
        text: consumers.length ? consumers.map(describeConsumer).join('\n') : 'No OAuth consumers.',
      };
    },
  },
  {
    name: 'consumer revoke',
    summary: 'Revoke an OAuth consumer: no more tokens, and its tokens stop working at once',
    usage: 'consumer revoke <consumer-key>',
    positionals: ['consumer-key'],
    async run(ctx, { positionals: [key] }) {
      const consumer = await revokeConsumer((await ctx.open()).db, key!);
      return { json: consumer, text: `Revoked ${consumer.consumerKey} at ${consumer.revokedAt}.` };
    },
  },
  {
    name: 'admin-token',
    summary: 'Print a new random operator token for the admin API (set it as PLANNER_ADMIN_TOKEN)',
    usage: 'admin-token',
    async run() {
      const token = randomToken('adm', 32);
      return { json: { admin_token: token }, text: token };
    },
  },
  ...signingKeyCommands,
];

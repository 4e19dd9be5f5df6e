import { listApiKeys } from '../accounts/api-keys.ts';
import { type LegalEntity, listLegalEntities, requireLegalEntity } from '../accounts/legal-entities.ts';
import { LegalEntityOperations } from '../accounts/legal-entity-operations.ts';
import { type CliContext, type Command, cliOperations, seconds, UsageError } from './command.ts';

// Legal entities and their embed origins: every change goes through `LegalEntityOperations`.

export const describeEntity = (le: LegalEntity) =>
  [
    `${le.name}  (${le.id})`,
    `  default token lifetime: ${le.defaultTokenLifetime} s, OAuth tokens: ${le.oauthTokenLifetime} s`,
    `  embed origins: ${le.origins.length ? le.origins.join(', ') : '(none: no page may frame its planner)'}`,
    `  back-end services: ${le.services.length ? le.services.join(', ') : '(none)'}`,
  ].join('\n');

const operations = async (ctx: CliContext) => new LegalEntityOperations(await cliOperations(ctx));

export const legalEntityCommands: Command[] = [
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
      const lifetime = seconds(values['token-lifetime'], 'token-lifetime');
      const le = await (await operations(ctx)).create({
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
      const le = await (await operations(ctx)).setDefaultTokenLifetime(id!, seconds(s, 'seconds')!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'legal-entity set-oauth-lifetime',
    summary: "Set how long a legal entity's OAuth access tokens live by default (seed 002: 28800 s)",
    usage: 'legal-entity set-oauth-lifetime <legal-entity-id> <seconds>',
    positionals: ['legal-entity-id', 'seconds'],
    async run(ctx, { positionals: [id, s] }) {
      const le = await (await operations(ctx)).setOauthTokenLifetime(id!, seconds(s, 'seconds')!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'origin add',
    summary: 'Register an embed origin (a host page allowed to frame the planner and hand it tokens)',
    usage: 'origin add <legal-entity-id> <origin>',
    positionals: ['legal-entity-id', 'origin'],
    async run(ctx, { positionals: [id, origin] }) {
      const le = await (await operations(ctx)).addOrigin(id!, origin!);
      return { json: le, text: describeEntity(le) };
    },
  },
  {
    name: 'origin remove',
    summary: 'Remove an embed origin (it can no longer frame the planner; new tokens do not name it)',
    usage: 'origin remove <legal-entity-id> <origin>',
    positionals: ['legal-entity-id', 'origin'],
    async run(ctx, { positionals: [id, origin] }) {
      const le = await (await operations(ctx)).removeOrigin(id!, origin!);
      return { json: le, text: describeEntity(le) };
    },
  },
];

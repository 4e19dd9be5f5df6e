import { ApiKeyOperations } from '../accounts/api-key-operations.ts';
import { listApiKeys } from '../accounts/api-keys.ts';
import { type CliContext, type Command, cliOperations } from './command.ts';

// API keys: every change goes through `ApiKeyOperations` (audit line, announcement).

const operations = async (ctx: CliContext) => new ApiKeyOperations(await cliOperations(ctx));

export const apiKeyCommands: Command[] = [
  {
    name: 'api-key create',
    summary: 'Create an API key; its secret key is printed this once and never again',
    usage: 'api-key create <legal-entity-id> [--label <label>]',
    positionals: ['legal-entity-id'],
    options: { label: { type: 'string' } },
    async run(ctx, { values, positionals: [id] }) {
      const key = await (await operations(ctx)).create(id!, (values.label as string | undefined) ?? '');
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
      const key = await (await operations(ctx)).revoke(id!);
      return { json: key, text: `Revoked ${key.id} at ${key.revokedAt}.` };
    },
  },
];

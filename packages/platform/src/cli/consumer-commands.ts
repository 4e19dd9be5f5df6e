import { ConsumerOperations } from '../oauth/consumer-operations.ts';
import { listConsumers, type OAuthConsumer } from '../oauth/consumers.ts';
import { type CliContext, type Command, cliOperations, UsageError } from './command.ts';

// OAuth consumers: every change goes through `ConsumerOperations`, as the admin API's.

const describeConsumer = (c: OAuthConsumer) =>
  `${c.consumerKey}  user ${c.externalUserId}  scope "${c.scope}"  ${c.label || '-'}  created ${c.createdAt}${c.revokedAt ? `  REVOKED ${c.revokedAt}` : ''}`;

const operations = async (ctx: CliContext) => new ConsumerOperations(await cliOperations(ctx));

export const consumerCommands: Command[] = [
  {
    name: 'consumer create',
    summary: "Create an OAuth consumer key and secret for a host's user; the secret is printed once",
    usage: 'consumer create <legal-entity-id> --user <host-user-id> [--scope "read write"] [--label <label>]',
    positionals: ['legal-entity-id'],
    options: { user: { type: 'string' }, scope: { type: 'string' }, label: { type: 'string' } },
    async run(ctx, { values, positionals: [id] }) {
      if (typeof values.user !== 'string') throw new UsageError('--user is required.');
      const consumer = await (await operations(ctx)).create(id!, {
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
      const consumer = await (await operations(ctx)).revoke(key!);
      return { json: consumer, text: `Revoked ${consumer.consumerKey} at ${consumer.revokedAt}.` };
    },
  },
];

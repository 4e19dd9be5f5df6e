import { requireLegalEntity } from '../accounts/legal-entities.ts';
import { SubscriptionOperations } from '../accounts/subscription-operations.ts';
import { BACKEND_SERVICES, getSubscription } from '../accounts/subscriptions.ts';
import { type Command, cliOperations } from './command.ts';

// A legal entity's subscription: changes go through `SubscriptionOperations`, as the admin API's.

export const subscriptionCommands: Command[] = [
  {
    name: 'subscription set',
    summary: `Set the back-end services of a legal entity's subscription (${BACKEND_SERVICES.join(', ')}); none clears it`,
    usage: `subscription set <legal-entity-id> [--service <${BACKEND_SERVICES.join('|')}>]...`,
    positionals: ['legal-entity-id'],
    options: { service: { type: 'string', multiple: true } },
    async run(ctx, { values, positionals: [id] }) {
      // Announced: running instances check back-end tokens against the new list at once.
      const subscription = await new SubscriptionOperations(await cliOperations(ctx)).set(
        id!,
        (values.service as string[] | undefined) ?? [],
      );
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
];

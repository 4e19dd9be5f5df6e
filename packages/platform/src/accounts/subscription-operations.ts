import { audit, type OperationContext } from '../operations/operation-context.ts';
import { type Subscription, setSubscription } from './subscriptions.ts';

/** Changes to a legal entity's subscription, for the admin API and the CLI alike. */
export class SubscriptionOperations {
  constructor(private readonly ctx: OperationContext) {}

  /**
   * `setSubscription` validates and announces (in the same step as the write); this
   * instance drops its cached list at once rather than wait for its own notification.
   */
  async set(legalEntityId: string, services: readonly string[]): Promise<Subscription> {
    const subscription = await setSubscription(this.ctx.db, legalEntityId, services);
    this.ctx.invalidate?.({ kind: 'subscription', id: legalEntityId });
    audit(this.ctx, 'subscription.set', { legal_entity: legalEntityId, services: subscription.services });
    return subscription;
  }
}

import { audit, type OperationContext } from '../operations/operation-context.ts';
import { createConsumer, type NewOAuthConsumer, type OAuthConsumer, revokeConsumer } from './consumers.ts';

/** Every change to an OAuth consumer, for the admin API and the CLI alike. */
export class ConsumerOperations {
  constructor(private readonly ctx: OperationContext) {}

  async create(
    legalEntityId: string,
    input: { externalUserId: string; label?: string; scope?: string },
  ): Promise<NewOAuthConsumer> {
    const consumer = await createConsumer(this.ctx.db, legalEntityId, input);
    audit(this.ctx, 'oauth_consumer.created', {
      consumer_key: consumer.consumerKey,
      legal_entity: consumer.legalEntityId,
      user: consumer.externalUserId,
      scope: consumer.scope,
    });
    return consumer;
  }

  /**
   * `revokeConsumer` announces to every instance; this one drops the consumer's cached
   * tokens at once rather than wait for its own notification.
   */
  async revoke(consumerKey: string): Promise<OAuthConsumer> {
    const consumer = await revokeConsumer(this.ctx.db, consumerKey);
    this.ctx.invalidate?.({ kind: 'oauth_consumer', id: consumer.consumerKey });
    audit(this.ctx, 'oauth_consumer.revoked', {
      consumer_key: consumer.consumerKey,
      legal_entity: consumer.legalEntityId,
    });
    return consumer;
  }
}

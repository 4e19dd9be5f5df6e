import { audit, broadcast, type OperationContext } from '../operations/operation-context.ts';
import { type ApiKey, createApiKey, type NewApiKey, revokeApiKey } from './api-keys.ts';

/**
 * Every change to an API key, for the CLI and any route alike: one audit line each, and a
 * revocation told to this instance at once and to every other by NOTIFY, so the key's
 * JWTs stop working everywhere without waiting for a cache to expire.
 */
export class ApiKeyOperations {
  constructor(private readonly ctx: OperationContext) {}

  async create(legalEntityId: string, label = ''): Promise<NewApiKey> {
    const key = await createApiKey(this.ctx.db, this.ctx.master, legalEntityId, label);
    // Never the secret: the audit line names the key, the answer alone carries it.
    audit(this.ctx, 'api_key.created', { api_key: key.id, legal_entity: key.legalEntityId });
    return key;
  }

  async revoke(id: string): Promise<ApiKey> {
    const key = await revokeApiKey(this.ctx.db, id);
    await broadcast(this.ctx, { kind: 'api_key', id: key.id });
    audit(this.ctx, 'api_key.revoked', { api_key: key.id, legal_entity: key.legalEntityId });
    return key;
  }
}

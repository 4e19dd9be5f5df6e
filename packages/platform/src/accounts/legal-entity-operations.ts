import { audit, type OperationContext } from '../operations/operation-context.ts';
import {
  addOrigin,
  createLegalEntity,
  type LegalEntity,
  removeOrigin,
  setDefaultTokenLifetime,
  setOauthTokenLifetime,
} from './legal-entities.ts';

/**
 * Every change to a legal entity and its embed origins, for the admin API and the CLI alike,
 * with one audit line each. Validation stays in `legal-entities.ts`, below both. Nothing here
 * is cached by a running instance (token requests read the entity afresh), so nothing is
 * announced: a removed origin is left out of the next token issued.
 */
export class LegalEntityOperations {
  constructor(private readonly ctx: OperationContext) {}

  async create(input: {
    name: string;
    origins?: string[];
    defaultTokenLifetime?: number;
  }): Promise<LegalEntity> {
    const le = await createLegalEntity(this.ctx.db, input);
    audit(this.ctx, 'legal_entity.created', { legal_entity: le.id, origins: le.origins });
    return le;
  }

  async setDefaultTokenLifetime(id: string, seconds: number): Promise<LegalEntity> {
    const le = await setDefaultTokenLifetime(this.ctx.db, id, seconds);
    audit(this.ctx, 'legal_entity.token_lifetime_set', { legal_entity: id, seconds });
    return le;
  }

  async setOauthTokenLifetime(id: string, seconds: number): Promise<LegalEntity> {
    const le = await setOauthTokenLifetime(this.ctx.db, id, seconds);
    audit(this.ctx, 'legal_entity.oauth_token_lifetime_set', { legal_entity: id, seconds });
    return le;
  }

  async addOrigin(id: string, origin: string): Promise<LegalEntity> {
    const le = await addOrigin(this.ctx.db, id, origin);
    audit(this.ctx, 'legal_entity.origin_added', { legal_entity: id, origin });
    return le;
  }

  async removeOrigin(id: string, origin: string): Promise<LegalEntity> {
    const le = await removeOrigin(this.ctx.db, id, origin);
    audit(this.ctx, 'legal_entity.origin_removed', { legal_entity: id, origin });
    return le;
  }
}

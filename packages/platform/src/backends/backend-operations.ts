import { audit, broadcast, type OperationContext } from '../operations/operation-context.ts';
import type { RevocationEvent } from '../tokens/revocation-events.ts';
import { UsageRecorder } from '../usage/usage.ts';
import {
  type BackendProfile,
  type BackendProfileDetails,
  createBackendProfile,
  deleteBackendProfile,
  rotateAccessKey,
  setBackendProfileDisabled,
} from './backend-profiles.ts';
import {
  type DeactivatedStaticToken,
  deactivateStaticToken,
  generateStaticToken,
  type NewStaticToken,
} from './static-tokens.ts';

/** Where an operation runs, and who asked (see `OperationContext`), and where usage is counted. */
export interface BackendOperationsContext extends OperationContext {
  usage?: UsageRecorder;
}

/**
 * Every change to a back-end profile, for the admin API and the CLI alike, so both write
 * the same audit-log line and tell every instance the same way: this instance's caches at
 * once (`invalidate`), the others by NOTIFY on the revocation channel.
 *
 * Lifecycle (issue 9):
 * 1. rotate: a new access key, answered this once by the caller that asked. The old key (and
 *    every standard token it obtained) is refused at once, or after `overlapSeconds`.
 * 2. disable: the access key gets no token; every standard and static token is refused.
 *    Nothing is destroyed: enable restores the key and the tokens still within their life.
 * 3. delete: for good. The keys are destroyed and the static token deactivated; the id
 *    answers 404 from then on.
 */
export class BackendOperations {
  readonly #usage: UsageRecorder;
  /** The CLI has no running recorder: its own writes at once, before the command exits. */
  readonly #ownUsage: boolean;

  constructor(private readonly ctx: BackendOperationsContext) {
    this.#ownUsage = !ctx.usage;
    this.#usage = ctx.usage ?? new UsageRecorder(ctx.db, ctx.log, ctx.now);
  }

  async create(
    legalEntityId: string,
    input: { name: string; externalSystem: string },
  ): Promise<BackendProfileDetails> {
    const profile = await createBackendProfile(this.ctx.db, this.ctx.master, legalEntityId, input);
    this.#audit('backend_profile.created', { profile: profile.id, legal_entity: profile.legalEntityId });
    return profile;
  }

  async rotateAccessKey(id: string, input: { overlapSeconds?: number } = {}): Promise<BackendProfileDetails> {
    const profile = await rotateAccessKey(this.ctx.db, this.ctx.master, id, {
      ...input,
      nowMs: this.ctx.now(),
    });
    await this.#broadcast({ kind: 'backend_profile', id });
    this.#audit('backend_profile.access_key_rotated', {
      profile: id,
      legal_entity: profile.legalEntityId,
      overlap_seconds: input.overlapSeconds ?? 0,
    });
    return profile;
  }

  async disable(id: string): Promise<BackendProfile> {
    const profile = await setBackendProfileDisabled(this.ctx.db, id, true, this.ctx.now());
    await this.#broadcast({ kind: 'backend_profile', id });
    this.#audit('backend_profile.disabled', { profile: id, legal_entity: profile.legalEntityId });
    return profile;
  }

  async enable(id: string): Promise<BackendProfile> {
    const profile = await setBackendProfileDisabled(this.ctx.db, id, false, this.ctx.now());
    // Instances that cached "disabled" must look again, or the profile stays refused until the TTL.
    await this.#broadcast({ kind: 'backend_profile', id });
    this.#audit('backend_profile.enabled', { profile: id, legal_entity: profile.legalEntityId });
    return profile;
  }

  async delete(id: string): Promise<BackendProfile> {
    const { profile, staticTokenHashes } = await deleteBackendProfile(this.ctx.db, id, this.ctx.now());
    await this.#broadcast({ kind: 'backend_profile', id });
    for (const hash of staticTokenHashes) await this.#broadcast({ kind: 'opaque_token', id: hash });
    this.#audit('backend_profile.deleted', { profile: id, legal_entity: profile.legalEntityId });
    return profile;
  }

  async generateStaticToken(id: string): Promise<NewStaticToken> {
    // Announces the replaced token itself (the same transaction decides which one it is).
    const issued = await generateStaticToken(this.ctx.db, id, this.ctx.now());
    if (issued.replaced) this.ctx.invalidate?.({ kind: 'opaque_token', id: issued.replaced.tokenHash });
    await this.#usage.count(issued.legalEntityId, 'token:backend_static');
    if (this.#ownUsage) await this.#usage.close();
    this.#audit('static_token.generated', { profile: id, replaced: issued.replaced?.id ?? null });
    return issued;
  }

  async deactivateStaticToken(id: string): Promise<DeactivatedStaticToken> {
    const done = await deactivateStaticToken(this.ctx.db, id, this.ctx.now());
    this.ctx.invalidate?.({ kind: 'opaque_token', id: done.tokenHash });
    this.#audit('static_token.deactivated', { profile: id });
    return done;
  }

  #broadcast(event: RevocationEvent): Promise<void> {
    return broadcast(this.ctx, event);
  }

  #audit(event: string, fields: Record<string, unknown>): void {
    audit(this.ctx, event, fields);
  }
}

import type { Database } from '../db/database.ts';
import type { Logger } from '../util/log.ts';
import type { Invalidations } from '../util/revocable-cache.ts';
import { parseRevocation, REVOCATION_CHANNEL, revocationTag } from './revocation-events.ts';
import { SIGNING_KEYS_CHANNEL, type SigningKeys } from './signing-keys.ts';

/**
 * Makes revocations and rotations announced by another instance (or the CLI) reach this
 * one's caches at once. While the listening connection is down nothing is served from
 * them (a revocation would go unheard), and once it is back they start empty: whatever
 * was announced in between is lost, and must not be outlived.
 */
export async function listenForRevocations(
  db: Database,
  caches: { invalidations: Invalidations; keys: Pick<SigningKeys, 'invalidate' | 'notified'>; log: Logger },
): Promise<() => Promise<void>> {
  const { invalidations, keys, log } = caches;
  const unwatch = db.watchListen((state) => {
    if (state === 'lost') {
      invalidations.suspend();
      log.warn('revocations.unheard', { caches: 'bypassed until the database is back' });
    } else {
      invalidations.resume();
      keys.invalidate(); // re-reads the key set: a rotation or revocation may have been missed
      log.info('revocations.heard_again', { caches: 'cleared' });
    }
  });
  const unlisten = [
    await db.listen(REVOCATION_CHANNEL, (payload) => {
      const event = parseRevocation(payload);
      if (event) invalidations.invalidate(revocationTag(event.kind, event.id));
    }),
    await db.listen(SIGNING_KEYS_CHANNEL, (payload) => keys.notified(payload)),
  ];
  return async () => {
    unwatch();
    for (const stop of unlisten) await stop();
  };
}

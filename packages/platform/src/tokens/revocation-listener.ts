import type { Database } from '../db/database.ts';
import type { Logger } from '../util/log.ts';
import type { Invalidations } from '../util/revocable-cache.ts';
import { RevocationEpoch } from './revocation-epoch.ts';
import { parseRevocation, REVOCATION_CHANNEL, revocationTag, splitEpoch } from './revocation-events.ts';
import { SIGNING_KEYS_CHANNEL, type SigningKeys } from './signing-keys.ts';

/**
 * Makes revocations and rotations announced by another instance (or the CLI) reach this
 * one's caches at once. While the listening connection is down nothing is served from
 * them (a revocation would go unheard), and once it is back they start empty: whatever
 * was announced in between is lost, and must not be outlived.
 *
 * With `pollMs` (PostgreSQL; an embedded database cannot miss a notification), the
 * revocation epoch is polled as well: a connection that stopped delivering without
 * breaking empties the caches within about `pollMs` of the next revocation
 * (`RevocationEpoch`).
 */
export async function listenForRevocations(
  db: Database,
  caches: {
    invalidations: Invalidations;
    keys: Pick<SigningKeys, 'invalidate' | 'notified'>;
    log: Logger;
    pollMs?: number | undefined;
  },
): Promise<() => Promise<void>> {
  const { invalidations, keys, log, pollMs } = caches;
  const epoch = pollMs
    ? new RevocationEpoch(
        db,
        (from, to) => {
          invalidations.reset();
          keys.invalidate();
          log.warn('revocations.missed', { epoch_from: from, epoch_to: to, caches: 'cleared' });
        },
        log,
      )
    : undefined;
  const unwatch = db.watchListen((state) => {
    if (state === 'lost') {
      invalidations.suspend();
      log.warn('revocations.unheard', { caches: 'bypassed until the database is back' });
    } else {
      invalidations.resume();
      keys.invalidate(); // re-reads the key set: a rotation or revocation may have been missed
      log.info('revocations.heard_again', { caches: 'cleared' });
      // The gap is handled: the poll need not clear the caches for it a second time.
      epoch?.sync().catch(() => {});
    }
  });
  const heard = (payload: string) => {
    const { epoch: n, body } = splitEpoch(payload);
    if (n !== undefined) epoch?.heard(n);
    return body;
  };
  const unlisten = [
    await db.listen(REVOCATION_CHANNEL, (payload) => {
      const event = parseRevocation(heard(payload));
      if (event) invalidations.invalidate(revocationTag(event.kind, event.id));
    }),
    await db.listen(SIGNING_KEYS_CHANNEL, (payload) => keys.notified(heard(payload))),
  ];
  if (epoch && pollMs) {
    // After LISTEN: from here on every announcement is either heard or seen by the poll.
    await epoch.sync();
    epoch.start(pollMs);
  }
  return async () => {
    epoch?.stop();
    unwatch();
    for (const stop of unlisten) await stop();
  };
}

import type { Platform } from '../platform.ts';
import type { RunningServer } from '../server.ts';
import type { Logger } from '../util/log.ts';

export interface ShutdownSettings {
  /** How long requests under way may take before they are cut, ms. */
  shutdownGraceMs: number;
  /** How long to keep serving with `/readyz` at 503 before refusing connections, ms. */
  drainDelayMs: number;
}

/**
 * A graceful stop, in the order a balancer needs it: `/readyz` turns 503 at once (the
 * balancer stops choosing this instance), serving goes on for the drain delay, then new
 * connections are refused and requests under way finish (bounded by the grace), and only
 * then does storage close (usage flushed, LISTEN connection and pool ended).
 */
export async function shutdown(
  platform: Platform,
  servers: RunningServer[],
  settings: ShutdownSettings,
  log: Logger,
  /** Ends the drain delay early (main: a second signal). */
  hurry?: AbortSignal,
): Promise<void> {
  platform.services.readiness.startDraining();
  log.info('platform.draining', { delay_ms: settings.drainDelayMs, grace_ms: settings.shutdownGraceMs });
  if (settings.drainDelayMs > 0 && !hurry?.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, settings.drainDelayMs);
      hurry?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  const results = await Promise.all(servers.map((s) => s.drain(settings.shutdownGraceMs)));
  const cut = results.reduce((n, r) => n + r.cut, 0);
  if (cut > 0) log.warn('platform.requests_cut', { count: cut, grace_ms: settings.shutdownGraceMs });
  await platform.close();
}

import { configFromEnv } from './config.ts';
import { lockDataDir } from './db/data-dir-lock.ts';
import { PlatformError } from './errors.ts';
import { shutdown } from './lifecycle/shutdown.ts';
import { serveMetrics } from './metrics/metrics-server.ts';
import { createPlatform } from './platform.ts';
import { listen } from './server.ts';
import { createLogger } from './util/log.ts';

/** `pnpm --filter @planner/platform start`: the platform as a server, configured by the environment. */
async function main() {
  const log = createLogger({ base: { service: 'platform' } });
  const { options, server } = configFromEnv(process.env);
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const platform = await createPlatform({ ...options, log });
  const running = await listen(platform, server.port, server.host);
  log.info('platform.listening', {
    url: running.url,
    public_url: options.publicUrl,
    storage: options.databaseUrl ? 'postgres' : `pglite:${options.dataDir}`,
  });
  const metrics = server.metrics
    ? await serveMetrics(platform.services.metrics, server.metrics.port, server.metrics.host)
    : undefined;
  if (metrics) log.info('platform.metrics_listening', { url: `${metrics.url}/metrics` });
  let stopping = false;
  const hurry = new AbortController();
  const stop = async (signal: NodeJS.Signals) => {
    // A second signal skips what is left of the drain delay; the grace still bounds the rest.
    if (stopping) return hurry.abort();
    stopping = true;
    log.info('platform.stopping', { signal });
    try {
      await shutdown(platform, [running], server, log, hurry.signal);
      // Last: a scrape during the drain still sees the instance.
      await metrics?.close();
    } catch (error) {
      log.error('platform.stop_failed', { error });
      unlock();
      process.exit(1);
    }
    unlock();
    log.info('platform.stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The stable code first, for whoever scripts around a failed start.
  const message = error instanceof PlatformError ? `[${error.code}] ${error.message}` : String(error);
  process.stderr.write(`planner platform: ${message}\n`);
  process.exit(1);
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createPlatform, type Logger, type Platform } from '@planner/platform';
import { buildFrontends, type Frontends, localUrl, startFrontends } from '../frontends.ts';
import { freePort } from '../processes.ts';
import { dataFiles, operatorSecrets, provisionShop } from '../provision.ts';
import { type Balancer, findHaproxy, HEALTH_CHECK, startHaproxy } from './haproxy.ts';
import { PlatformInstance } from './instance.ts';
import { findOrStartPostgres, type PostgresServer, sql } from './postgres.ts';

export interface ClusterOptions {
  /** The master key, the operator token, the shop's API key, the balancer's configuration and the logs. */
  dataDir: string;
  /** A PostgreSQL to use; default the machine's (127.0.0.1:5432/test), else the installed one started for the run. */
  databaseUrl?: string;
  /** The schema the instances share (created by the first migration run). */
  schema: string;
  /** Drop the schema on close (tests); `pnpm cluster` keeps it for the next start. */
  dropSchema?: boolean;
  /** Default 3. */
  instances?: number;
  /** Fixed ports where given (the balancer, the planner's site, the shop); free ones otherwise (or 0). */
  ports?: { balancer?: number; planner?: number; shop?: number };
  log: Logger;
  /** Build the planner and the shop's page first (default true). */
  build?: boolean;
  /** More of the platform's environment for every instance (e.g. signing-key timings). */
  env?: Record<string, string>;
  /** Serve the planner from these built files (default packages/planner/dist). */
  plannerDist?: string;
}

export interface Cluster {
  urls: { balancer: string; planner: string; shop: string };
  instances: PlatformInstance[];
  balancer: Balancer;
  /** The route the balancer probes. */
  healthPath: string;
  /** The PostgreSQL and schema the instances share, and the environment they run with. */
  databaseUrl: string;
  schema: string;
  env: NodeJS.ProcessEnv;
  /** A platform in this process on the same database (not serving HTTP), for provisioning. */
  admin: Platform;
  adminTokenFile: string;
  close(): Promise<void>;
}

/**
 * Several platform processes on one PostgreSQL behind a real HAProxy, and the planner's site
 * and the demo shop talking to the balancer only: the scale-out set-up of issue 10, on one machine.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const { dataDir, schema, log } = options;
  const haproxy = findHaproxy();
  if (!haproxy) throw new Error('HAProxy is not installed (apt-get install haproxy).');
  await mkdir(join(dataDir, 'logs'), { recursive: true });
  const cleanups: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error) => log.warn('cluster.close_failed', { error }));
    cleanups.length = 0;
  };
  try {
    if (options.build !== false) await buildFrontends();
    const postgres: PostgresServer = await findOrStartPostgres(options.databaseUrl);
    cleanups.push(() => postgres.close());
    if (options.dropSchema)
      cleanups.push(() => sql(postgres.url, `drop schema if exists "${schema}" cascade`));

    const ports = {
      balancer: options.ports?.balancer || (await freePort()),
      planner: options.ports?.planner || (await freePort()),
      shop: options.ports?.shop || (await freePort()),
    };
    const urls = {
      balancer: localUrl(ports.balancer),
      planner: localUrl(ports.planner),
      shop: localUrl(ports.shop),
    };
    const { master, adminToken } = await operatorSecrets(dataDir);
    const files = dataFiles(dataDir);

    // Migrations run once here, before any instance starts (three starting at once are safe as
    // well, but one run keeps the instances' start-up quick and their logs quiet).
    const admin = await createPlatform({
      databaseUrl: postgres.url,
      schema,
      master,
      publicUrl: urls.balancer,
      adminToken,
      log,
    });
    cleanups.push(() => admin.close());
    const shop = await provisionShop(admin.services.db, master, files.shopFile, urls.shop);

    // Every instance has the balancer's URL as its public URL: tokens name one issuer, whichever
    // instance signed them.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: postgres.url,
      PLANNER_DB_SCHEMA: schema,
      PLANNER_PUBLIC_URL: urls.balancer,
      PLANNER_MASTER_KEY_FILE: files.masterKeyFile,
      PLANNER_ADMIN_TOKEN_FILE: files.adminTokenFile,
      PLANNER_CORS_ORIGINS: urls.planner,
      PLANNER_TRUST_PROXY: '1',
      // After SIGTERM an instance answers /readyz 503 and keeps serving this long, so HAProxy
      // has marked it down (fall × interval, plus one probe) before it refuses connections.
      PLANNER_DRAIN_DELAY_MS: String(HEALTH_CHECK.intervalMs * (HEALTH_CHECK.fall + 1)),
      ...options.env,
    };
    delete env.PLANNER_MASTER_KEY;
    delete env.PLANNER_ADMIN_TOKEN;
    const instances: PlatformInstance[] = [];
    for (let i = 1; i <= (options.instances ?? 3); i++) {
      instances.push(
        new PlatformInstance({
          name: `platform-${i}`,
          port: await freePort(),
          env,
          logFile: join(dataDir, 'logs', `platform-${i}.log`),
        }),
      );
    }
    cleanups.push(async () => {
      await Promise.all(instances.map((instance) => instance.close()));
    });
    await Promise.all(instances.map((instance) => instance.start()));

    // The platform always has /readyz (database answers, migrations applied, not draining).
    const healthPath = '/readyz';
    const balancer: Balancer = await startHaproxy(
      haproxy,
      join(dataDir, 'haproxy.cfg'),
      join(dataDir, 'logs', 'haproxy.log'),
      {
        port: ports.balancer,
        statsPort: await freePort(),
        backends: instances.map((instance) => ({ name: instance.options.name, port: instance.options.port })),
        healthPath,
      },
    );
    cleanups.push(() => balancer.close());

    const frontends: Frontends = await startFrontends({
      platformUrl: urls.balancer,
      ports,
      shop,
      log,
      ...(options.plannerDist ? { plannerDist: options.plannerDist } : {}),
    });
    cleanups.push(() => frontends.close());
    log.info('cluster.ready', { ...urls, instances: instances.map((i) => i.url), health: healthPath });

    return {
      urls,
      instances,
      balancer,
      healthPath,
      databaseUrl: postgres.url,
      schema,
      env,
      admin,
      adminTokenFile: files.adminTokenFile,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

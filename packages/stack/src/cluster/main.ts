import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '@planner/platform';
import { stopOnSignals } from '../stop-on-signals.ts';
import { startCluster } from './cluster.ts';

/**
 * `pnpm cluster`: three platform processes on PostgreSQL behind HAProxy, and the planner and
 * the demo shop talking to the balancer. Prints the URL to open; Ctrl-C stops everything.
 */
// `pnpm cluster -- --flag` hands the `--` on: drop it, so both forms work.
const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === '--' ? args.slice(1) : args,
  options: {
    'data-dir': {
      type: 'string',
      default:
        process.env.PLANNER_CLUSTER_DATA_DIR ?? resolve(import.meta.dirname, '../../../../.data/cluster'),
    },
    'database-url': { type: 'string', default: process.env.DATABASE_URL ?? '' },
    schema: { type: 'string', default: process.env.PLANNER_DB_SCHEMA ?? 'planner_cluster' },
    instances: { type: 'string', default: '3' },
    port: { type: 'string', default: process.env.PLATFORM_PORT ?? '4000' },
    'planner-port': { type: 'string', default: process.env.PLANNER_PORT ?? '5174' },
    'shop-port': { type: 'string', default: process.env.SHOP_PORT ?? '5173' },
    'planner-dir': { type: 'string', default: '' },
    'no-build': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: pnpm cluster [--data-dir DIR] [--database-url URL] [--schema NAME] [--instances N] [--port N] [--planner-port N] [--shop-port N] [--planner-dir DIR] [--no-build] [--quiet]',
  );
  process.exit(0);
}

/** A whole number flag within [min, max], or a usage error (exit 2). */
function whole(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}.`);
    process.exit(2);
  }
  return n;
}

const log = createLogger({ level: values.quiet ? 'warn' : 'info', base: { service: 'cluster' } });
const cluster = await startCluster({
  dataDir: resolve(values['data-dir']),
  ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
  schema: values.schema,
  instances: whole('instances', values.instances, 1, 16),
  ports: {
    balancer: whole('port', values.port, 0, 65_535),
    planner: whole('planner-port', values['planner-port'], 0, 65_535),
    shop: whole('shop-port', values['shop-port'], 0, 65_535),
  },
  log,
  build: !values['no-build'],
  // A planner built elsewhere (a release's files): served as they are.
  ...(values['planner-dir'] ? { plannerDist: resolve(values['planner-dir']) } : {}),
}).catch((error: unknown) => {
  console.error(`Could not start the cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(
  [
    '',
    `  Planner demo shop:  ${cluster.urls.shop}/`,
    `  Balancer (HAProxy): ${cluster.urls.balancer}  probes ${cluster.healthPath}`,
    `  HAProxy statistics: ${cluster.balancer.statsUrl}`,
    ...cluster.instances.map((i) => `    ${i.options.name}: ${i.url}  (log ${i.options.logFile})`),
    `  (planner ${cluster.urls.planner}, PostgreSQL schema ${cluster.schema}, operator token in ${cluster.adminTokenFile})`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

stopOnSignals(() => cluster.close());

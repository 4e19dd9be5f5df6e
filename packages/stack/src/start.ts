import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '@planner/platform';
import { startStack } from './stack.ts';
import { stopOnSignals } from './stop-on-signals.ts';

/**
 * `pnpm start`: the platform, the planner and the demo shop together, on the embedded
 * database, provisioned on first start. Prints the one URL to open; Ctrl-C stops everything.
 */
// `pnpm start -- --flag` hands the `--` on: drop it, so both forms work.
const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === '--' ? args.slice(1) : args,
  options: {
    'data-dir': {
      type: 'string',
      default: process.env.PLANNER_DATA_DIR ?? resolve(import.meta.dirname, '../../../.data'),
    },
    'platform-port': { type: 'string', default: process.env.PLATFORM_PORT ?? '4000' },
    'planner-port': { type: 'string', default: process.env.PLANNER_PORT ?? '5174' },
    'shop-port': { type: 'string', default: process.env.SHOP_PORT ?? '5173' },
    'no-build': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    `Usage: pnpm start [--data-dir DIR] [--platform-port N] [--planner-port N] [--shop-port N] [--no-build] [--quiet]`,
  );
  process.exit(0);
}

const log = createLogger({ level: values.quiet ? 'warn' : 'info', base: { service: 'stack' } });
const stack = await startStack({
  dataDir: resolve(values['data-dir']),
  ports: {
    platform: Number(values['platform-port']),
    planner: Number(values['planner-port']),
    shop: Number(values['shop-port']),
  },
  log,
  build: !values['no-build'],
}).catch((error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(
  [
    '',
    `  Planner demo shop:  ${stack.urls.shop}/`,
    `  (platform ${stack.urls.platform}, planner ${stack.urls.planner})`,
    `  Back-ends admin:    ${stack.urls.adminConsole}`,
    // The token itself stays out of the terminal (and its scroll-back and logs).
    `  (operator token in ${stack.adminTokenFile})`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

stopOnSignals(() => stack.close());

/**
 * Scale-out: requests/s of 1, 2 and 3 platform instances behind HAProxy on PostgreSQL, with
 * the ratio against one instance, each process's CPU during the load and the instances' memory.
 *
 *   pnpm --filter @planner/stack exec tsx ../../bench/scale-out.ts [--seconds 10] [--connections 50] [--steps 1,2,3]
 *
 * Needs a PostgreSQL (PLANNER_TEST_DATABASE_URL, default 127.0.0.1:5432/test) and haproxy.
 * Prints a Markdown table; docs/scale-out.md holds a measured one.
 */
import { parseArgs } from 'node:util';
import { MACHINE_POSTGRES_URL } from '../packages/stack/src/cluster/postgres.ts';
import { measureScaleOut, scaleOutTable } from '../packages/stack/src/cluster/scale-out.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    steps: { type: 'string', default: '1,2,3' },
  },
});
const results = await measureScaleOut({
  databaseUrl: process.env.PLANNER_TEST_DATABASE_URL || MACHINE_POSTGRES_URL,
  seconds: Number(values.seconds),
  connections: Number(values.connections),
  steps: values.steps.split(',').map(Number),
  log: (line) => console.error(line),
});
console.log(`${new Date().toISOString()}, ${values.seconds} s per step, ${values.connections} connections\n`);
console.log(scaleOutTable(results));

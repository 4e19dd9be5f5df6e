#!/usr/bin/env node
/**
 * The published `planner-admin` command: built to `dist/cli/bin.js`, which Node ≥ 20 runs as
 * it is. Always runs the CLI: `main.ts` runs only when it is the script itself, and a bin is
 * reached through a symbolic link (`node_modules/.bin/planner-admin`), whose path differs.
 */
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
});

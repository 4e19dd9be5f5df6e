#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { CatalogImportError } from '../catalog/catalog-import.ts';
import { storageFromEnv } from '../config.ts';
import { loadMasterKey, type MasterKey } from '../crypto/master-key.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';
import { PlatformError } from '../errors.ts';
import { createLogger, type Logger, redact } from '../util/log.ts';
import { type CliContext, type Command, UsageError } from './command.ts';
import { commands } from './commands.ts';

const GLOBAL_HELP = `planner-admin: the platform's operator CLI

Usage: planner-admin <command> [options] [--json]

Commands:
${commands.map((c) => `  ${c.name.padEnd(32)} ${c.summary}`).join('\n')}

Every command takes --help and --json. Storage: DATABASE_URL (PostgreSQL) or
PLANNER_DATA_DIR (embedded, default .data/platform; stop the platform first).
Secrets are sealed with PLANNER_MASTER_KEY or PLANNER_MASTER_KEY_FILE.`;

const commandHelp = (c: Command) =>
  `Usage: planner-admin ${c.usage} [--json]\n\n${c.summary}.${c.details ? `\n\n${c.details}` : ''}`;

/** Runs the CLI; returns the exit code. Output goes through `out`/`err` so tests can read it. */
export async function runCli(
  argv: string[],
  io: {
    out: (s: string) => void;
    err: (s: string) => void;
    env: NodeJS.ProcessEnv;
    log?: Logger;
    /**
     * A store the caller opened and keeps (tests: a running test platform's), instead of the
     * one the environment names; the CLI then neither locks nor closes it.
     */
    open?: () => Promise<{ db: Database; master: MasterKey }>;
  },
): Promise<number> {
  // `pnpm <script> -- <command> --flag` hands the script a leading `--`; parseArgs would then
  // take every flag after it for a positional. Only a leading one: a later `--` keeps its meaning.
  if (argv[0] === '--') argv = argv.slice(1);
  const words = argv.filter((a) => !a.startsWith('-'));
  const command =
    commands.find((c) => c.name === words.slice(0, 2).join(' ')) ?? commands.find((c) => c.name === words[0]);
  const json = argv.includes('--json');
  if (!command) {
    if (argv.length && !argv.includes('--help') && !argv.includes('-h')) {
      io.err(`Unknown command: ${words.join(' ')}\n\n${GLOBAL_HELP}`);
      return 2;
    }
    io.out(GLOBAL_HELP);
    return 0;
  }
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(commandHelp(command));
    return 0;
  }

  let db: Database | undefined;
  let unlock = () => {};
  const ctx: CliContext = {
    env: io.env,
    // stderr: stdout stays the command's answer (`--json` output is parsed by scripts).
    log: io.log ?? createLogger({ write: io.err, base: { source: 'planner-admin' } }),
    async open() {
      if (io.open) return io.open();
      const master: MasterKey = loadMasterKey(io.env);
      const storage = storageFromEnv(io.env);
      if (storage.dataDir) unlock = lockDataDir(storage.dataDir);
      // A lost connection is reported on the CLI's log (stderr), never into the answer.
      db ??= await openDatabase({ ...storage, log: ctx.log });
      return { db, master };
    },
  };
  try {
    const nameWords = command.name.split(' ').length;
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const args = positionals.slice(nameWords);
    const wanted = command.positionals ?? [];
    if (args.length !== wanted.length) {
      throw new UsageError(`Expected ${wanted.map((p) => `<${p}>`).join(' ') || 'no arguments'}.`);
    }
    const result = await command.run(ctx, { values, positionals: args });
    io.out(json ? JSON.stringify(result.json, null, 2) : result.text);
    return 0;
  } catch (error) {
    const message =
      error instanceof UsageError
        ? `${error.message}\n\n${commandHelp(command)}`
        : error instanceof PlatformError
          ? error.message
          : error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')
            ? `${error.message}\n\n${commandHelp(command)}`
            : String(redact(String(error)));
    // An import refused lists every problem (row, field, message), as the admin API's 422 does.
    const problems = error instanceof CatalogImportError ? error.problems : undefined;
    const lines = problems?.map((p) => `  row ${p.row}${p.field ? `, ${p.field}` : ''}: ${p.message}`) ?? [];
    io.err(
      json
        ? JSON.stringify({
            error: (error as { code?: string }).code ?? 'error',
            message,
            ...(problems ? { errors: problems } : {}),
          })
        : [message, ...lines].join('\n'),
    );
    return error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ? 2
      : 1;
  } finally {
    await db?.close();
    unlock();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}

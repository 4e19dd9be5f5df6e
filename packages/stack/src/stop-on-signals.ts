/**
 * Ctrl-C (SIGINT) or SIGTERM closes everything `close` owns once, then exits 0: a stop asked
 * for is a success, so neither pnpm nor a supervisor reports a failure.
 */
export function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      await close();
      process.exit(0);
    });
  }
}

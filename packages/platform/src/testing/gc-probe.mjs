// Preloaded into a platform process under load tests only (`node --expose-gc --import
// gc-probe.mjs`): on SIGUSR2 it runs a full garbage collection and prints the heap as one
// JSON line, so that a test tells memory the platform keeps from garbage not yet collected.
// Never part of the production entry point.
import { getHeapStatistics } from 'node:v8';

let n = 0;
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc !== 'function') {
    process.stdout.write(`${JSON.stringify({ event: 'gc.probe', n: ++n, error: 'run with --expose-gc' })}\n`);
    return;
  }
  globalThis.gc();
  const heap = getHeapStatistics();
  const { rss } = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({
      event: 'gc.probe',
      n: ++n,
      heap_used_bytes: heap.used_heap_size,
      heap_total_bytes: heap.total_heap_size,
      external_bytes: heap.external_memory,
      rss_bytes: rss,
    })}\n`,
  );
});

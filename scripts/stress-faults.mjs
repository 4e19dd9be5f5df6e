// The fault suites' part of docs/reliability.md, from the figures `recordFigures` wrote.

/** `` (503: 12)`` for the answers not 2xx, by status; nothing when there are none. */
const statusList = (statuses = {}) => {
  const entries = Object.entries(statuses);
  return entries.length ? ` (${entries.map(([s, n]) => `${s}: ${n}`).join(', ')})` : '';
};

/** docs/reliability.md's sections of the fault suites (crash durability, load, chaos). */
export function faultSections(figures) {
  const lines = [];
  const dbName = (backend) => (backend === 'pglite' ? 'PGlite' : 'PostgreSQL');
  lines.push(
    '## Crash durability',
    '',
    "`main.ts` as its own process takes a stream of saves from parallel clients (create, then `If-Match` replacements, every one with an `Idempotency-Key`), is SIGKILLed after a random number of answered saves and started again on the same data; each earlier crash's projects are checked again after every later one (`src/faults/crash-durability.test.ts`).",
    '',
    '| storage | crashes | clients | saves answered 2xx | unanswered (in flight at the kill) | of those committed | projects checked | restart median / max | findings |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const backend of ['pglite', 'postgres']) {
    const c = figures[`crash-durability-${backend}`]?.figures;
    lines.push(
      c
        ? `| ${dbName(backend)} | ${c.crashes} | ${c.workers} | ${c.answered} | ${c.unanswered} | ${c.unansweredCommitted} | ${c.projects} | ${(c.restartMsMedian / 1000).toFixed(1)} s / ${(c.restartMsMax / 1000).toFixed(1)} s | ${c.findings.length} |`
        : `| ${dbName(backend)} | not run | | | | | | | |`,
    );
  }
  lines.push(
    '',
    'A finding is a save answered 2xx and missing or changed after the restart, a project created twice, an unanswered save that applied twice when replayed with its key (or answered as a replay without having committed), or an answered save whose replay did not answer the same. A damaged PGlite folder (`global/pg_control` emptied, the WAL removed) fails the start with `data_dir_damaged` and the way back (platform README, "A damaged data folder").',
    '',
    '## Load',
    '',
  );
  for (const backend of ['pglite', 'postgres']) {
    const l = figures[`load-${backend}`]?.figures;
    lines.push(`### ${dbName(backend)}`, '');
    if (!l) {
      lines.push('Not run.', '');
      continue;
    }
    lines.push(
      `${l.connections} connections on 127.0.0.1 for ${l.seconds} s after a ${l.warmUpSeconds} s warm-up (\`src/faults/load.test.ts\`, autocannon), the three kinds at once on their own connections.`,
      '',
      '| request kind | connections | answered | p50 ms | p99 ms | max ms | non-2xx | errors (time-outs) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    const names = {
      token: '`POST /v1/tokens` (user token)',
      catalog: '`GET /v1/catalog` (five queries)',
      save: 'project save (create, then 3 `If-Match` replacements)',
    };
    for (const [k, r] of Object.entries(l.kinds)) {
      lines.push(
        `| ${names[k] ?? k} | ${r.connections} | ${r.requests} | ${r.p50} | ${r.p99} | ${r.max} | ${r.non2xx}${statusList(r.statuses)} | ${r.errors}${r.timeouts !== undefined ? ` (${r.timeouts})` : r.errors ? ' (each time-out counted twice)' : ''} |`,
      );
    }
    const m = l.memory;
    lines.push(
      '',
      m.growth.heapAfterGcMiB === undefined
        ? `Platform memory (its own \`/metrics\`): after the warm-up RSS ${m.warmUp.rssMiB} MiB, heap used ${m.warmUp.heapUsedMiB} MiB; as the load stopped RSS ${m.atEndOfLoad?.rssMiB} MiB, heap ${m.atEndOfLoad?.heapUsedMiB} MiB; ${m.settleSeconds} s later (what it keeps) RSS ${m.end.rssMiB} MiB, heap ${m.end.heapUsedMiB} MiB (peak RSS ${m.peakRssMiB} MiB over ${m.samples} samples): growth **${m.growth.rssMiB} MiB RSS, ${m.growth.heapUsedMiB} MiB heap**.`
        : `Platform memory: the heap after a forced full collection (\`--expose-gc\`, the test's SIGUSR2 probe) was ${m.warmUp.heapAfterGcMiB} MiB after the warm-up and ${m.end.heapAfterGcMiB} MiB ${m.settleSeconds} s after the load: growth **${m.growth.heapAfterGcMiB} MiB** (what it keeps). Without a collection first (\`/metrics\`) the heap used read ${m.warmUp.heapUsedMiB}, ${m.atEndOfLoad?.heapUsedMiB} as the load stopped and ${m.end.heapUsedMiB} MiB at the end (${m.growth.heapUsedMiB} MiB: garbage not yet collected); RSS ${m.warmUp.rssMiB} → ${m.end.rssMiB} MiB (${m.growth.rssMiB} MiB; peak ${m.peakRssMiB} MiB over ${m.samples} samples).`,
      '',
    );
  }
  const q = figures['queue-chaos']?.figures;
  lines.push('## Chaos run for the queue', '');
  if (q) {
    const ops = Object.entries(q.ops)
      .map(([op, { calls, ok }]) => `${op} ${ok}/${calls}`)
      .join(', ');
    const proxy = Object.entries(q.proxy)
      .map(([fault, n]) => `${fault} ${n}`)
      .join(', ');
    const codes = Object.entries(q.failuresByCode)
      .sort(([, a], [, b]) => b - a)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    lines.push(
      `${q.planners} planners in Chromium (\`e2e/queue-chaos.spec.ts\`, seed ${q.seed}) made ${q.calls} calls in ${q.seconds} s through a fault proxy on 127.0.0.1, their tokens living 3 to 20 s, the host's token provider failing (15 %) or hanging (10 %) at random.`,
      '',
      `- calls answered / made: ${ops}`,
      `- what the proxy did, by request: ${proxy}`,
      `- the host's provider: asked ${q.provider.asked}, failed ${q.provider.failed}, hung ${q.provider.hung}, tokens ${q.provider.issued}`,
      `- failures the planners reported, by code: ${codes || 'none'} (each an \`ApiClientError\` the planner words specifically)`,
      `- checked on the platform afterwards: saved writes lost, applied twice, read back older than saved: **${q.findings.length}**; the local draft unchanged`,
      '',
    );
  } else lines.push('Not run.', '');
  return lines;
}

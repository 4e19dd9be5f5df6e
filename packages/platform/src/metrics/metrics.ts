import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Admission } from '../db/admission.ts';
import type { PoolStats } from '../db/database.ts';

/**
 * The platform's Prometheus metrics, one registry per platform (tests run several in one
 * process; a global registry would mix them). Labels are bounded sets: a route's pattern,
 * never its raw path, so that a scanner cannot grow the series without limit.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'planner_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'planner_http_request_duration_seconds',
    help: 'Time from the request to its answer, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly tokensIssued = new Counter({
    name: 'planner_tokens_issued_total',
    help: 'Access tokens issued, by kind (legal_entity, user, backend_standard, backend_static, oauth).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly authFailures = new Counter({
    name: 'planner_auth_failures_total',
    help: 'Refused authentications, by reason (the error code: invalid_token, invalid_client, invalid_grant, rate_limited).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly verifiedTokenCache = new Counter({
    name: 'planner_verified_token_cache_total',
    help: 'Lookups of a JWT in the verified-token cache, by result (hit, miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly listenReconnects = new Counter({
    name: 'planner_notification_reconnects_total',
    help: 'Times the LISTEN connection (revocations, key rotations) came back after it was lost.',
    registers: [this.registry],
  });

  readonly listenUp = new Gauge({
    name: 'planner_notification_listening',
    help: '1 while the LISTEN connection listens; 0 while revocations from other instances go unheard.',
    registers: [this.registry],
  });

  readonly usageFlushes = new Counter({
    name: 'planner_usage_flushes_total',
    help: 'Writes of buffered usage records to the database, by result (ok, failed).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly usageDropped = new Counter({
    name: 'planner_usage_dropped_total',
    help: 'Usage records dropped because the buffer was full (the database did not take them).',
    registers: [this.registry],
  });

  readonly usageBuffered = new Gauge({
    name: 'planner_usage_buffered',
    help: 'Usage records waiting in memory for the next flush.',
    registers: [this.registry],
  });

  readonly dbAdmissions = new Counter({
    name: 'planner_db_admissions_total',
    help: 'Requests for the database, by outcome: admitted, refused (queue_full, wait_timeout: answered 503 overloaded), or dropped because the client had gone (client_gone).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly dbAdmissionWait = new Histogram({
    name: 'planner_db_admission_wait_seconds',
    help: 'Time spent in the database admission queue before a connection was free (or the wait ended).',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  /** The admission queue's depth and the connections in use, read at each scrape. */
  watchAdmission(admission: Pick<Admission, 'depth' | 'inUse'>): void {
    new Gauge({
      name: 'planner_db_admission_queue',
      help: 'The database admission queue now: waiting (requests in line) and in_use (connections held).',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'waiting' }, admission.depth);
        this.set({ state: 'in_use' }, admission.inUse);
      },
    });
  }

  constructor(options: { pool?: (() => PoolStats | undefined) | undefined } = {}) {
    const { pool } = options;
    this.listenUp.set(1);
    if (pool) {
      new Gauge({
        name: 'planner_db_pool_connections',
        help: 'Database pool connections, by state (total, idle, waiting: queries queued for one; max).',
        labelNames: ['state'] as const,
        registers: [this.registry],
        collect() {
          const stats = pool();
          if (!stats) return;
          for (const state of ['total', 'idle', 'waiting', 'max'] as const) this.set({ state }, stats[state]);
        },
      });
    }
    collectDefaultMetrics({ register: this.registry, prefix: 'planner_' });
  }

  /** The text exposition format, and its content type. */
  async expose(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

const repo = new URL('../../../../', import.meta.url).pathname;
/** The platform's own server entry, so a cluster instance is exactly what an operator runs. */
const PLATFORM_MAIN = 'packages/platform/src/main.ts';

export interface InstanceOptions {
  name: string;
  port: number;
  /** The platform's environment (DATABASE_URL, PLANNER_PUBLIC_URL, …); PORT and HOST are set here. */
  env: NodeJS.ProcessEnv;
  /** Where its log lines go (appended). */
  logFile: string;
  /** How long start() waits for `/healthz`, ms. */
  startTimeoutMs?: number;
}

export class InstanceError extends Error {
  constructor(
    readonly code: 'instance_exited' | 'instance_start_timeout',
    message: string,
  ) {
    super(message);
    this.name = 'InstanceError';
  }
}

/**
 * One platform process (`packages/platform/src/main.ts`) on a fixed 127.0.0.1 port, so the
 * balancer's configuration outlives its restarts. Stopped with SIGTERM (the platform's own
 * shutdown), or killed with SIGKILL to play a crash.
 */
export class PlatformInstance {
  readonly url: string;
  #child: ChildProcess | undefined;
  #exited: Promise<number | string> | undefined;
  #log: WriteStream;

  constructor(readonly options: InstanceOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
    this.#log = createWriteStream(options.logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get running(): boolean {
    return this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Starts the process and resolves once it answers `/healthz`. */
  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn(process.execPath, ['--import', 'tsx', PLATFORM_MAIN], {
      cwd: repo,
      env: { ...this.options.env, PORT: String(this.options.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    child.stdout?.pipe(this.#log, { end: false });
    child.stderr?.pipe(this.#log, { end: false });
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
    );
    const exited = this.#exited.then((code) => {
      throw new InstanceError(
        'instance_exited',
        `${this.options.name} exited (${code}) while starting; see ${this.options.logFile}`,
      );
    });
    await Promise.race([this.#answers(), exited]);
  }

  async #answers(): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 60_000);
    while (this.running) {
      try {
        const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new InstanceError(
          'instance_start_timeout',
          `${this.options.name} did not answer /healthz in time.`,
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGTERM, and waits for the exit (SIGKILL after `graceMs`). */
  async stop(graceMs = 30_000): Promise<number | string | undefined> {
    if (!this.running) return undefined;
    this.#child?.kill('SIGTERM');
    const timer = setTimeout(() => this.#child?.kill('SIGKILL'), graceMs);
    try {
      return await this.#exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: a crash, no shutdown at all. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.#child?.kill('SIGKILL');
    await this.#exited;
  }

  async close(): Promise<void> {
    await this.stop();
    await new Promise<void>((resolve) => this.#log.end(resolve));
  }
}

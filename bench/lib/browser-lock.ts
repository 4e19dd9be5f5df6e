import { spawn } from 'node:child_process';

/** COMMON.md: one browser run on the machine at a time, under this lock. */
export const BROWSER_LOCK = '/tmp/planner-e2e.lock';

/**
 * Takes the machine's browser lock (`flock`), held by a child until `release()`: a `flock`
 * that runs `cat`, which ends when we close its stdin.
 */
export async function browserLock(): Promise<{ release: () => Promise<void> }> {
  const child = spawn('flock', [BROWSER_LOCK, 'sh', '-c', 'echo locked; cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`flock exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    release: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

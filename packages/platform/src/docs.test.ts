import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consumerFor,
  onboardBackend,
  onboardHost,
  startTestPlatform,
  type TestPlatform,
} from './testing/test-platform.ts';

const run = promisify(execFile);
let tp: TestPlatform;
let env: NodeJS.ProcessEnv;

/** The README's examples, exactly as a reader would copy them. */
async function example(name: string): Promise<string> {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const match = new RegExp(`<!-- token-example:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README has no ${name} example`);
  return match[1]!;
}

beforeAll(async () => {
  // The examples use the real clock, so does this platform.
  tp = await startTestPlatform({ now: Date.now });
  const { apiKey } = await onboardHost(tp);
  env = { PATH: process.env.PATH, PLATFORM: tp.url, KEY_ID: apiKey.id, SECRET: apiKey.secretKey };
});
afterAll(() => tp.close());

describe('README token examples', () => {
  it.each([
    ['sh', 'bash'],
    ['python', 'python3'],
  ])('the %s example gets a user token', async (name, interpreter) => {
    const { stdout } = await run(interpreter, ['-c', await example(name)], { env });
    const answer = JSON.parse(stdout) as { token_type: string; scope: string; expires_in: number };
    expect(answer).toMatchObject({ token_type: 'Bearer', scope: 'read write', expires_in: 900 });
  });
});

describe('README OAuth and back-end examples', () => {
  it.each([
    ['oauth-sh', undefined],
    ['password-sh', 'refresh_token'],
  ])('the %s example gets an OAuth token', async (name, extra) => {
    const { legalEntity } = await onboardHost(tp, { name: `Docs ${name}` });
    const consumer = await consumerFor(tp, legalEntity.id, 'docs-user');
    const { stdout } = await run('bash', ['-c', await example(name)], {
      env: { ...env, CONSUMER_KEY: consumer.consumerKey, CONSUMER_SECRET: consumer.consumerSecret },
    });
    const answer = JSON.parse(stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ token_type: 'bearer', expires_in: 28_800, scope: 'read' });
    if (extra) expect(answer[extra]).toEqual(expect.any(String));
  });

  it('the refresh-sh example refreshes, authenticated as the consumer', async () => {
    const { legalEntity } = await onboardHost(tp, { name: 'Docs refresh-sh' });
    const consumer = await consumerFor(tp, legalEntity.id, 'docs-user');
    const consumerEnv = {
      ...env,
      CONSUMER_KEY: consumer.consumerKey,
      CONSUMER_SECRET: consumer.consumerSecret,
    };
    const first = await run('bash', ['-c', await example('password-sh')], { env: consumerEnv });
    const { refresh_token } = JSON.parse(first.stdout) as { refresh_token: string };
    const { stdout } = await run('bash', ['-c', await example('refresh-sh')], {
      env: { ...consumerEnv, REFRESH_TOKEN: refresh_token },
    });
    const answer = JSON.parse(stdout) as Record<string, unknown>;
    expect(answer).toMatchObject({ token_type: 'bearer', scope: 'read' });
    expect(answer.refresh_token).toEqual(expect.any(String));
    expect(answer.refresh_token).not.toBe(refresh_token);
  });

  it('the backend-sh example gets a standard token', async () => {
    const { profile } = await onboardBackend(tp, { name: 'Docs Backend' });
    const { stdout } = await run('bash', ['-c', await example('backend-sh')], {
      env: { ...env, ACCESS_KEY: profile.accessKey },
    });
    expect(JSON.parse(stdout)).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'reporting messagebox',
    });
  });
});

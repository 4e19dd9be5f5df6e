import { afterAll, describe, expect, it } from 'vitest';
import { AdminApi, type FetchLike, SERVICE_LABELS, signIn } from './api.ts';
import { useLanguage } from './i18n/localization.ts';

/**
 * The console's own words about a failed call (issue 12) speak the operator's language, as
 * the rest of the console does; the platform's `error_description`, when it sends one, is
 * its own text and passes through.
 */
const answer =
  (status: number, body?: unknown): FetchLike =>
  async () =>
    new Response(body === undefined ? '<h1>Bad gateway</h1>' : JSON.stringify(body), { status });
const down: FetchLike = async () => {
  throw new TypeError('Failed to fetch');
};
const failure = (fetch: FetchLike) =>
  new AdminApi('t', { fetch }).legalEntities().catch((e: Error) => e.message);

afterAll(() => useLanguage('en', false));

describe('the admin API’s errors', () => {
  it('speak German', async () => {
    await useLanguage('de', false);
    expect(await failure(answer(401, { error: 'invalid_token' }))).toBe(
      'Das Operator-Token wurde abgelehnt. Prüfen Sie es und melden Sie sich erneut an.',
    );
    expect(await failure(answer(502))).toBe('Die Plattform antwortete mit 502.');
    expect(await failure(down)).toBe('Die Plattform war nicht erreichbar.');
    await expect(signIn(' ', { fetch: down })).rejects.toMatchObject({
      message: 'Fügen Sie das Operator-Token ein.',
    });
    expect(SERVICE_LABELS.reporting).toBe('Reporting-Dienst');
  });

  it('speak French, and the platform’s own text is kept', async () => {
    await useLanguage('fr', false);
    expect(await failure(answer(502))).toBe('La plateforme a répondu 502.');
    expect(await failure(down)).toBe('La plateforme est injoignable.');
    expect(SERVICE_LABELS.messagebox).toBe('Service Messagebox');
    expect(
      await failure(
        answer(409, { error: 'subscription_required', error_description: 'No back-end services.' }),
      ),
    ).toBe('No back-end services.');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { AdminApiError, errorMessage } from '../api.ts';
import { useLanguage } from '../i18n/localization.ts';
import { failedCallText, serviceLabel } from './error-text.ts';

afterEach(() => useLanguage('en', false));

describe('failedCallText', () => {
  it("words the failures the console can name, and shows the platform's own explanation otherwise", () => {
    expect(failedCallText({ status: 401, code: 'token_missing' })).toBe('Paste the operator token.');
    // A refused token is the console's sentence, whatever the platform said.
    expect(
      failedCallText({ status: 401, code: 'invalid_token', description: 'needs the operator token' }),
    ).toBe('The operator token was refused. Check it and sign in again.');
    expect(
      failedCallText({ status: 409, code: 'subscription_required', description: 'No back-end services.' }),
    ).toBe('No back-end services.');
    expect(failedCallText({ status: 0, code: 'network_error' })).toBe('The platform could not be reached.');
    expect(failedCallText({ status: 502, code: 'http_error' })).toBe('The platform answered 502.');
  });

  it('speaks the language shown when the message is shown, not when the call failed', async () => {
    const failed = new AdminApiError(0, 'network_error');
    await useLanguage('de', false);
    expect(errorMessage(failed)).toBe('Die Plattform war nicht erreichbar.');
    expect(errorMessage(new AdminApiError(401, 'token_missing'))).toBe('Fügen Sie das Operator-Token ein.');
    expect(serviceLabel('reporting')).toBe('Reporting-Dienst');
    await useLanguage('fr', false);
    expect(errorMessage(failed)).toBe('La plateforme n’a pas pu être jointe.');
  });
});

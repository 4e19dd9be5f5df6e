/**
 * The console's words for what logic hands over as a code: a failed call, and a back-end
 * service's name. Each is a `msg()`, called when shown, so it speaks the current language.
 * Where the platform explains a refusal itself (`error_description`: which record, which rule),
 * its sentence is shown as it came: the admin API speaks English only.
 */
import { msg, str } from '@lit/localize';
import type { BackendService } from '@planner/contract';

/** What the console knows of a failed call. */
export interface FailedCall {
  /** The HTTP status; 0 when the platform could not be reached. */
  status: number;
  /** The platform's `error`, or the console's own (`network_error`, `token_missing`, `http_error`). */
  code: string;
  /** The platform's `error_description`, when it gave one. */
  description?: string | undefined;
}

/** Says what went wrong in words an operator can act on; the platform's text when it has one. */
export function failedCallText(call: FailedCall): string {
  if (call.code === 'token_missing') return msg('Paste the operator token.');
  if (call.status === 401) return msg('The operator token was refused. Check it and sign in again.');
  if (call.description) return call.description;
  if (call.status === 0) return msg('The platform could not be reached.');
  return msg(str`The platform answered ${call.status}.`);
}

const SERVICE_LABELS: Record<BackendService, () => string> = {
  reporting: () => msg('Reporting service'),
  messagebox: () => msg('Messagebox service'),
};

/** A back-end service's name. */
export function serviceLabel(service: BackendService): string {
  return SERVICE_LABELS[service]();
}

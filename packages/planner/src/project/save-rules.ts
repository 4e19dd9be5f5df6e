import type { SessionState } from '../services.ts';
import { errorCode, errorStatus, reasonOf } from './describe-error.ts';
import type { Notice } from './notice.ts';
import { PlannerError, type PlannerErrorCode } from './planner-error.ts';

/** The session a call made now would go out with: offline, the one behind the outage, when known. */
export function behindOutage(state: SessionState): SessionState {
  return state.status === 'offline' ? (state.session ?? state) : state;
}

/** Why a session may not save now: the error to throw, the notice to show, whether to ask for a login. */
export interface SaveRefusal {
  /** The code of the PlannerError the save fails with. */
  error: PlannerErrorCode;
  notice: Notice;
  /** A visitor or a read-only session: the host is asked to show its login. */
  askLogin: boolean;
}

/**
 * Whether a save may be sent with this session, decided before any request goes out; null
 * when it may. Offline, a save of a known session goes to the queue, which sends it when the
 * network is back (within its deadline): the rules are those of that session.
 */
export function saveRefusal(session: SessionState): SaveRefusal | null {
  const s = behindOutage(session);
  const visitor =
    s.status === 'visitor' ||
    (s.status === 'refreshing' && s.previous === 'visitor') ||
    (s.status === 'signed-in' && !s.canSave);
  if (visitor) {
    return {
      error: 'LOGIN_REQUIRED',
      notice: { kind: 'login', code: s.status === 'signed-in' ? 'READ_ONLY_SESSION' : 'LOGIN_TO_SAVE' },
      askLogin: true,
    };
  }
  switch (s.status) {
    case 'connecting':
      return { error: 'NOT_READY', notice: { kind: 'info', code: 'NOT_READY' }, askLogin: false };
    case 'offline':
      return { error: 'OFFLINE', notice: { kind: 'error', code: 'OFFLINE', retry: 'save' }, askLogin: false };
    case 'renew-failed':
      return {
        error: 'SESSION_EXPIRED',
        notice: { kind: 'error', code: 'SESSION_EXPIRED' },
        askLogin: false,
      };
    case 'refused':
      return { error: 'NOT_ALLOWED', notice: { kind: 'error', code: 'NOT_ALLOWED' }, askLogin: false };
  }
  return null;
}

/** What a failed save means: the error to throw, the notice to show, and what else follows. */
export interface SaveFailure {
  error: PlannerError;
  notice: Notice;
  /** A conflict: this attempt is over, whatever the user chooses next is a new save. */
  forgetPending: boolean;
  /** Saving needs a login with write access: the host is asked to show its login. */
  askLogin: boolean;
}

export function saveFailure(error: unknown): SaveFailure {
  const code = errorCode(error);
  if (code === 'CONFLICT') {
    return {
      error: new PlannerError('CONFLICT', 'The project changed elsewhere.', { cause: error }),
      notice: { kind: 'conflict', code: 'SAVE_CONFLICT' },
      forgetPending: true,
      askLogin: false,
    };
  }
  if (code === 'HTTP_ERROR' && errorStatus(error) === 403) {
    return {
      error: new PlannerError('LOGIN_REQUIRED', 'Saving needs a login with write access.', { cause: error }),
      notice: { kind: 'login', code: 'LOGIN_TO_SAVE' },
      forgetPending: false,
      askLogin: true,
    };
  }
  return {
    error: new PlannerError('SAVE_FAILED', failure('save', error), { cause: error }),
    notice: { kind: 'error', code: 'SAVE_FAILED', params: { reason: reasonOf(error) }, retry: 'save' },
    forgetPending: false,
    askLogin: false,
  };
}

/** A PlannerError's message, for the host's developers: what failed and the reason's code. */
export function failure(what: 'open' | 'reload' | 'save' | 'delete', error: unknown): string {
  return `Could not ${what} the project (${reasonOf(error)}).`;
}

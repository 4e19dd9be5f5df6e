import type { PlannerToken } from './shop-api.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** A short, safe description of a message or event for the log: never a whole token. */
export function describe(message: Record<string, unknown>): string {
  if (typeof message.token === 'string') {
    try {
      const claims = JSON.parse(atob(message.token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
      return `${claims.kind} token …${message.token.slice(-8)}, ${claims.scope}, ${claims.exp - claims.iat} s`;
    } catch {
      return 'token';
    }
  }
  const { ns: _ns, v: _v, type: _type, ...rest } = message;
  return Object.keys(rest).length ? JSON.stringify(rest) : '';
}

/**
 * One name per thing that happened: protocol messages keep theirs (`Ready`, `TokenExpired`);
 * an events-port event is spelled like the message it mirrors (`tokenExpired` → `TokenExpired`),
 * and the port's own `ready` (the planner's API is up) is `Connected`, the answer to `Connect`.
 */
export function logName(message: { type: string; ns?: unknown }): string {
  if (message.ns === 'planner') return message.type;
  if (message.type === 'ready') return 'Connected';
  return message.type.charAt(0).toUpperCase() + message.type.slice(1);
}

/**
 * The developer panel: the conversation between the shop page and the planner with times,
 * one row per thing that happened, filterable by name, and the current token's kind, scope
 * and expiry countdown.
 *
 * - An event the planner also sent as a message (`TokenExpired`, `LoginRequired`, `Error`
 *   mirrored on the events port) marks the message's row instead of adding one.
 * - A row that repeats the one above it (a `TokenExpired` re-sent while unanswered) counts
 *   up instead (`×2`); `Resize` rows in a row collapse into one showing the latest height.
 */
export function createDevPanel(locale: () => string) {
  const log = $<HTMLOListElement>('message-log');
  const filter = $<HTMLSelectElement>('log-filter');
  let expiresAt = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  interface Row {
    li: HTMLLIElement;
    key: string;
    count: number;
    at: number;
    name: string;
    /** For rows that may have a twin: whether this one came as a message (else on the port). */
    message: boolean | undefined;
  }
  let top: Row | undefined;
  let unpaired: Row[] = [];

  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    const el = $('token-expiry');
    el.textContent = expiresAt ? (left > 0 ? `${left} s` : 'expired') : '–';
    el.classList.toggle('expired', expiresAt > 0 && left === 0);
  };
  const shown = (li: HTMLElement) => {
    li.hidden = filter.value !== '' && li.dataset.type !== filter.value;
  };
  const time = () =>
    new Date().toLocaleTimeString(locale(), { hour12: false }) +
    `.${String(Date.now() % 1000).padStart(3, '0')}`;

  $('clear-log').addEventListener('click', () => {
    log.replaceChildren();
    top = undefined;
    unpaired = [];
  });
  filter.addEventListener('change', () => {
    for (const li of log.children) shown(li as HTMLElement);
  });

  const add = (direction: 'in' | 'out' | 'note', name: string, detail: string, message?: boolean) => {
    const key = `${direction} ${name} ${name === 'Resize' ? '' : detail}`;
    const now = Date.now();
    // The events-port copy of a message logged just before, or the message of such an event:
    // other rows may have come in between (the token request a TokenExpired starts).
    const twin =
      message === undefined
        ? undefined
        : unpaired.find((row) => row.name === name && row.message !== message && now - row.at < 2000);
    if (twin) {
      twin.li.querySelector('.via')!.textContent = '+ events port';
      unpaired.splice(unpaired.indexOf(twin), 1);
      return;
    }
    if (top && top.key === key) {
      top.count++;
      top.li.querySelector('.count')!.textContent = `×${top.count}`;
      top.li.querySelector('.detail')!.textContent = detail;
      top.li.querySelector('time')!.textContent = time();
      return;
    }
    const li = document.createElement('li');
    li.className = `msg ${direction}`;
    li.dataset.type = name;
    li.innerHTML =
      '<time></time><span class="dir"></span><strong></strong><span class="count"></span><span class="detail"></span><span class="via"></span>';
    li.querySelector('time')!.textContent = time();
    li.querySelector('.dir')!.textContent =
      direction === 'in' ? '← planner' : direction === 'out' ? '→ planner' : '•';
    li.querySelector('strong')!.textContent = name;
    li.querySelector('.detail')!.textContent = detail;
    shown(li);
    log.prepend(li);
    top = { li, key, count: 1, at: now, name, message };
    if (message !== undefined) unpaired = [top, ...unpaired.slice(0, 9)];
    if (![...filter.options].some((o) => o.value === name)) filter.add(new Option(name, name));
    while (log.children.length > 200) log.lastElementChild?.remove();
  };

  return {
    /** A message or event exchanged with the planner (the SDK's `trace`). */
    trace(direction: 'in' | 'out', message: { type: string; ns?: unknown }) {
      const mirrorable = ['TokenExpired', 'LoginRequired', 'Error'].includes(logName(message));
      add(
        direction,
        logName(message),
        describe(message as Record<string, unknown>),
        mirrorable ? message.ns === 'planner' : undefined,
      );
    },
    /** Something the shop did. */
    note(name: string, detail = '') {
      add('note', name, detail);
    },
    token(token: PlannerToken) {
      $('token-kind').textContent = token.kind === 'user' ? 'user' : 'legal entity';
      $('token-scope').textContent = token.scope;
      expiresAt = Date.now() + token.expires_in * 1000;
      clearInterval(timer);
      timer = setInterval(tick, 250);
      tick();
    },
  };
}

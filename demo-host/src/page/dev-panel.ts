import type { PlannerToken } from './shop-api.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * The developer panel: every message between the shop page and the planner with its time,
 * and the current token's kind, scope and expiry countdown.
 */
export function createDevPanel() {
  const log = $<HTMLOListElement>('message-log');
  let expiresAt = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  const tick = () => {
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
    const el = $('token-expiry');
    el.textContent = expiresAt ? (left > 0 ? `${left} s` : 'expired') : '–';
    el.classList.toggle('expired', expiresAt > 0 && left === 0);
  };

  $('clear-log').addEventListener('click', () => log.replaceChildren());

  return {
    message(direction: 'in' | 'out' | 'note', type: string, detail = '') {
      const li = document.createElement('li');
      li.className = `msg ${direction}`;
      li.dataset.type = type;
      const time =
        new Date().toLocaleTimeString([], { hour12: false }) +
        `.${String(Date.now() % 1000).padStart(3, '0')}`;
      const arrow = direction === 'in' ? '← planner' : direction === 'out' ? '→ planner' : '•';
      li.innerHTML = '<time></time><span class="dir"></span><strong></strong><span class="detail"></span>';
      li.querySelector('time')!.textContent = time;
      li.querySelector('.dir')!.textContent = arrow;
      li.querySelector('strong')!.textContent = type;
      li.querySelector('.detail')!.textContent = detail;
      log.prepend(li);
      while (log.children.length > 200) log.lastElementChild?.remove();
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

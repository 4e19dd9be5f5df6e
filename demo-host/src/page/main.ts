import { embedPlanner, type PlannerEmbed } from '@planner/host';
import { createDevPanel } from './dev-panel.ts';
import { type Shopper, shopApi } from './shop-api.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const panel = createDevPanel();
const account = $('account');

/** A short, safe description of a protocol message for the log: never a whole token. */
function describe(message: Record<string, unknown>): string {
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

function toast(text: string, kind: 'info' | 'error' = 'info') {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  document.body.append(el);
  setTimeout(() => el.remove(), 5000);
}

let embed: PlannerEmbed;

function renderAccount(shopper: Shopper | null, hint = '') {
  if (shopper) {
    account.innerHTML = '<span class="hello"></span><button type="button" id="logout">Log out</button>';
    account.querySelector('.hello')!.textContent = `Hi, ${shopper.name}`;
    $('logout').addEventListener('click', async () => {
      await shopApi.logout();
      renderAccount(null);
      panel.message('note', 'logout', 'shop session ended');
      await embed.logout();
    });
    return;
  }
  account.innerHTML = `<form id="login" class="login" aria-label="Log in">
      <p class="login-hint" role="status"></p>
      <label>Email <input name="email" type="email" autocomplete="username" required value="ada@example.com" /></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
      <button type="submit">Log in</button>
      <p class="login-error" role="alert"></p>
    </form>`;
  account.querySelector('.login-hint')!.textContent = hint;
  const form = $<HTMLFormElement>('login');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      const { shopper: me } = await shopApi.login(String(data.get('email')), String(data.get('password')));
      renderAccount(me);
      panel.message('note', 'login', `shop session for ${me.email}`);
      await embed.login();
    } catch (error) {
      form.querySelector('.login-error')!.textContent = (error as Error).message;
    }
  });
}

const session = await shopApi.session();
renderAccount(session.shopper);

embed = embedPlanner({
  url: session.plannerUrl,
  container: $('planner'),
  autoResize: true,
  token: async () => {
    const token = await shopApi.plannerToken();
    panel.token(token);
    return token.access_token;
  },
  trace: (direction, message) =>
    panel.message(
      direction,
      String((message as { type: string }).type),
      describe(message as Record<string, unknown>),
    ),
});

embed.on('loginRequired', () => {
  renderAccount(null, 'Log in to save your room to your account.');
  account.querySelector<HTMLInputElement>('input[name=password]')?.focus();
});
embed.on('projectSaved', ({ detail }) => toast(`Saved “${detail.name}”`));
embed.on('error', ({ detail }) => {
  const text = 'message' in detail ? detail.message : String(detail);
  panel.message('note', 'error', text);
  toast(text, 'error');
});

$('short-token').addEventListener('click', async () => {
  const { nextTokenLifetime } = await shopApi.shortNextToken();
  panel.message('note', 'short token', `the next token lives ${nextTokenLifetime} s`);
  // Hand the planner a short-lived token now, so its expiry is what happens next.
  await embed.login();
});

Object.assign(window, { planner: embed });

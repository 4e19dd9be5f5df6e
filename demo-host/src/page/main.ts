import { embedPlanner, type PlannerEmbed } from '@planner/host';
import { basketView } from './basket-view.ts';
import { createDevPanel } from './dev-panel.ts';
import { LOCALES, preferences, type ShopLocale, THEMES } from './preferences.ts';
import { type Shopper, shopApi } from './shop-api.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const panel = createDevPanel(() => preferences.locale);
const basket = basketView(() => preferences.locale);
const account = $('account');

function toast(text: string, kind: 'info' | 'error' = 'info') {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  el.textContent = text;
  document.body.append(el);
  setTimeout(() => el.remove(), 5000);
}

let embed: PlannerEmbed;

/** What the login form says when the planner asked for a login, by the reason it gave. */
const LOGIN_HINTS: Record<string, string> = {
  save: 'Log in to save your room to your account.',
  open: 'Log in to open the rooms you saved.',
};
const loginHint = (reason: string) =>
  Object.hasOwn(LOGIN_HINTS, reason) ? LOGIN_HINTS[reason]! : 'Log in to use your account in the planner.';

function renderAccount(shopper: Shopper | null, hint = '') {
  if (shopper) {
    account.innerHTML = '<span class="hello"></span><button type="button" id="logout">Log out</button>';
    account.querySelector('.hello')!.textContent = `Hi, ${shopper.name}`;
    $('logout').addEventListener('click', async () => {
      await shopApi.logout();
      renderAccount(null);
      panel.note('logout', 'shop session ended');
      basket.render(await shopApi.basket());
      // The planner forgets the name itself; the SDK must not hand it to a reloaded one.
      await embed.configure({ shopper: '' });
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
      panel.note('login', `shop session for ${me.email}`);
      // The session badge says "Signed in as Ada" rather than the shop's user id.
      await embed.configure({ shopper: me.name });
      await embed.login();
    } catch (error) {
      form.querySelector('.login-error')!.textContent = (error as Error).message;
    }
  });
}

const session = await shopApi.session();
renderAccount(session.shopper);
basket.render(await shopApi.basket());

// The language and theme switch (developer panel): the planner gets them in its handshake,
// and again on every change.
const localeSelect = $<HTMLSelectElement>('locale');
const themeSelect = $<HTMLSelectElement>('theme');
for (const [value, label] of Object.entries(LOCALES)) localeSelect.add(new Option(label, value));
for (const [value, { label }] of Object.entries(THEMES)) themeSelect.add(new Option(label, value));
localeSelect.value = preferences.locale;
themeSelect.value = preferences.theme;
document.documentElement.lang = preferences.locale;

// A link the planner's "Copy link" made comes back with `?planner-project=<id>`: open that
// project once the planner is ready. The parameter goes first, so a reload does not open it
// again over the shopper's changes, and the link the planner gets (this page) is clean.
const params = new URLSearchParams(location.search);
const sharedProject = params.get('planner-project');
if (sharedProject) {
  params.delete('planner-project');
  const query = params.size ? `?${params}` : '';
  history.replaceState(null, '', location.pathname + query + location.hash);
}

embed = embedPlanner({
  url: session.plannerUrl,
  container: $('planner'),
  autoResize: true,
  token: async () => {
    const token = await shopApi.plannerToken();
    panel.token(token);
    return token.access_token;
  },
  theme: THEMES[preferences.theme]!.theme,
  locale: preferences.locale,
  ...(session.shopper ? { shopper: session.shopper.name } : {}),
  trace: (direction, message) => panel.trace(direction, message as { type: string; ns?: unknown }),
});

localeSelect.addEventListener('change', async () => {
  preferences.locale = localeSelect.value as ShopLocale;
  document.documentElement.lang = preferences.locale;
  basket.refresh();
  await embed.configure({ locale: preferences.locale });
});
themeSelect.addEventListener('change', async () => {
  preferences.theme = themeSelect.value;
  await embed.configure({ theme: THEMES[preferences.theme]!.theme });
});

embed.on('loginRequired', ({ detail }) => {
  renderAccount(null, loginHint(detail.reason));
  account.querySelector<HTMLInputElement>('input[name=password]')?.focus();
});
embed.on('projectSaved', ({ detail }) => toast(`Saved “${detail.name}”`));
embed.on('basket', async ({ detail }) => {
  // The lines only: the shop prices them from its own catalog.
  try {
    const answer = await shopApi.addToBasket(
      detail.lines.map(({ sku, variant, quantity }) => ({ sku, ...(variant ? { variant } : {}), quantity })),
    );
    basket.render(answer);
    panel.note('basket', `the shop's basket holds ${answer.count}`);
    toast(`Added ${detail.lines.reduce((n, l) => n + l.quantity, 0)} pieces to your basket`);
  } catch (error) {
    toast((error as Error).message, 'error');
  }
});
embed.on('analytics', ({ detail }) => {
  // A real shop would hand these to its analytics tool; they carry nothing personal.
  const { event, ...fields } = detail;
  panel.note(`analytics: ${event}`, Object.keys(fields).length ? JSON.stringify(fields) : '');
});
embed.on('error', ({ detail }) => {
  const text = 'message' in detail ? detail.message : String(detail);
  panel.note('error', text);
  toast(text, 'error');
});

$('short-token').addEventListener('click', async () => {
  const { nextTokenLifetime } = await shopApi.shortNextToken();
  panel.note('short token', `the next token lives ${nextTokenLifetime} s`);
  // Hand the planner a short-lived token now, so its expiry is what happens next.
  await embed.login();
});
$('clear-basket').addEventListener('click', async () => basket.render(await shopApi.clearBasket()));

// "Plan it in your room" on a category page links here with `?plan=<sku>`: place it once,
// then drop the parameter, so a reload does not place it again.
const plan = new URLSearchParams(location.search).get('plan');
if (plan) {
  history.replaceState(null, '', location.pathname + location.hash);
  embed.ready
    .then((api) => api.addItem(plan))
    .then(
      () => panel.note('plan it', `placed ${plan}`),
      (error: Error) => toast(error.message, 'error'),
    );
}

if (sharedProject) {
  embed.ready
    .then((api) => api.openProject(sharedProject))
    .then(
      (project) => panel.note('shared link', `opened “${project.name}”`),
      (error: Error) => toast(error.message, 'error'),
    );
}

Object.assign(window, { planner: embed });

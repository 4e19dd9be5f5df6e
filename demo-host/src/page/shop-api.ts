/** The shop's own back-end, as its page calls it (same origin, session cookie). */
export interface Shopper {
  id: string;
  name: string;
  email: string;
}

export interface PlannerToken {
  access_token: string;
  expires_in: number;
  scope: string;
  kind: 'user' | 'legal_entity';
}

// Every POST carries a JSON body: the back-end refuses any other content type (and any other
// Origin than its own, which the browser sends by itself) on state-changing routes.
async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const json = (await res.json().catch(() => ({}))) as T & { error_description?: string };
  if (!res.ok) throw new Error(json.error_description ?? `The shop answered ${res.status}.`);
  return json;
}

export interface BasketLine {
  sku: string;
  variant?: string;
  name: string;
  quantity: number;
  unit_cents: number;
  subtotal_cents: number;
}

/** The session's basket, as the shop prices it. */
export interface Basket {
  lines: BasketLine[];
  count: number;
  currency: string | null;
  total_cents: number;
}

export interface CategoryPage {
  title: string;
  products: {
    sku: string;
    name: string;
    category: string;
    description: string;
    width_cm: number;
    depth_cm: number;
    height_cm: number;
    price_cents: number;
    currency: string;
    /** Its colours and materials, each with its own SKU and price. */
    variants: {
      sku: string;
      kind: 'colour' | 'material';
      name: string;
      price_cents: number;
      /** `#rrggbb`, or null. */
      colour: string | null;
    }[];
  }[];
}

export const shopApi = {
  session: () => call<{ shopper: Shopper | null; plannerUrl: string }>('/api/session'),
  login: (email: string, password: string) => call<{ shopper: Shopper }>('/api/login', { email, password }),
  logout: () => call<{ shopper: null }>('/api/logout', {}),
  plannerToken: () => call<PlannerToken>('/api/planner-token', {}),
  shortNextToken: () => call<{ nextTokenLifetime: number }>('/api/short-token', {}),
  basket: () => call<Basket>('/api/basket'),
  addToBasket: (lines: { sku: string; variant?: string | undefined; quantity: number }[]) =>
    call<Basket>('/api/basket/lines', { lines }),
  setQuantity: (sku: string, variant: string | undefined, quantity: number) =>
    call<Basket>('/api/basket/quantity', { sku, ...(variant ? { variant } : {}), quantity }),
  clearBasket: () => call<Basket>('/api/basket/clear', {}),
  category: (page: string) => call<CategoryPage>(`/api/catalog/${encodeURIComponent(page)}`),
};

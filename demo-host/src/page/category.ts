import { formatPrice, preferences } from './preferences.ts';
import { type CategoryPage, shopApi } from './shop-api.ts';

/**
 * A category page of the shop's catalog (`/sofas`, `/tables`, `/bedroom`): its products from
 * the shop's back-end, prices in the shop's language, each with "Plan it in your room", which
 * opens the planner page.
 */
const page = location.pathname.replace(/^\/|\/$/g, '');
const list = document.getElementById('products')!;
const title = document.getElementById('category-title')!;
const locale = preferences.locale;
document.documentElement.lang = locale;
for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
  if (a.getAttribute('href') === `/${page}`) a.setAttribute('aria-current', 'page');
}

/**
 * A product's colours and materials: a swatch of the variant's colour, its name and kind, its
 * own SKU and its own price (a variant may cost more than the piece).
 */
function variantList(
  product: string,
  variants: CategoryPage['products'][number]['variants'],
  currency: string,
) {
  const ul = document.createElement('ul');
  ul.className = 'variants';
  ul.setAttribute('aria-label', `Colours and materials of the ${product}`);
  for (const v of variants) {
    const li = document.createElement('li');
    li.dataset.sku = v.sku;
    li.innerHTML =
      '<span class="swatch" aria-hidden="true"></span><span class="name"></span><span class="sku"></span><span class="price"></span>';
    const swatch = li.querySelector<HTMLElement>('.swatch')!;
    if (v.colour) swatch.style.background = v.colour;
    else swatch.remove();
    li.querySelector('.name')!.textContent = `${v.name} (${v.kind})`;
    li.querySelector('.sku')!.textContent = `SKU ${v.sku}`;
    li.querySelector('.price')!.textContent = formatPrice(v.price_cents, currency, locale);
    ul.append(li);
  }
  return ul;
}

try {
  const { title: name, products } = await shopApi.category(page);
  title.textContent = name;
  document.title = `${name} · Nordhem Living`;
  const size = new Intl.NumberFormat(locale, { style: 'unit', unit: 'centimeter' });
  list.replaceChildren(
    ...products.map((p) => {
      const li = document.createElement('li');
      li.className = 'product';
      li.dataset.sku = p.sku;
      li.innerHTML =
        '<h2></h2><p class="price"></p><p class="size"></p><p class="description"></p><a class="plan">Plan it in your room</a>';
      li.querySelector('h2')!.textContent = p.name;
      li.querySelector('.price')!.textContent = formatPrice(p.price_cents, p.currency, locale);
      li.querySelector('.size')!.textContent =
        `${size.format(p.width_cm)} × ${size.format(p.depth_cm)} × ${size.format(p.height_cm)}`;
      li.querySelector('.description')!.textContent = p.description;
      if (p.variants.length)
        li.querySelector('.description')!.after(variantList(p.name, p.variants, p.currency));
      const plan = li.querySelector<HTMLAnchorElement>('.plan')!;
      plan.href = `/?plan=${encodeURIComponent(p.sku)}#planner-title`;
      plan.setAttribute('aria-label', `Plan it in your room: ${p.name}`);
      return li;
    }),
  );
} catch (error) {
  title.textContent = 'This page could not be loaded';
  list.replaceChildren(Object.assign(document.createElement('p'), { textContent: (error as Error).message }));
}

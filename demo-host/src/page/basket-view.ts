import { formatPrice } from './preferences.ts';
import { type Basket, shopApi } from './shop-api.ts';

/**
 * The shop's basket on its page: the header's count and the basket section, from what the
 * shop's back-end answers (its own prices). Lines can be removed; everything is text nodes.
 */
export function basketView(locale: () => string) {
  const count = document.getElementById('basket-count')!;
  const section = document.getElementById('basket-lines')!;
  const total = document.getElementById('basket-total')!;

  const render = (basket: Basket) => {
    count.textContent = new Intl.NumberFormat(locale()).format(basket.count);
    section.replaceChildren(
      ...basket.lines.map((line) => {
        const li = document.createElement('li');
        li.className = 'basket-line';
        li.dataset.sku = line.sku;
        li.innerHTML =
          '<span class="name"></span><span class="qty"></span><span class="price"></span><button type="button" class="quiet">Remove</button>';
        li.querySelector('.name')!.textContent = line.name;
        li.querySelector('.qty')!.textContent = `× ${new Intl.NumberFormat(locale()).format(line.quantity)}`;
        li.querySelector('.price')!.textContent = formatPrice(
          line.subtotal_cents,
          basket.currency!,
          locale(),
        );
        li.querySelector('button')!.addEventListener('click', async () => {
          render(await shopApi.setQuantity(line.sku, line.variant, 0));
        });
        return li;
      }),
    );
    total.textContent = basket.currency ? formatPrice(basket.total_cents, basket.currency, locale()) : '';
    section.closest('section')!.classList.toggle('empty', basket.lines.length === 0);
  };
  let last: Basket | undefined;
  return {
    render(basket: Basket) {
      last = basket;
      render(basket);
    },
    /** Renders the last basket again (a new locale). */
    refresh() {
      if (last) render(last);
    },
  };
}

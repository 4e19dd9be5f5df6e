/**
 * A catalog card dragged onto the plan with Pointer Events (a finger or a pen; the mouse
 * keeps native drag and drop). The card starts it (`dragCatalogItem`), a ghost follows the
 * pointer, and the plan that registered itself as a drop target under the pointer at the end
 * gets the item. Shadow roots hide the plan from `elementFromPoint`, hence the registry.
 */
export interface CatalogDropTarget {
  /** Whether the client point is over this target. */
  contains(x: number, y: number): boolean;
  hover(over: boolean): void;
  drop(catalogId: string, x: number, y: number): void;
}

const targets = new Set<CatalogDropTarget>();

export function registerDropTarget(target: CatalogDropTarget): () => void {
  targets.add(target);
  return () => targets.delete(target);
}

const over = (x: number, y: number) => [...targets].find((t) => t.contains(x, y));

/** From a card's pointerdown: the card keeps the pointer until it is lifted. */
export function dragCatalogItem(e: PointerEvent, catalogId: string, label: string): void {
  const card = e.currentTarget as HTMLElement | null;
  if (!card || e.button !== 0) return;
  card.setPointerCapture?.(e.pointerId);
  const start = { x: e.clientX, y: e.clientY };
  let ghost: HTMLElement | undefined;
  let hovered: CatalogDropTarget | undefined;
  const move = (m: PointerEvent) => {
    if (m.pointerId !== e.pointerId) return;
    if (!ghost) {
      if (Math.hypot(m.clientX - start.x, m.clientY - start.y) < 6) return;
      ghost = document.createElement('div');
      ghost.textContent = label;
      ghost.setAttribute('aria-hidden', 'true');
      ghost.style.cssText =
        'position:fixed;z-index:9999;pointer-events:none;padding:6px 10px;border-radius:8px;background:#0f766e;color:#fff;font:600 13px system-ui;box-shadow:0 6px 18px rgb(0 0 0/20%);transform:translate(-50%,-130%)';
      document.body.append(ghost);
    }
    m.preventDefault();
    ghost.style.left = `${m.clientX}px`;
    ghost.style.top = `${m.clientY}px`;
    const now = over(m.clientX, m.clientY);
    if (now !== hovered) {
      hovered?.hover(false);
      now?.hover(true);
      hovered = now;
    }
  };
  const end = (u: PointerEvent) => {
    if (u.pointerId !== e.pointerId) return;
    card.removeEventListener('pointermove', move);
    card.removeEventListener('pointerup', end);
    card.removeEventListener('pointercancel', end);
    hovered?.hover(false);
    if (ghost && u.type === 'pointerup') over(u.clientX, u.clientY)?.drop(catalogId, u.clientX, u.clientY);
    ghost?.remove();
  };
  card.addEventListener('pointermove', move);
  card.addEventListener('pointerup', end);
  card.addEventListener('pointercancel', end);
}

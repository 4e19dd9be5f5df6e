/**
 * Random ids. `crypto.randomUUID` exists only in secure contexts; `getRandomValues` works
 * everywhere, so a planner served over plain HTTP in development still runs.
 */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** An id for a placed item: short (the platform allows 64 characters) and unique enough per design. */
export function newItemId(): string {
  return `i${randomHex(6)}`;
}

/** A UUID v4 for an `Idempotency-Key`. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const h = randomHex(16).split('');
  h[12] = '4';
  h[16] = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

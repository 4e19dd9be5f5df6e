import { describe, expect, it } from 'vitest';
import { encodeMultipart } from './multipart.ts';

describe('encodeMultipart', () => {
  it('encodes fields and files that a multipart parser reads back', async () => {
    const form = new FormData();
    form.append('name', 'Living\nroom');
    form.append('plan', new File(['<svg/>'], 'plan "1".svg', { type: 'image/svg+xml' }));
    const { blob, contentType } = encodeMultipart(form);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=-{4}PlannerFormBoundary[0-9a-f]{32}$/);

    const parsed = await new Response(blob, { headers: { 'Content-Type': contentType } }).formData();
    expect(parsed.get('name')).toBe('Living\r\nroom');
    const file = parsed.get('plan') as File;
    // Sent as %22 and decoded back by the parser, as browsers' encoding is.
    expect(file.name).toBe('plan "1".svg');
    expect(file.type).toBe('image/svg+xml');
    expect(await file.text()).toBe('<svg/>');
  });

  it('is the same bytes every time it is read', async () => {
    const form = new FormData();
    form.append('a', '1');
    const { blob } = encodeMultipart(form);
    expect(await blob.text()).toBe(await blob.text());
  });
});

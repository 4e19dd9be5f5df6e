import { describe, expect, it } from 'vitest';
import './confirm-dialog.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

async function open(danger: boolean) {
  const dialog = document.createElement('ui-confirm-dialog');
  document.body.append(dialog);
  const answer = dialog.ask({
    title: 'Delete?',
    message: 'It is gone for good.',
    confirmLabel: 'Delete',
    danger,
  });
  await tick();
  const button = (cls: string) => dialog.shadowRoot!.querySelector(`button.${cls}`) as HTMLButtonElement;
  return { dialog, answer, button };
}

describe('ui-confirm-dialog', () => {
  it('resolves true for the confirm button only, styled as destructive when asked', async () => {
    const { answer, button } = await open(true);
    expect(button('confirm').classList.contains('solid-danger')).toBe(true);
    expect(button('cancel').textContent?.trim()).toBe('Cancel');
    button('confirm').click();
    await expect(answer).resolves.toBe(true);
  });

  it('resolves false for cancel, and a second question ends the first with false', async () => {
    const first = await open(false);
    expect(first.button('confirm').classList.contains('primary')).toBe(true);
    const second = first.dialog.ask({ title: 'Again?', message: '', confirmLabel: 'Yes', cancelLabel: 'No' });
    await expect(first.answer).resolves.toBe(false);
    await tick();
    expect(first.button('cancel').textContent?.trim()).toBe('No');
    first.button('cancel').click();
    await expect(second).resolves.toBe(false);
  });
});

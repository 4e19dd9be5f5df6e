import { localized, msg, str } from '@lit/localize';
import type { InboxMessage } from '@planner/contract';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { reasonOf } from '../project/describe-error.ts';
import type { PlannerServices, SessionState } from '../services.ts';
import { errorText } from '../text/error-text.ts';
import { icon } from './icons.ts';
import { base } from './styles.ts';

/**
 * The signed-in shopper's Messagebox inbox: a header button with the unread count, opening a
 * modal `<dialog>` that lists the messages. Opening an unread message, or its "Mark as read"
 * button, marks it read. Renders nothing unless a user is signed in.
 *
 * Loads the inbox when a user signs in (again for another user) and whenever the panel opens.
 * Give it `services` before connecting it.
 */
@customElement('planner-inbox')
@localized()
export class PlannerInbox extends LitElement {
  @property({ attribute: false }) services!: PlannerServices;
  @property() locale: string | undefined;

  @state() private _user: string | null = null;
  @state() private _messages: InboxMessage[] | null = null;
  @state() private _unread = 0;
  @state() private _loading = false;
  @state() private _error: string | null = null;
  @state() private _open = false;

  @query('dialog') private _dialog!: HTMLDialogElement | null;
  @query('.toggle') private _toggle!: HTMLButtonElement | null;

  #unsubscribe: (() => void) | undefined;
  /** Bumped on every load and sign-out, so a late answer for an earlier user is dropped. */
  #generation = 0;
  #marking = new Set<string>();

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.services.session.subscribe((s) => this.#onSession(s));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Unread messages, as the badge shows them. */
  get unreadCount(): number {
    return this._unread;
  }

  /** Opens the panel and refreshes the list. */
  async show(): Promise<void> {
    if (!this._user) return;
    this._open = true;
    await this.updateComplete;
    if (this._dialog && !this._dialog.open) this._dialog.showModal?.();
    this.renderRoot.querySelector<HTMLButtonElement>('.close')?.focus();
    await this.refresh();
  }

  close(): void {
    if (this._dialog?.open) this._dialog.close();
    else this.#onClose();
  }

  /** Reloads the inbox (no-op unless signed in). */
  async refresh(): Promise<void> {
    if (!this._user) return;
    const generation = ++this.#generation;
    this._loading = true;
    this._error = null;
    try {
      const inbox = await this.services.getInbox();
      if (generation !== this.#generation) return;
      this._messages = inbox.messages;
      this._unread = inbox.unread_count;
    } catch (error) {
      if (generation === this.#generation)
        this._error = errorText('INBOX_LOAD_FAILED', { reason: reasonOf(error) });
    } finally {
      if (generation === this.#generation) this._loading = false;
    }
  }

  async markRead(message: InboxMessage): Promise<void> {
    if (message.read_at !== null || this.#marking.has(message.id)) return;
    this.#marking.add(message.id);
    const generation = this.#generation;
    // Optimistic: the count drops at once and comes back if the platform refuses.
    this.#replace({ ...message, read_at: new Date().toISOString() });
    this._unread = Math.max(0, this._unread - 1);
    try {
      const read = await this.services.markMessageRead(message.id);
      if (generation === this.#generation) this.#replace(read);
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#replace(message);
      this._unread++;
      this._error = errorText('INBOX_MARK_FAILED', { name: message.subject, reason: reasonOf(error) });
    } finally {
      this.#marking.delete(message.id);
    }
  }

  #replace(message: InboxMessage): void {
    this._messages = this._messages?.map((m) => (m.id === message.id ? message : m)) ?? null;
  }

  #onSession(s: SessionState): void {
    if (s.status === 'signed-in') {
      if (s.userId !== this._user) {
        this.#reset();
        this._user = s.userId;
        void this.refresh();
      }
    } else if (s.status === 'visitor' || s.status === 'connecting' || s.status === 'refused') {
      // Refreshing, offline or a failed renewal keep the last user's inbox until they are back.
      this.#reset();
    }
  }

  #reset(): void {
    this.#generation++;
    this.close();
    this._user = null;
    this._messages = null;
    this._unread = 0;
    this._loading = false;
    this._error = null;
  }

  #onClose(): void {
    if (!this._open) return;
    this._open = false;
    this._toggle?.focus();
  }

  #when(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  override render() {
    if (!this._user) return nothing;
    const n = this._unread;
    return html`
      <button
        type="button"
        class="btn quiet toggle"
        aria-label=${msg(str`Inbox, ${n} unread`)}
        aria-haspopup="dialog"
        aria-expanded=${this._open ? 'true' : 'false'}
        title=${msg('Inbox')}
        @click=${() => this.show()}
      >
        ${icon('mail', 17)}<span class="text">${msg('Inbox')}</span>
        ${n > 0 ? html`<span class="badge" aria-hidden="true">${n > 99 ? '99+' : n}</span>` : nothing}
      </button>
      <dialog aria-labelledby="inbox-title" @close=${() => this.#onClose()}>
        <div class="head">
          <h2 id="inbox-title">${msg('Inbox')}</h2>
          <span class="count" role="status">${n === 0 ? msg('All read') : msg(str`${n} unread`)}</span>
          <button type="button" class="btn quiet icon close" aria-label=${msg('Close')} @click=${() => this.close()}>
            ${icon('close', 16)}
          </button>
        </div>
        <div class="body" aria-busy=${this._loading ? 'true' : 'false'}>
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing} ${this.#renderList()}
        </div>
      </dialog>
    `;
  }

  #renderList() {
    const messages = this._messages;
    if (!messages) return this._error ? nothing : html`<p class="muted">${msg('Loading your messages…')}</p>`;
    if (messages.length === 0) return html`<p class="muted">${msg('No messages yet.')}</p>`;
    return html`<ul>
      ${messages.map((m) => this.#renderMessage(m))}
    </ul>`;
  }

  #renderMessage(m: InboxMessage) {
    const unread = m.read_at === null;
    return html`
      <li class="msg ${unread ? 'unread' : ''}">
        <details
          @toggle=${(e: Event) => {
            if ((e.target as HTMLDetailsElement).open) void this.markRead(m);
          }}
        >
          <summary>
            <span class="subject">
              ${unread ? html`<span class="dot" aria-hidden="true"></span><span class="sr-only">${msg('Unread:')} </span>` : nothing}${m.subject}
            </span>
            <span class="meta">${m.from.name} · <time datetime=${m.created_at}>${this.#when(m.created_at)}</time></span>
          </summary>
          <p class="text">${m.body}</p>
        </details>
        ${
          unread
            ? html`<button
              type="button"
              class="btn small mark"
              aria-label=${msg(str`Mark “${m.subject}” as read`)}
              @click=${() => this.markRead(m)}
            >
              ${msg('Mark as read')}
            </button>`
            : nothing
        }
      </li>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
      }
      .toggle {
        position: relative;
      }
      .badge {
        min-width: 18px;
        height: 18px;
        padding: 0 5px;
        border-radius: 999px;
        background: var(--pl-accent);
        color: #fff;
        font-size: 11px;
        font-weight: 700;
        line-height: 18px;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      dialog {
        width: min(560px, calc(100vw - 24px));
        max-height: min(640px, calc(100vh - 24px));
        border: none;
        border-radius: 14px;
        padding: 0;
        box-shadow: var(--pl-shadow-lg);
        color: var(--pl-text);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 35%);
      }
      /* Not a <header>: in a dialog it would be a second banner landmark. */
      .head {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 16px 16px 12px 22px;
        border-bottom: 1px solid var(--pl-border);
      }
      h2 {
        margin: 0;
        font-size: 17px;
      }
      .count {
        flex: 1;
        font-size: 12.5px;
        color: var(--pl-muted);
      }
      .body {
        overflow: auto;
        padding: 8px 12px 14px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .msg {
        display: flex;
        align-items: flex-start;
        gap: 10px;
        padding: 10px;
        border-radius: var(--pl-radius-sm);
      }
      .msg + .msg {
        border-top: 1px solid var(--pl-border);
      }
      .msg.unread {
        background: var(--pl-accent-soft);
      }
      details {
        flex: 1;
        min-width: 0;
      }
      summary {
        display: grid;
        cursor: pointer;
      }
      .subject {
        display: flex;
        align-items: center;
        gap: 6px;
        font-weight: 500;
      }
      .unread .subject {
        font-weight: 700;
      }
      .dot {
        flex: none;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--pl-accent);
      }
      .meta {
        font-size: 12.5px;
        color: var(--pl-muted);
      }
      .text {
        margin: 8px 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .mark {
        flex: none;
      }
      .muted {
        color: var(--pl-muted);
        padding: 12px 10px;
        margin: 0;
      }
      .error {
        color: var(--pl-danger);
        padding: 12px 10px;
        margin: 0;
      }
      @media (max-width: 759px) {
        .toggle .text {
          position: absolute;
          width: 1px;
          height: 1px;
          overflow: hidden;
          clip-path: inset(50%);
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-inbox': PlannerInbox;
  }
}

// Forms whose fields show the server's (or our own) error message right under the field.

import { ApiError, type FieldError } from './api';
import { h } from './dom';
import { errorBox } from './errors';

interface Slot {
  control: HTMLElement;
  error: HTMLElement;
  wrap: HTMLElement;
}

let ids = 0;

export class FormFields {
  private readonly slots = new Map<string, Slot>();

  /**
   * @param aliases other names the server may use for a field ({ office_code: 'office' }).
   */
  constructor(private readonly aliases: Record<string, string> = {}) {}

  /** A labelled field named `name` (the API's field name), with a place for its error. */
  field(name: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
    const id = control.id || `ff-${name}-${++ids}`;
    control.id = id;
    const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name, hidden: true });
    const wrap = h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, label), control, hint ? h('small', { class: 'hint' }, hint) : null, error);
    this.slots.set(name, { control, error, wrap });
    return wrap;
  }

  /** A field whose control is its own label (a checkbox with its words). */
  bare(name: string, content: HTMLElement, control: HTMLElement): HTMLElement {
    const id = control.id || `ff-${name}-${++ids}`;
    control.id = id;
    const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': name, hidden: true });
    const wrap = h('div', { class: 'field', 'data-field': name }, content, error);
    this.slots.set(name, { control, error, wrap });
    return wrap;
  }

  setError(name: string, message: string): boolean {
    const slot = this.slots.get(this.aliases[name] ?? name);
    if (!slot) return false;
    slot.error.textContent = slot.error.textContent ? `${slot.error.textContent} ${message}` : message;
    slot.error.hidden = false;
    slot.wrap.classList.add('has-error');
    slot.control.setAttribute('aria-invalid', 'true');
    slot.control.setAttribute('aria-describedby', slot.error.id);
    return true;
  }

  /** Shows each error under its field; returns those that name no field of this form. */
  showErrors(fields: readonly FieldError[]): FieldError[] {
    const rest: FieldError[] = [];
    for (const f of fields) if (!this.setError(f.field, f.message)) rest.push(f);
    const first = fields.map((f) => this.slots.get(this.aliases[f.field] ?? f.field)).find(Boolean);
    first?.control.focus();
    return rest;
  }

  clear(): void {
    for (const slot of this.slots.values()) {
      slot.error.textContent = '';
      slot.error.hidden = true;
      slot.wrap.classList.remove('has-error');
      slot.control.removeAttribute('aria-invalid');
      slot.control.removeAttribute('aria-describedby');
    }
  }
}

export interface SendOptions {
  /** Checks the form before sending; false stops the send (the check shows its own errors). */
  check?: () => boolean;
  /** A page's own answer to a failure (a 409, a sign-in refusal); true when it has shown it. */
  failed?: (error: unknown) => boolean;
}

/**
 * Sends a form one request at a time: clears the last errors, keeps the button disabled while
 * the request runs, and shows a 400's errors under their fields and any other failure (or errors
 * naming no field of the form) in the form's message box.
 */
export class FormSender {
  private busy = false;

  constructor(
    private readonly fields: FormFields,
    private readonly button: HTMLButtonElement,
    private readonly message: HTMLElement,
    private readonly failTitle: string,
    /** The button's words while sending, when they should change. */
    private readonly busyLabel?: string,
  ) {}

  /** Sends `work` on the form's submit. */
  listen(form: HTMLFormElement, work: () => Promise<void>, options: SendOptions = {}): void {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.send(work, options);
    });
  }

  async send(work: () => Promise<void>, options: SendOptions = {}): Promise<void> {
    if (this.busy) return;
    this.fields.clear();
    this.message.replaceChildren();
    if (options.check && !options.check()) return;
    this.busy = true;
    this.button.disabled = true;
    const label = this.button.textContent;
    if (this.busyLabel) this.button.textContent = this.busyLabel;
    try {
      await work();
    } catch (error) {
      if (!options.failed?.(error)) this.showFailure(error);
    } finally {
      this.busy = false;
      this.button.disabled = false;
      if (this.busyLabel) this.button.textContent = label;
    }
  }

  private showFailure(error: unknown): void {
    if (error instanceof ApiError && error.status === 400 && error.fields.length) {
      const rest = this.fields.showErrors(error.fields);
      if (rest.length) this.message.replaceChildren(errorBox(new ApiError(400, error.code, rest.map((f) => `${f.field}: ${f.message}`).join(' ')), this.failTitle));
      return;
    }
    this.message.replaceChildren(errorBox(error, this.failTitle));
  }
}

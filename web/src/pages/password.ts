import { changePassword, type FieldError, type Session } from '../api';
import { h } from '../dom';
import { FormFields, FormSender } from '../forms';
import { charCount } from '../format';

/** The server's minimum too (kMinPasswordLength), counted in characters as typed. */
export const MIN_PASSWORD_LENGTH = 10;

/** What can be said before asking the server: something missing, too short, or not typed the same twice. */
export function checkNewPassword(current: string, next: string, confirm: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!current) errors.push({ field: 'current_password', message: 'กรุณากรอกรหัสผ่านปัจจุบัน' });
  if (!next) errors.push({ field: 'new_password', message: 'กรุณากรอกรหัสผ่านใหม่' });
  else if (charCount(next) < MIN_PASSWORD_LENGTH) errors.push({ field: 'new_password', message: `รหัสผ่านใหม่ต้องยาวอย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร` });
  else if (current && next === current) errors.push({ field: 'new_password', message: 'รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน' });
  if (next && confirm !== next) errors.push({ field: 'confirm_password', message: 'รหัสผ่านใหม่ทั้งสองช่องไม่ตรงกัน' });
  return errors;
}

export interface PasswordPageOptions {
  /** The user must change the password before anything else (a new account or a reset one). */
  forced: boolean;
  displayName: string;
  onChanged(session: Session): void;
}

export function renderPassword(main: HTMLElement, options: PasswordPageOptions): void {
  document.title = 'เปลี่ยนรหัสผ่าน · Khet';
  const fields = new FormFields();
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'password-current' });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: MIN_PASSWORD_LENGTH, 'data-testid': 'password-new' });
  const confirm = h('input', { type: 'password', autocomplete: 'new-password', required: true, 'data-testid': 'password-confirm' });
  const submit = h('button', { type: 'submit', class: 'button', 'data-testid': 'password-submit' }, 'บันทึกรหัสผ่านใหม่');
  const message = h('div', { 'aria-live': 'polite', 'data-testid': 'password-message' });

  const form = h(
    'form',
    { class: 'panel password-form', novalidate: true, 'data-testid': 'password-form' },
    fields.field('current_password', 'รหัสผ่านปัจจุบัน', current, options.forced ? 'รหัสผ่านชั่วคราวที่ได้รับจากผู้ดูแล' : undefined),
    fields.field('new_password', 'รหัสผ่านใหม่', next, `อย่างน้อย ${MIN_PASSWORD_LENGTH} ตัวอักษร`),
    fields.field('confirm_password', 'ยืนยันรหัสผ่านใหม่', confirm),
    h('div', { class: 'actions' }, submit),
  );

  main.replaceChildren(
    h(
      'div',
      { class: 'narrow' },
      h(
        'header',
        { class: 'page-head' },
        h('p', { class: 'eyebrow' }, options.displayName),
        h('h1', null, 'เปลี่ยนรหัสผ่าน'),
        options.forced
          ? h('div', { class: 'alert alert-warn', 'data-testid': 'password-forced' }, h('strong', null, 'ต้องเปลี่ยนรหัสผ่านก่อนใช้งาน'), h('p', null, 'บัญชีนี้ใช้รหัสผ่านชั่วคราว กรุณาตั้งรหัสผ่านใหม่ที่มีเพียงคุณที่รู้ แล้วจึงเริ่มใช้งานระบบ'))
          : h('p', { class: 'context-line' }, 'รหัสผ่านใหม่ใช้ได้ทันที ครั้งต่อไปให้เข้าสู่ระบบด้วยรหัสผ่านใหม่'),
      ),
      message,
      form,
    ),
  );
  current.focus();

  new FormSender(fields, submit, message, 'เปลี่ยนรหัสผ่านไม่สำเร็จ').listen(
    form,
    async () => {
      const session = await changePassword(current.value, next.value);
      form.reset();
      if (!options.forced) message.replaceChildren(h('div', { class: 'alert alert-ok', role: 'status', 'data-testid': 'password-changed' }, h('strong', null, 'เปลี่ยนรหัสผ่านเรียบร้อยแล้ว')));
      options.onChanged(session);
    },
    {
      check: () => {
        const problems = checkNewPassword(current.value, next.value, confirm.value);
        fields.showErrors(problems);
        return problems.length === 0;
      },
    },
  );
}

import { ApiError, signIn, type Session } from '../api';
import { h } from '../dom';
import { FormFields, FormSender } from '../forms';

/**
 * The sign-in page. `notice` explains why it is shown (a session that ran out); `onSignedIn` takes
 * the new session, and the app goes back to the page the user was on.
 */
export function renderSignIn(main: HTMLElement, onSignedIn: (session: Session) => void, notice?: string): void {
  document.title = 'เข้าสู่ระบบ · Khet';
  const fields = new FormFields();
  const login = h('input', { type: 'text', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, 'data-testid': 'signin-login' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, 'data-testid': 'signin-password' });
  const submit = h('button', { type: 'submit', class: 'button button-wide', 'data-testid': 'signin-submit' }, 'เข้าสู่ระบบ');
  const message = h('div', { 'aria-live': 'assertive', 'data-testid': 'signin-message' });
  if (notice) message.append(h('div', { class: 'alert alert-info', role: 'status' }, h('p', null, notice)));

  const form = h(
    'form',
    { class: 'panel signin-form', novalidate: true, 'data-testid': 'signin-form' },
    h('h1', null, 'เข้าสู่ระบบ'),
    h('p', { class: 'muted' }, 'ระบบสารสนเทศเพื่อการบริหารของสำนักงานเขตพื้นที่การศึกษา'),
    message,
    fields.field('login', 'ชื่อผู้ใช้หรืออีเมล', login),
    fields.field('password', 'รหัสผ่าน', password),
    h('div', { class: 'actions' }, submit),
    h('p', { class: 'muted small' }, 'ลืมรหัสผ่าน? ติดต่อผู้ดูแลระบบของสำนักงานเขตเพื่อตั้งรหัสผ่านใหม่'),
  );

  new FormSender(fields, submit, message, 'เข้าสู่ระบบไม่ได้', 'กำลังเข้าสู่ระบบ…').listen(form, async () => onSignedIn(await signIn(login.value.trim(), password.value)), {
    check: () => {
      const loginText = login.value.trim();
      if (!loginText) fields.setError('login', 'กรุณากรอกชื่อผู้ใช้หรืออีเมล');
      if (!password.value) fields.setError('password', 'กรุณากรอกรหัสผ่าน');
      if (loginText && password.value) return true;
      (loginText ? password : login).focus();
      return false;
    },
    // Sign-in's own box: the page tells a throttled (429) from a wrong password (401).
    failed: (error) => {
      const api = error instanceof ApiError ? error : null;
      const rest = api?.status === 400 ? fields.showErrors(api.fields) : [];
      if (api?.status !== 400 || rest.length) {
        const title = api?.status === 429 ? 'ระงับการเข้าสู่ระบบชั่วคราว' : api?.status === 401 ? 'เข้าสู่ระบบไม่สำเร็จ' : 'เข้าสู่ระบบไม่ได้';
        message.replaceChildren(
          h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'signin-error', 'data-status': api?.status ?? 0 }, h('strong', null, title), h('p', null, error instanceof Error ? error.message : String(error))),
        );
      }
      password.value = '';
      if (api?.status !== 429) password.focus();
      return true;
    },
  });

  main.replaceChildren(h('div', { class: 'signin' }, form));
  login.focus();
}

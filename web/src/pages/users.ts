import { ApiError, addUser, listRoles, listUsers, resetPassword, type Grant, type IssuedPassword, type Role, type RoleScope, type User } from '../api';
import type { AppContext } from '../context';
import { h, loading } from '../dom';
import { errorBox } from '../errors';
import { FormFields, FormSender } from '../forms';
import { formatInteger, formatThaiDateTime } from '../format';

/** "กลุ่มนโยบายและแผน · 2402" / "เจ้าหน้าที่โรงเรียน · 1024050001": one grant in words. */
export function grantText(grant: Grant): string {
  const where = grant.school ? `โรงเรียน ${grant.school}` : grant.group ? `${grant.office} ${grant.group}` : grant.office;
  return `${grant.role_label || grant.role}${where ? ` · ${where}` : ''}`;
}

/** Which scope inputs a role needs: office roles an office, group staff also a group, school officers a school. */
export function scopeInputs(scope: RoleScope): { office: boolean; school: boolean; group: boolean } {
  return { office: scope === 'office' || scope === 'group', school: scope === 'school', group: scope === 'group' };
}

/** The one-time password, shown once: the box says so, and what the user must do with it. */
function passwordBox(issued: IssuedPassword, action: 'add' | 'reset'): HTMLElement {
  const code = h('code', { class: 'otp', 'data-testid': 'one-time-password' }, issued.one_time_password);
  const copy = h('button', { type: 'button', class: 'button button-secondary button-small' }, 'คัดลอก');
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(issued.one_time_password).then(
      () => (copy.textContent = 'คัดลอกแล้ว'),
      () => (copy.textContent = 'คัดลอกไม่ได้ กรุณาจดไว้'),
    );
  });
  return h(
    'div',
    { class: 'alert alert-ok otp-box', role: 'status', 'data-testid': 'otp-box' },
    h('strong', null, action === 'add' ? `เพิ่มผู้ใช้ ${issued.user.login} แล้ว` : `ตั้งรหัสผ่านใหม่ให้ ${issued.user.login} แล้ว`),
    h('p', null, 'รหัสผ่านชั่วคราว: ', code, ' ', copy),
    h('p', null, h('b', null, 'รหัสนี้แสดงเพียงครั้งเดียว'), ' กรุณาจดหรือคัดลอกส่งให้เจ้าของบัญชีทันที เมื่อปิดหรือออกจากหน้านี้จะดูอีกไม่ได้'),
    h('p', null, `ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งถัดไป (${issued.user.display_name || issued.user.login})`),
  );
}

export async function renderUsers(ctx: AppContext, main: HTMLElement): Promise<void> {
  const office = ctx.office;
  main.append(
    h('header', { class: 'page-head' }, h('p', { class: 'eyebrow' }, office.short_name), h('h1', null, 'ผู้ใช้'), h('p', { class: 'context-line' }, 'บัญชีผู้ใช้ของสำนักงานเขตและโรงเรียนในสังกัด บทบาทของแต่ละบัญชีกำหนดว่าเห็นและทำอะไรได้บ้าง')),
  );
  const issuedSlot = h('div', { 'aria-live': 'polite', 'data-testid': 'users-issued' });
  const listPanel = h('section', { class: 'panel' }, h('h2', null, 'บัญชีผู้ใช้'), loading());
  const addPanel = h('section', { class: 'panel' }, h('h2', null, 'เพิ่มผู้ใช้'), loading());
  main.append(issuedSlot, addPanel, listPanel);

  const [users, roles] = await Promise.allSettled([listUsers(office.code), listRoles()]);
  if (!ctx.isCurrent()) return;

  const showIssued = (issued: IssuedPassword, action: 'add' | 'reset') => {
    issuedSlot.replaceChildren(passwordBox(issued, action));
    issuedSlot.scrollIntoView({ block: 'start' });
  };

  async function refreshList(): Promise<void> {
    try {
      const fresh = await listUsers(office.code);
      if (ctx.isCurrent()) drawList(fresh);
    } catch (error) {
      if (ctx.isCurrent()) listPanel.replaceChildren(h('h2', null, 'บัญชีผู้ใช้'), errorBox(error));
    }
  }

  function resetCell(user: User): HTMLElement {
    const cell = h('td', { class: 'actions-cell' });
    const ask = h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'reset-password' }, 'ตั้งรหัสผ่านใหม่');
    ask.addEventListener('click', () => {
      // Asking twice in the row itself (no browser dialog): the old password stops working at once.
      const yes = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'reset-confirm' }, 'ยืนยัน');
      const no = h('button', { type: 'button', class: 'button button-secondary button-small' }, 'ยกเลิก');
      no.addEventListener('click', () => cell.replaceChildren(ask));
      yes.addEventListener('click', () => {
        yes.disabled = true;
        resetPassword(user.id)
          .then((issued) => {
            if (!ctx.isCurrent()) return;
            showIssued(issued, 'reset');
            void refreshList();
          })
          .catch((error: unknown) => {
            if (ctx.isCurrent()) cell.replaceChildren(errorBox(error, 'ตั้งรหัสผ่านใหม่ไม่สำเร็จ'), ask);
          });
      });
      cell.replaceChildren(h('span', { class: 'small' }, `ตั้งรหัสผ่านใหม่ให้ ${user.login}? รหัสเดิมจะใช้ไม่ได้ทันที `), yes, ' ', no);
    });
    cell.append(ask);
    return cell;
  }

  function drawList(list: User[]): void {
    const sorted = [...list].sort((a, b) => a.login.localeCompare(b.login));
    // The contract lists created_at; a server that leaves it out gets no empty column.
    const created = list.some((u) => u.created_at);
    listPanel.replaceChildren(
      h('h2', null, `บัญชีผู้ใช้ ${formatInteger(list.length)} บัญชี`),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data users', 'data-testid': 'users-table' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'ชื่อผู้ใช้'),
              h('th', { scope: 'col' }, 'ชื่อที่แสดง'),
              h('th', { scope: 'col' }, 'บทบาท'),
              h('th', { scope: 'col' }, 'สถานะ'),
              created ? h('th', { scope: 'col', class: 'opt' }, 'สร้างเมื่อ') : null,
              h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'ทำรายการ')),
            ),
          ),
          h(
            'tbody',
            null,
            sorted.map((u) =>
              h(
                'tr',
                { 'data-login': u.login },
                h('td', { class: 'code' }, u.login),
                h('td', null, u.display_name),
                h('td', null, u.grants.length ? h('ul', { class: 'plain' }, u.grants.map((g) => h('li', null, grantText(g)))) : '–'),
                h(
                  'td',
                  null,
                  u.must_change_password ? h('span', { class: 'badge badge-warn', 'data-testid': 'must-change' }, 'ต้องเปลี่ยนรหัสผ่าน') : null,
                  u.demo ? h('span', { class: 'badge badge-demo' }, 'บัญชีสาธิต') : null,
                  !u.must_change_password && !u.demo ? h('span', { class: 'muted' }, 'ปกติ') : null,
                ),
                created ? h('td', { class: 'opt nowrap muted' }, u.created_at ? formatThaiDateTime(u.created_at) : '–') : null,
                u.id === ctx.session.user.id ? h('td', { class: 'muted small' }, 'บัญชีของคุณ') : resetCell(u),
              ),
            ),
          ),
        ),
      ),
    );
  }

  if (users.status === 'fulfilled') drawList(users.value);
  else listPanel.replaceChildren(h('h2', null, 'บัญชีผู้ใช้'), errorBox(users.reason));

  if (roles.status === 'rejected') {
    addPanel.replaceChildren(h('h2', null, 'เพิ่มผู้ใช้'), errorBox(roles.reason));
    return;
  }
  // Only a system admin may make another system admin.
  const offered = roles.value.filter((r) => r.name !== 'system_admin' || ctx.session.system_admin);
  addPanel.replaceChildren(h('h2', null, 'เพิ่มผู้ใช้'), addForm(ctx, offered, (issued) => {
    showIssued(issued, 'add');
    void refreshList();
  }));
}

function addForm(ctx: AppContext, roles: Role[], onAdded: (issued: IssuedPassword) => void): HTMLElement {
  const fields = new FormFields({ office_code: 'office', school_code: 'school', name: 'display_name' });
  const managed = ctx.offices.filter((o) => ctx.session.system_admin || o.permissions.includes('manage_users'));
  const login = h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true, 'data-testid': 'user-login' });
  const name = h('input', { type: 'text', autocomplete: 'off', required: true, 'data-testid': 'user-display-name' });
  const role = h('select', { required: true, 'data-testid': 'user-role' }, h('option', { value: '' }, 'เลือกบทบาท…'), roles.map((r) => h('option', { value: r.name }, r.label)));
  const office = h('select', { 'data-testid': 'user-office' }, managed.map((o) => h('option', { value: o.code, selected: o.code === ctx.office.code }, `${o.short_name} (${o.code})`)));
  const school = h('input', { type: 'text', inputmode: 'numeric', pattern: '\\d{10}', placeholder: 'รหัส 10 หลัก เช่น 1024050001', 'data-testid': 'user-school' });
  const group = h('input', { type: 'text', placeholder: 'เช่น กลุ่มส่งเสริมการจัดการศึกษา', 'data-testid': 'user-group' });
  const submit = h('button', { type: 'submit', class: 'button', 'data-testid': 'user-add' }, 'เพิ่มผู้ใช้');
  const message = h('div', { 'aria-live': 'polite' });

  const officeField = fields.field('office', 'สำนักงานเขต', office);
  const schoolField = fields.field('school', 'โรงเรียน', school, 'โรงเรียนในสังกัดสำนักงานเขตนี้');
  const groupField = fields.field('group', 'กลุ่ม', group);
  const roleHint = h('small', { class: 'hint' });

  const scopeOf = () => roles.find((r) => r.name === role.value)?.scope ?? 'none';
  const showScope = () => {
    const show = scopeInputs(scopeOf());
    officeField.hidden = !show.office;
    schoolField.hidden = !show.school;
    groupField.hidden = !show.group;
    const scope = scopeOf();
    roleHint.textContent = !role.value ? '' : scope === 'none' ? 'บทบาทนี้ใช้ได้ทั้งระบบ' : scope === 'school' ? 'ใช้ได้เฉพาะโรงเรียนที่ระบุ' : scope === 'group' ? 'ใช้ได้ในกลุ่มที่ระบุของสำนักงานเขต' : 'ใช้ได้ทั้งสำนักงานเขต';
  };
  role.addEventListener('change', showScope);
  showScope();

  const roleField = fields.field('role', 'บทบาท', role);
  roleField.insertBefore(roleHint, roleField.querySelector('.field-error'));
  const form = h(
    'form',
    { class: 'user-form', novalidate: true, 'data-testid': 'user-form' },
    fields.field('login', 'ชื่อผู้ใช้หรืออีเมล', login, 'a–z ตัวเลข . _ @ - ยาว 3–64 ตัว'),
    fields.field('display_name', 'ชื่อที่แสดง', name, 'เช่น นางสาวแผน ดี'),
    roleField,
    officeField,
    schoolField,
    groupField,
    h('div', { class: 'user-form-end' }, h('div', { class: 'actions' }, submit), h('p', { class: 'muted small' }, 'ระบบจะสร้างรหัสผ่านชั่วคราวให้ ผู้ใช้ต้องเปลี่ยนเมื่อเข้าสู่ระบบครั้งแรก'), message),
  );

  let body = { login: '', display_name: '', role: '', office: '', school: '', group: '' };
  new FormSender(fields, submit, message, 'เพิ่มผู้ใช้ไม่สำเร็จ').listen(
    form,
    async () => {
      const issued = await addUser(body);
      form.reset();
      showScope();
      onAdded(issued);
    },
    {
      check: () => {
        const show = scopeInputs(scopeOf());
        body = {
          login: login.value.trim(),
          display_name: name.value.trim(),
          role: role.value,
          office: show.office || show.school ? office.value || ctx.office.code : '',
          school: show.school ? school.value.trim() : '',
          group: show.group ? group.value.trim() : '',
        };
        let missing = false;
        const need = (value: string, field: string, text: string) => {
          if (value) return;
          fields.setError(field, text);
          missing = true;
        };
        need(body.login, 'login', 'กรุณากรอกชื่อผู้ใช้หรืออีเมล');
        need(body.display_name, 'display_name', 'กรุณากรอกชื่อที่แสดง');
        need(body.role, 'role', 'กรุณาเลือกบทบาท');
        if (show.school) need(body.school, 'school', 'กรุณากรอกรหัสโรงเรียน');
        if (show.group) need(body.group, 'group', 'กรุณากรอกกลุ่ม');
        return !missing;
      },
      failed: (error) => {
        if (!(error instanceof ApiError && error.status === 409)) return false;
        fields.setError('login', error.message || 'มีผู้ใช้ชื่อนี้แล้ว');
        login.focus();
        return true;
      },
    },
  );
  return form;
}

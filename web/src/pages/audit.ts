import { auditUrl, listAudit, type AuditEntry, type AuditFilter } from '../api';
import type { AppContext } from '../context';
import { field, h, loading } from '../dom';
import { changedRows, diffRecords, type DiffRow } from '../diff';
import { errorBox } from '../errors';
import { formatInteger, formatThaiDateTime } from '../format';

/** The actions the audit trail records, with the words the server also sends as action_label. */
export const AUDIT_ACTIONS: readonly (readonly [string, string])[] = [
  ['school.update', 'แก้ไขข้อมูลโรงเรียน'],
  ['import.schools', 'นำเข้ารายชื่อโรงเรียน'],
  ['import.census', 'นำเข้าข้อมูลนักเรียน'],
  ['import.staff', 'นำเข้าข้อมูลบุคลากร'],
  ['import.degrees', 'นำเข้าวุฒิการศึกษา'],
  ['user.add', 'เพิ่มผู้ใช้'],
  ['user.password_reset', 'ตั้งรหัสผ่านใหม่'],
  ['user.password_change', 'เปลี่ยนรหัสผ่าน'],
  ['demo.build', 'สร้างข้อมูลสาธิต'],
];

const ENTITIES: Record<string, string> = { school: 'โรงเรียน', user: 'ผู้ใช้', import: 'การนำเข้า', office: 'สำนักงานเขต', census: 'ข้อมูลสำมะโน' };

/** Keys every save changes; not what a reader looks for. */
const BOOKKEEPING = new Set(['version', 'updated_at', 'updated_by']);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter of the page's address (?user=&action=&from=&to=), dropping what is malformed. */
export function auditFilterOf(query: URLSearchParams): AuditFilter {
  const filter: AuditFilter = { limit: 200 };
  const user = query.get('user')?.trim();
  if (user) filter.user = user;
  const action = query.get('action');
  if (action && AUDIT_ACTIONS.some(([a]) => a === action)) filter.action = action;
  const from = query.get('from');
  if (from && DATE.test(from)) filter.from = from;
  const to = query.get('to');
  if (to && DATE.test(to)) filter.to = to;
  return filter;
}

/** Newest first: by time, then by the order the server wrote them in. */
export function sortEntries(entries: readonly AuditEntry[]): AuditEntry[] {
  const time = (e: AuditEntry) => Date.parse(e.at) || 0;
  return [...entries].sort((a, b) => time(b) - time(a) || b.generation - a.generation || b.seq - a.seq);
}

function diffTable(rows: DiffRow[], mode: 'change' | 'created' | 'removed'): HTMLElement {
  return h(
    'table',
    { class: 'diff' },
    h(
      'tbody',
      null,
      rows.map((r) =>
        h(
          'tr',
          { class: r.changed ? 'changed' : 'same', 'data-key': r.key },
          h('th', { scope: 'row' }, r.label),
          mode === 'change'
            ? h('td', null, h('span', { class: 'before' }, r.before), h('span', { class: 'arrow', 'aria-label': 'เปลี่ยนเป็น' }, ' → '), h('span', { class: 'after' }, r.after))
            : h('td', null, h('span', { class: mode === 'created' ? 'after' : 'before' }, mode === 'created' ? r.after : r.before)),
        ),
      ),
    ),
  );
}

/** Before → after of one entry: the changed keys in view, the unchanged ones folded away. */
export function changeView(entry: Pick<AuditEntry, 'before' | 'after'>): HTMLElement {
  const { before, after } = entry;
  if (!before && !after) return h('span', { class: 'muted' }, '–');
  const rows = diffRecords(before, after);
  const record = rows.filter((r) => !BOOKKEEPING.has(r.key));
  if (!before) return h('div', { class: 'change change-created' }, h('span', { class: 'change-kind' }, 'สร้างใหม่'), diffTable(record, 'created'));
  if (!after) return h('div', { class: 'change change-removed' }, h('span', { class: 'change-kind' }, 'ลบ'), diffTable(record, 'removed'));
  const { changed, unchanged } = changedRows(rows);
  // The version and who-saved-when change with every save: they go with the rest, folded away.
  const shown = changed.filter((r) => !BOOKKEEPING.has(r.key));
  const folded = [...changed.filter((r) => BOOKKEEPING.has(r.key)), ...unchanged];
  return h(
    'div',
    { class: 'change' },
    shown.length ? diffTable(shown, 'change') : h('span', { class: 'muted' }, 'ไม่มีค่าที่เปลี่ยน'),
    folded.length ? h('details', null, h('summary', null, `ข้อมูลอื่น ${formatInteger(folded.length)} รายการ`), diffTable(folded, 'change')) : null,
  );
}

function entryRow(ctx: AppContext, entry: AuditEntry): HTMLElement {
  const label = entry.action_label || AUDIT_ACTIONS.find(([a]) => a === entry.action)?.[1] || entry.action;
  const id =
    entry.entity === 'school' && entry.entity_id && ctx.canSchool('read_school_data', entry.entity_id)
      ? h('a', { href: `#/schools/${encodeURIComponent(entry.entity_id)}` }, entry.entity_id)
      : entry.entity_id;
  return h(
    'tr',
    { 'data-testid': 'audit-row', 'data-action': entry.action, 'data-entity-id': entry.entity_id },
    h('td', { class: 'nowrap' }, formatThaiDateTime(entry.at)),
    h('td', null, entry.user_name || entry.user_login, entry.user_name ? h('small', { class: 'muted block code' }, entry.user_login) : null),
    h('td', { class: 'code' }, entry.address || '–'),
    h('td', null, label),
    h('td', null, ENTITIES[entry.entity] ?? entry.entity, entry.entity_id ? [h('br'), h('span', { class: 'code' }, id)] : null),
    h('td', { class: 'change-cell' }, changeView(entry)),
  );
}

export async function renderAudit(ctx: AppContext, main: HTMLElement): Promise<void> {
  const office = ctx.office;
  const filter = auditFilterOf(ctx.query);
  main.append(
    h(
      'header',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, office.short_name),
      h('h1', null, 'บันทึกการใช้งาน'),
      h('p', { class: 'context-line' }, 'ทุกการแก้ไขข้อมูล การนำเข้า และการจัดการบัญชีผู้ใช้ บันทึกไว้พร้อมผู้ทำ เวลา และค่าก่อน–หลัง แก้ไขหรือลบบันทึกไม่ได้'),
    ),
  );

  const user = h('input', { type: 'search', value: filter.user ?? '', placeholder: 'เช่น planner.2402', autocomplete: 'off', 'data-testid': 'audit-user' });
  const action = h('select', { 'data-testid': 'audit-action' }, h('option', { value: '' }, 'ทุกการกระทำ'), AUDIT_ACTIONS.map(([a, l]) => h('option', { value: a, selected: a === filter.action }, l)));
  const from = h('input', { type: 'date', value: filter.from ?? '', 'data-testid': 'audit-from' });
  const to = h('input', { type: 'date', value: filter.to ?? '', 'data-testid': 'audit-to' });
  const form = h(
    'form',
    { class: 'filters audit-filters', role: 'search' },
    field('ผู้ใช้ (ชื่อผู้ใช้)', user),
    field('การกระทำ', action),
    field('ตั้งแต่วันที่', from),
    field('ถึงวันที่', to),
    h('div', { class: 'field field-actions' }, h('button', { type: 'submit', class: 'button', 'data-testid': 'audit-search' }, 'ค้นหา')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (user.value.trim()) params.set('user', user.value.trim());
    if (action.value) params.set('action', action.value);
    if (from.value) params.set('from', from.value);
    if (to.value) params.set('to', to.value);
    const next = '#/audit' + (params.size ? '?' + params.toString() : '');
    if (location.hash === next) ctx.reload();
    else location.hash = next;
  });

  const exportName = (format: string) => `audit-${office.code}${filter.from ? '-' + filter.from : ''}${filter.to ? '-' + filter.to : ''}.${format}`;
  const exports = h(
    'div',
    { class: 'downloads', 'data-testid': 'audit-exports' },
    h('span', { class: 'muted' }, 'ส่งออกตามเงื่อนไขนี้:'),
    h('a', { class: 'button button-secondary', href: auditUrl(office.code, filter, 'csv'), download: exportName('csv'), 'data-format': 'csv', 'data-testid': 'audit-export-csv' }, 'CSV'),
    h('a', { class: 'button button-secondary', href: auditUrl(office.code, filter, 'xlsx'), download: exportName('xlsx'), 'data-format': 'xlsx', 'data-testid': 'audit-export-xlsx' }, 'Excel (XLSX)'),
  );
  const body = h('div', null, loading());
  main.append(h('section', { class: 'panel' }, form, exports), h('section', { class: 'panel' }, body));

  let page;
  try {
    page = await listAudit(office.code, filter);
  } catch (error) {
    if (ctx.isCurrent()) body.replaceChildren(errorBox(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const entries = sortEntries(page.entries);
  const count = h(
    'p',
    { class: 'count', 'data-testid': 'audit-count' },
    page.entries.length === 0 ? 'ไม่พบบันทึกที่ตรงกับเงื่อนไข' : `${formatInteger(page.entries.length)} รายการ ล่าสุดก่อน`,
    page.truncated ? h('span', { class: 'badge badge-warn' }, `แสดงเพียง ${formatInteger(page.entries.length)} รายการล่าสุด ระบุช่วงวันที่ให้แคบลงเพื่อดูรายการเก่ากว่านี้`) : null,
  );
  if (page.entries.length === 0) {
    body.replaceChildren(count);
    return;
  }
  body.replaceChildren(
    count,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data audit', 'data-testid': 'audit-table' },
        h(
          'thead',
          null,
          h('tr', null, h('th', { scope: 'col' }, 'เวลา'), h('th', { scope: 'col' }, 'ผู้ใช้'), h('th', { scope: 'col' }, 'ที่อยู่ IP'), h('th', { scope: 'col' }, 'การกระทำ'), h('th', { scope: 'col' }, 'รายการ'), h('th', { scope: 'col' }, 'ก่อน → หลัง')),
        ),
        h('tbody', null, entries.map((e) => entryRow(ctx, e))),
      ),
    ),
  );
}

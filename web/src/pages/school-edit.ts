// The "แก้ไขข้อมูลโรงเรียน" form of a school's page: sends the version it loaded; when someone else
// saved in between (409) it shows who and when, their values beside the user's, and lets the user
// take theirs or put their own on top of the newer version.

import { ApiError, updateSchool, type EditableSchool, type School, type SchoolEdit, type Zone } from '../api';
import { h } from '../dom';
import { diffRecords, type DiffRow } from '../diff';
import { FormFields, FormSender } from '../forms';
import { formatThaiDateTime } from '../format';

export const EDIT_KEYS = ['name', 'district', 'zone_code', 'level_span', 'active'] as const;

/** Levels as OBEC writes them, offered while typing (any other text is allowed). */
const LEVEL_SPANS = ['อนุบาล-ประถมศึกษา', 'อนุบาล-มัธยมศึกษาตอนต้น', 'ประถมศึกษา', 'ประถมศึกษา-มัธยมศึกษาตอนต้น', 'มัธยมศึกษาตอนต้น', 'มัธยมศึกษาตอนต้น-มัธยมศึกษาตอนปลาย', 'มัธยมศึกษาตอนปลาย'];

export function editOf(school: Partial<School>): SchoolEdit {
  return {
    name: school.name ?? '',
    district: school.district ?? '',
    zone_code: school.zone_code ?? '',
    level_span: school.level_span ?? '',
    active: school.active ?? true,
  };
}

/** Their values (the school as it is now) beside mine, field by field, zones by name. */
export function conflictRows(current: EditableSchool, mine: SchoolEdit, zoneName: (code: string) => string): DiffRow[] {
  const readable = (edit: SchoolEdit) => ({ ...edit, zone_code: edit.zone_code ? zoneName(edit.zone_code) : '' });
  return diffRecords(readable(editOf(current)), readable(mine), EDIT_KEYS);
}

/** "นายสมชาย ใจดี บันทึกเมื่อ 23 พ.ย. 2569 10:42 น." — who saved the version the user did not see. */
export function conflictWho(current: EditableSchool): string {
  const who = current.updated_by || 'ผู้ใช้อื่น';
  const when = formatThaiDateTime(current.updated_at);
  return when ? `${who} บันทึกเมื่อ ${when}` : `${who} บันทึกไว้`;
}

export interface SchoolEditorOptions {
  school: School;
  zones: readonly Pick<Zone, 'code' | 'name'>[];
  districts: readonly string[];
  onSaved(school: EditableSchool): void;
  /** Drop the edit and show the school as it is now. */
  onReload(): void;
  onCancel(): void;
}

export function schoolEditor(options: SchoolEditorOptions): HTMLElement {
  const { school } = options;
  let version = school.version ?? 0;
  const zones = new Map<string, string>();
  for (const zone of options.zones) zones.set(zone.code, zone.name);
  if (school.zone_code && !zones.has(school.zone_code)) zones.set(school.zone_code, school.zone_name ?? school.zone_code);
  const zoneName = (code: string) => zones.get(code) ?? code;

  const fields = new FormFields({ zone: 'zone_code' });
  const start = editOf(school);
  const name = h('input', { type: 'text', value: start.name, required: true, maxlength: 200, 'data-testid': 'edit-name' });
  const district = h('input', { type: 'text', value: start.district, list: 'edit-districts', 'data-testid': 'edit-district' });
  const zone = h(
    'select',
    { 'data-testid': 'edit-zone' },
    h('option', { value: '', selected: !start.zone_code }, 'ไม่อยู่ในเขตคุณภาพใด'),
    [...zones].map(([code, label]) => h('option', { value: code, selected: code === start.zone_code }, label)),
  );
  const level = h('input', { type: 'text', value: start.level_span, list: 'edit-levels', 'data-testid': 'edit-level' });
  const active = h('input', { type: 'checkbox', checked: start.active, 'data-testid': 'edit-active' });
  const save = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'edit-save' }, 'บันทึก');
  const cancel = h('button', { type: 'button', class: 'button button-secondary', onclick: () => options.onCancel() }, 'ยกเลิก');
  const message = h('div', { 'aria-live': 'polite', 'data-testid': 'edit-message' });

  const mine = (): SchoolEdit => ({ name: name.value.trim(), district: district.value.trim(), zone_code: zone.value, level_span: level.value.trim(), active: active.checked });

  const form = h(
    'form',
    { class: 'school-form', novalidate: true, 'data-testid': 'school-form' },
    fields.field('name', 'ชื่อโรงเรียน', name),
    fields.field('district', 'อำเภอ', district),
    h('datalist', { id: 'edit-districts' }, options.districts.map((d) => h('option', { value: d }))),
    fields.field('zone_code', 'เขตคุณภาพการศึกษา', zone),
    fields.field('level_span', 'ระดับที่เปิดสอน', level, 'เช่น อนุบาล-ประถมศึกษา'),
    h('datalist', { id: 'edit-levels' }, LEVEL_SPANS.map((l) => h('option', { value: l }))),
    fields.bare('active', h('label', { class: 'check' }, active, ' เปิดสอน (ไม่เลือก = ปิด/ยุบรวม)'), active),
    h('div', { class: 'actions' }, save, cancel),
  );

  const sender = new FormSender(fields, save, message, 'บันทึกไม่สำเร็จ');
  function submit(edit: SchoolEdit, atVersion: number): Promise<void> {
    return sender.send(async () => options.onSaved(await updateSchool(school.code, atVersion, edit)), {
      check: () => {
        if (edit.name) return true;
        fields.setError('name', 'กรุณากรอกชื่อโรงเรียน');
        name.focus();
        return false;
      },
      failed: (error) => {
        if (!(error instanceof ApiError && error.status === 409 && error.current)) return false;
        message.replaceChildren(conflictBox(error, edit));
        return true;
      },
    });
  }

  function conflictBox(error: ApiError, edit: SchoolEdit): HTMLElement {
    const current = error.current!;
    const rows = conflictRows(current, edit, zoneName);
    const theirs = current.updated_by || 'ผู้ใช้อื่น';
    const takeTheirs = h('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'conflict-take-theirs' }, `ใช้ข้อมูลของ${theirs} (โหลดใหม่)`);
    const applyMine = h('button', { type: 'button', class: 'button', 'data-testid': 'conflict-apply-mine' }, 'บันทึกข้อมูลของฉันทับฉบับล่าสุด');
    takeTheirs.addEventListener('click', () => options.onReload());
    applyMine.addEventListener('click', () => {
      // Mine on top of theirs: the same values, now against the version the server has.
      version = current.version;
      void submit(edit, current.version);
    });
    return h(
      'div',
      { class: 'alert alert-warn conflict', role: 'alert', 'data-testid': 'conflict' },
      h('strong', null, 'มีผู้อื่นแก้ไขข้อมูลโรงเรียนนี้ก่อนคุณบันทึก'),
      h('p', { 'data-testid': 'conflict-who' }, `${conflictWho(current)} (ฉบับที่ ${current.version}) ข้อมูลที่คุณแก้ไขจึงยังไม่ถูกบันทึก ตรวจดูความแตกต่างด้านล่าง แล้วเลือกว่าจะใช้ข้อมูลชุดใด`),
      error.message ? h('p', { class: 'muted small' }, error.message) : null,
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data compare', 'data-testid': 'conflict-table' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'ข้อมูล'), h('th', { scope: 'col' }, `ฉบับล่าสุดของ${theirs}`), h('th', { scope: 'col' }, 'ของคุณ (ยังไม่บันทึก)'))),
          h(
            'tbody',
            null,
            rows.map((r) => h('tr', { class: r.changed ? 'changed' : null, 'data-key': r.key }, h('th', { scope: 'row' }, r.label, r.changed ? h('span', { class: 'badge badge-changed' }, 'ต่างกัน') : null), h('td', null, r.before), h('td', null, r.after))),
          ),
        ),
      ),
      h('div', { class: 'actions' }, takeTheirs, applyMine),
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(mine(), version);
  });

  const panel = h(
    'section',
    { class: 'panel panel-edit', 'data-testid': 'school-editor' },
    h('h2', null, 'แก้ไขข้อมูลโรงเรียน'),
    h('p', { class: 'muted' }, school.updated_by ? `แก้ไขล่าสุดโดย ${school.updated_by}${school.updated_at ? ' เมื่อ ' + formatThaiDateTime(school.updated_at) : ''}` : 'ข้อมูลจากการนำเข้า ยังไม่เคยแก้ไขในระบบ'),
    message,
    form,
  );
  queueMicrotask(() => name.focus());
  return panel;
}

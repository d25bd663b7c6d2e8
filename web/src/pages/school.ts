import { getSchool, type DegreeRow, type StaffRow } from '../api';
import type { AppContext } from '../context';
import { append, h, loading } from '../dom';
import { enrolmentLines } from '../enrolment';
import { errorBox } from '../errors';
import { formatInteger, formatRatio, formatThaiDateTime } from '../format';
import { schoolEditor } from './school-edit';

/** The server's source tags in words; a file name or anything new is shown as it is. */
export function sourceLabel(source: string): string {
  if (source === 'generated') return 'ข้อมูลสาธิตที่สร้างขึ้น';
  const obec = /^obec-(\d{4})-(\d{2})$/.exec(source);
  if (obec) return `รายชื่อโรงเรียน สพฐ. (${obec[2]}/${Number(obec[1]) + 543})`;
  return source;
}

export function schoolTitle(name: string): string {
  return /^โรงเรียน/.test(name) ? name : 'โรงเรียน' + name;
}

function numCells(...values: number[]): HTMLElement[] {
  return values.map((v) => h('td', { class: 'num' }, formatInteger(v)));
}

function headRow(...labels: [string, boolean?][]): HTMLElement {
  return h('thead', null, h('tr', null, labels.map(([label, num]) => h('th', { scope: 'col', class: num ? 'num' : null }, label))));
}

function staffTable(staff: StaffRow[]): HTMLElement {
  const male = staff.reduce((n, s) => n + s.male, 0);
  const female = staff.reduce((n, s) => n + s.female, 0);
  return h(
    'table',
    { class: 'data' },
    h('caption', null, 'ข้าราชการครูและบุคลากรทางการศึกษา จำแนกตามตำแหน่ง อันดับ และวิทยฐานะ'),
    headRow(['ตำแหน่ง'], ['อันดับ'], ['วิทยฐานะ'], ['ชาย', true], ['หญิง', true], ['รวม', true]),
    h('tbody', null, staff.map((s) => h('tr', null, h('td', null, s.position), h('td', null, s.rank || '–'), h('td', null, s.standing || '–'), numCells(s.male, s.female, s.male + s.female)))),
    h('tfoot', null, h('tr', { class: 'total' }, h('th', { scope: 'row', colspan: 3 }, 'รวมทั้งสิ้น'), numCells(male, female, male + female))),
  );
}

function degreeTable(degrees: DegreeRow[]): HTMLElement {
  const male = degrees.reduce((n, s) => n + s.male, 0);
  const female = degrees.reduce((n, s) => n + s.female, 0);
  return h(
    'table',
    { class: 'data' },
    h('caption', null, 'วุฒิการศึกษาสูงสุด'),
    headRow(['ระดับการศึกษา'], ['ชาย', true], ['หญิง', true], ['รวม', true]),
    h('tbody', null, degrees.map((d) => h('tr', null, h('td', null, d.degree), numCells(d.male, d.female, d.male + d.female)))),
    h('tfoot', null, h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'รวมทั้งสิ้น'), numCells(male, female, male + female))),
  );
}

export async function renderSchool(ctx: AppContext, main: HTMLElement, code: string, notice?: string): Promise<void> {
  // The office's school list is there only for readers of the whole office (not a school officer).
  const listed = ctx.can('read_school_data');
  const back = () => (listed ? h('p', { class: 'eyebrow' }, h('a', { href: '#/schools' }, '← โรงเรียนในสังกัด')) : null);
  const head = h('header', { class: 'page-head' }, back(), h('h1', null, `โรงเรียนรหัส ${code}`));
  const body = h('div', null, loading());
  main.append(head, body);

  let detail;
  try {
    detail = await getSchool(code, ctx.round || undefined);
  } catch (error) {
    if (ctx.isCurrent()) body.replaceChildren(errorBox(error, 'ไม่พบข้อมูลโรงเรียนนี้'));
    return;
  }
  if (!ctx.isCurrent()) return;
  const school = detail.school;
  document.title = `${schoolTitle(school.name)} · Khet`;
  head.replaceChildren();
  append(head, [
    back(),
    h('h1', null, schoolTitle(school.name), school.active ? null : h('span', { class: 'tag' }, 'ปิด/ยุบรวม')),
    ctx.round ? h('p', { class: 'context-line' }, `รอบข้อมูล ${ctx.round}`) : null,
  ]);

  const facts: [string, string | HTMLElement][] = [
    ['รหัสโรงเรียน (10 หลัก)', school.code],
    ['รหัส SMIS (8 หลัก)', school.smis_code || '–'],
    ['อำเภอ', school.district || '–'],
    ['เขตคุณภาพการศึกษา', school.zone_code ? (listed ? h('a', { href: `#/schools?zone=${encodeURIComponent(school.zone_code)}` }, school.zone_name ?? school.zone_code) : school.zone_name ?? school.zone_code) : '–'],
    ['สังกัด', school.affiliation || '–'],
    ['ระดับที่เปิดสอน', school.level_span || '–'],
    ['ขนาดโรงเรียน', school.size_group || '–'],
    ['สถานะ', school.active ? 'เปิดสอน' : 'ปิด/ยุบรวม'],
  ];
  if (school.source) facts.push(['ที่มาของข้อมูล', sourceLabel(school.source)]);
  if (school.updated_by) facts.push(['แก้ไขล่าสุด', `${school.updated_by}${school.updated_at ? ' · ' + formatThaiDateTime(school.updated_at) : ''}`]);

  // The edit form opens above the page, full width, so a conflict's comparison has room.
  const editSlot = h('div');
  const editable = ctx.canSchool('edit_school', school.code, school.office_code);
  const editButton = editable ? h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'school-edit' }, 'แก้ไขข้อมูลโรงเรียน') : null;
  editButton?.addEventListener('click', () => {
    editButton.hidden = true;
    editSlot.replaceChildren(
      schoolEditor({
        school,
        // The school page lists its office's zones (a school officer cannot read the office itself).
        zones: detail.zones?.length ? detail.zones : ctx.office.zones ?? [],
        districts: ctx.office.districts ?? [],
        onSaved() {
          ctx.invalidate();
          if (!ctx.isCurrent()) return;
          main.replaceChildren();
          void renderSchool(ctx, main, code, 'บันทึกข้อมูลโรงเรียนเรียบร้อยแล้ว');
        },
        onReload() {
          ctx.invalidate();
          if (!ctx.isCurrent()) return;
          main.replaceChildren();
          void renderSchool(ctx, main, code, 'โหลดข้อมูลล่าสุดแล้ว การแก้ไขของคุณไม่ได้บันทึก');
        },
        onCancel() {
          editSlot.replaceChildren();
          editButton.hidden = false;
        },
      }),
    );
    editSlot.scrollIntoView({ block: 'start' });
  });
  const lines = enrolmentLines(detail.enrolment);
  const totalStudents = lines.at(-1)?.total ?? school.students ?? 0;
  const teachers = detail.staff.reduce((n, s) => n + s.male + s.female, 0);

  body.replaceChildren();
  if (notice) body.append(h('div', { class: 'alert alert-ok', role: 'status', 'data-testid': 'school-notice' }, h('strong', null, notice)));
  body.append(
    editSlot,
    h(
      'div',
      { class: 'grid-2' },
      h('section', { class: 'panel' }, h('div', { class: 'panel-head' }, h('h2', null, 'ข้อมูลทั่วไป'), editButton), h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v))))),
      h(
        'section',
        { class: 'panel' },
        h('h2', null, 'อัตราส่วน'),
        h(
          'div',
          { class: 'stats stats-small' },
          h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'นักเรียน'), h('span', { class: 'stat-value' }, formatInteger(totalStudents)), h('span', { class: 'stat-unit' }, 'คน')),
          h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'ครู'), h('span', { class: 'stat-value' }, formatInteger(school.teachers ?? teachers)), h('span', { class: 'stat-unit' }, 'คน')),
          h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'ครู : นักเรียน'), h('span', { class: 'stat-value', 'data-testid': 'school-teacher-ratio' }, formatRatio(detail.teacher_ratio))),
          h('div', { class: 'stat' }, h('span', { class: 'stat-label' }, 'ห้อง : นักเรียน'), h('span', { class: 'stat-value', 'data-testid': 'school-room-ratio' }, formatRatio(detail.room_ratio))),
        ),
      ),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', null, 'นักเรียนจำแนกตามระดับชั้นและเพศ'),
      lines.length === 0
        ? h('p', { class: 'muted' }, 'ยังไม่มีข้อมูลนักเรียนในรอบนี้')
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'data', 'data-testid': 'enrolment' },
              headRow(['ระดับชั้น'], ['ชาย', true], ['หญิง', true], ['รวม', true], ['ห้องเรียน', true]),
              h('tbody', null, lines.map((l) => h('tr', { class: l.role }, l.role === 'body' ? h('td', null, l.label) : h('th', { scope: 'row' }, l.label), numCells(l.male, l.female, l.total, l.rooms)))),
            ),
          ),
    ),
    h(
      'section',
      { class: 'panel' },
      h('h2', null, 'บุคลากร'),
      detail.staff.length === 0 ? h('p', { class: 'muted' }, 'ยังไม่มีข้อมูลบุคลากรในรอบนี้') : h('div', { class: 'table-wrap' }, staffTable(detail.staff)),
      detail.degrees.length === 0 ? null : h('div', { class: 'table-wrap' }, degreeTable(detail.degrees)),
    ),
  );
}

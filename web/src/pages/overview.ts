import { getStatistics, getValidation, listSchools, type School, type ValidationWarning } from '../api';
import { chartFigure } from '../charts';
import type { AppContext } from '../context';
import { append, h, loading } from '../dom';
import { errorBox } from '../errors';
import { formatDecimal, formatInteger, formatRatio, ratio, roundContext } from '../format';
import { totalsByDistrict } from '../schools';
import { districtStudents } from '../stats';

/** Thai names for the figures a validation rule reports; unknown keys are shown as they come. */
const FIGURE_LABELS: Record<string, string> = {
  district: 'อำเภอ',
  zone: 'เขตคุณภาพ',
  zones: 'โรงเรียนในเขตคุณภาพ',
  district_schools: 'โรงเรียนในอำเภอ',
  zone_schools: 'โรงเรียนในเขตคุณภาพทั้งหมด',
  active_schools: 'โรงเรียนที่เปิดสอน',
  schools: 'รหัสโรงเรียน',
  name: 'ชื่อโรงเรียน',
  smis_code: 'รหัส SMIS',
  count: 'จำนวน',
  position_male: 'ตามตำแหน่ง ชาย',
  position_female: 'ตามตำแหน่ง หญิง',
  degree_male: 'ตามวุฒิ ชาย',
  degree_female: 'ตามวุฒิ หญิง',
  table: 'ตาราง',
  column: 'คอลัมน์',
  printed: 'ตัวเลขที่พิมพ์',
  computed: 'ผลรวมที่คำนวณได้',
  expected: 'ค่าที่ควรเป็น',
  actual: 'ค่าที่พบ',
  students: 'นักเรียน',
  teachers: 'ครู',
  rooms: 'ห้องเรียน',
  school: 'รหัสโรงเรียน',
  grade: 'ระดับชั้น',
  round: 'รอบข้อมูล',
};

function figureValue(key: string, value: string | number | null): string | HTMLElement {
  if (typeof value === 'number') return Number.isInteger(value) ? formatInteger(value) : formatDecimal(value);
  // Warnings are shown only to readers of school data, who may open any school of the office.
  if (key === 'school' && value && /^\d+$/.test(value)) return h('a', { href: `#/schools/${value}` }, value);
  return value ?? '–';
}

function warningItem(warning: ValidationWarning): HTMLElement {
  const figures = Object.entries(warning.figures ?? {});
  return h(
    'li',
    { class: 'warning' },
    h('p', null, warning.message),
    figures.length
      ? h('dl', { class: 'figures' }, figures.map(([key, value]) => h('div', null, h('dt', null, FIGURE_LABELS[key] ?? key), h('dd', null, figureValue(key, value)))))
      : null,
    h('small', { class: 'muted' }, 'กฎ: ', h('code', null, warning.rule)),
  );
}

function stat(label: string, value: string, unit?: string, testId?: string): HTMLElement {
  return h('div', { class: 'stat', 'data-testid': testId }, h('span', { class: 'stat-label' }, label), h('span', { class: 'stat-value' }, value), unit ? h('span', { class: 'stat-unit' }, unit) : null);
}

export async function renderOverview(ctx: AppContext, main: HTMLElement): Promise<void> {
  const office = ctx.office;
  const context = roundContext(ctx.round);
  main.append(
    h(
      'header',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, 'ภาพรวมสำนักงานเขตพื้นที่การศึกษา'),
      h('h1', null, office.name),
      h(
        'p',
        { class: 'context-line' },
        `รหัสเขตพื้นที่ ${office.code}`,
        context
          ? [` · ปีการศึกษา ${context.academicYear} · ข้อมูล ณ วันที่ ${context.snapshotDate} · ปีงบประมาณ ${context.fiscalYear}`]
          : ` · รอบข้อมูล ${ctx.round}`,
      ),
    ),
  );
  if (office.data_note) {
    main.append(
      h('aside', { class: 'alert alert-info data-note', 'data-testid': 'data-note' }, h('strong', null, 'ที่มาของข้อมูล'), office.data_note.split(/\n+/).map((p) => h('p', null, p))),
    );
  }

  // Readers of published figures only (group staff, the public) see the office's own summary and
  // table 3's districts; the school list and the validation warnings need read_school_data.
  const schoolData = ctx.can('read_school_data');
  const statsSlot = h('section', { class: 'stats', 'aria-label': 'ตัวเลขสำคัญ' }, loading());
  const chartSlot = h('section', { class: 'panel' }, h('h2', null, 'จำนวนนักเรียนรายอำเภอ'), loading());
  const warningSlot = h('section', { class: 'panel' }, h('h2', null, 'ผลการตรวจสอบความถูกต้องของข้อมูล'), loading());
  const zoneSlot = h('section', { class: 'panel' });
  main.append(statsSlot, schoolData ? h('div', { class: 'grid-2' }, chartSlot, warningSlot) : chartSlot, zoneSlot);

  const [schools, warnings, table3] = await Promise.allSettled([
    schoolData ? listSchools(office.code, ctx.round) : Promise.resolve(null as School[] | null),
    schoolData ? getValidation(office.code, ctx.round) : Promise.resolve(null as ValidationWarning[] | null),
    schoolData ? Promise.resolve(null) : getStatistics(office.code, 'table3', ctx.round),
  ]);
  if (!ctx.isCurrent()) return;

  // The office's own summary is the figure of record; when it is for another round, the sums of the
  // school list for the chosen round are shown instead.
  const list = schools.status === 'fulfilled' ? schools.value : null;
  let summary = office.summary && office.summary.round === ctx.round ? office.summary : null;
  if (!summary && list) {
    const active = list.filter((s) => s.active);
    const students = active.reduce((n, s) => n + (s.students ?? 0), 0);
    const rooms = active.reduce((n, s) => n + (s.rooms ?? 0), 0);
    const teachers = active.reduce((n, s) => n + (s.teachers ?? 0), 0);
    summary = { round: ctx.round, schools: active.length, students, rooms, teachers, teacher_ratio: ratio(students, teachers), room_ratio: ratio(students, rooms) };
  }
  statsSlot.replaceChildren(
    ...(summary
      ? [
          stat('โรงเรียน', formatInteger(summary.schools), 'แห่ง', 'stat-schools'),
          stat('นักเรียน', formatInteger(summary.students), 'คน', 'stat-students'),
          stat('ห้องเรียน', formatInteger(summary.rooms), 'ห้อง', 'stat-rooms'),
          stat('ครู', formatInteger(summary.teachers), 'คน', 'stat-teachers'),
          stat('ครู : นักเรียน', formatRatio(summary.teacher_ratio), undefined, 'stat-teacher-ratio'),
          stat('ห้อง : นักเรียน', formatRatio(summary.room_ratio), undefined, 'stat-room-ratio'),
        ]
      : [errorBox(schools.status === 'rejected' ? schools.reason : 'ไม่มีข้อมูลสรุป')]),
  );

  chartSlot.replaceChildren(h('h2', null, 'จำนวนนักเรียนรายอำเภอ'));
  const published = table3.status === 'fulfilled' && table3.value ? districtStudents(table3.value) : null;
  const districts = list ? totalsByDistrict(list.filter((s) => s.active)) : published;
  if (districts) {
    const description = districts.map((d) => `${d.district} ${formatInteger(d.students)} คน`).join(', ');
    chartSlot.append(
      chartFigure(
        { type: 'bar', title: `รอบข้อมูล ${ctx.round} (รวม ${formatInteger(districts.reduce((n, d) => n + d.students, 0))} คน)`, labels: districts.map((d) => d.district), series: [{ label: 'นักเรียน', values: districts.map((d) => d.students) }], horizontal: true },
        description,
      ),
      h('p', { class: 'muted' }, h('a', { href: '#/statistics/table3' }, 'ดูตารางอัตราส่วนรายอำเภอ (ตารางที่ 3)')),
    );
  } else {
    const failed = [schools, table3].find((r) => r.status === 'rejected');
    chartSlot.append(errorBox(failed ? (failed as PromiseRejectedResult).reason : 'ไม่มีข้อมูลรายอำเภอ'));
  }

  warningSlot.replaceChildren(h('h2', null, 'ผลการตรวจสอบความถูกต้องของข้อมูล'));
  if (warnings.status === 'rejected') {
    warningSlot.append(errorBox(warnings.reason));
  } else if (warnings.value) {
    append(warningSlot, [
      warnings.value.length === 0
        ? h('p', { class: 'ok' }, 'ไม่พบข้อขัดแย้งในข้อมูลรอบนี้')
        : [
            h('p', { class: 'muted' }, `พบข้อควรตรวจสอบ ${formatInteger(warnings.value.length)} รายการ ตัวเลขที่ขัดกันแสดงไว้ใต้แต่ละข้อ`),
            h('ul', { class: 'warnings', 'data-testid': 'validation-warnings' }, warnings.value.map(warningItem)),
          ],
    ]);
  }

  if (office.zones?.length) {
    zoneSlot.append(
      h('h2', null, `เขตคุณภาพการศึกษา ${formatInteger(office.zones.length)} เขต`),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'data nowrap' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'เขตคุณภาพ'), h('th', { scope: 'col' }, 'อำเภอ'), h('th', { scope: 'col' }, 'โรงเรียนที่ตั้งเขตคุณภาพ'), h('th', { scope: 'col', class: 'num' }, 'จำนวนโรงเรียน'))),
          h(
            'tbody',
            null,
            office.zones.map((z) =>
              h(
                'tr',
                null,
                h('td', null, schoolData ? h('a', { href: `#/schools?zone=${encodeURIComponent(z.code)}` }, z.name) : z.name),
                h('td', null, z.district),
                h('td', null, z.centre_school ? (schoolData ? h('a', { href: `#/schools/${encodeURIComponent(z.centre_school.code)}` }, z.centre_school.name) : z.centre_school.name) : '–'),
                h('td', { class: 'num' }, formatInteger(z.schools)),
              ),
            ),
          ),
        ),
      ),
    );
  }
}

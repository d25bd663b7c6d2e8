import { listSchools, type School } from '../api';
import type { AppContext } from '../context';
import { field, h, loading, select } from '../dom';
import { errorBox } from '../errors';
import { formatInteger } from '../format';
import { bandOf, distinct, filterSchools, sortSchools, type SchoolSort } from '../schools';

const SORTS: [SchoolSort, string][] = [
  ['name', 'ชื่อโรงเรียน (ก–ฮ)'],
  ['students-desc', 'นักเรียนมากไปน้อย'],
  ['students-asc', 'นักเรียนน้อยไปมาก'],
];

function schoolRow(school: School): HTMLElement {
  return h(
    'tr',
    { class: school.active ? null : 'inactive' },
    h('td', { class: 'code' }, school.code),
    h('td', null, h('a', { href: `#/schools/${encodeURIComponent(school.code)}` }, school.name), school.active ? null : h('span', { class: 'tag' }, 'ปิด/ยุบรวม')),
    h('td', { class: 'opt' }, school.district || '–'),
    h('td', { class: 'opt' }, school.zone_name || '–'),
    h('td', { class: 'opt' }, school.size_group || '–'),
    h('td', { class: 'num' }, formatInteger(school.students)),
    h('td', { class: 'num opt' }, formatInteger(school.rooms)),
    h('td', { class: 'num opt' }, formatInteger(school.teachers)),
  );
}

export async function renderSchools(ctx: AppContext, main: HTMLElement): Promise<void> {
  main.append(
    h('header', { class: 'page-head' }, h('p', { class: 'eyebrow' }, ctx.office.short_name), h('h1', null, 'โรงเรียนในสังกัด'), h('p', { class: 'context-line' }, `รอบข้อมูล ${ctx.round}`)),
  );
  const body = h('section', { class: 'panel' }, loading());
  main.append(body);

  let schools: School[];
  try {
    schools = await listSchools(ctx.office.code, ctx.round, ctx.scheme);
  } catch (error) {
    if (ctx.isCurrent()) body.replaceChildren(errorBox(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const scheme = ctx.schemes.find((s) => s.code === ctx.scheme);
  if (scheme) {
    for (const school of schools) {
      if (!school.size_group && school.students !== null) school.size_group = bandOf(scheme.bands, school.students)?.label ?? null;
    }
  }

  const q = ctx.query;
  const state = {
    query: q.get('q') ?? '',
    district: q.get('district') ?? '',
    zone: q.get('zone') ?? '',
    sizeGroup: q.get('size') ?? '',
    sort: (SORTS.some(([k]) => k === q.get('sort')) ? q.get('sort') : 'name') as SchoolSort,
  };

  const districts = distinct([...ctx.office.districts, ...schools.map((s) => s.district)]);
  const zones = new Map<string, string>();
  for (const zone of ctx.office.zones ?? []) zones.set(zone.code, zone.name);
  for (const s of schools) if (s.zone_code) zones.set(s.zone_code, s.zone_name ?? s.zone_code);
  const sizeGroups = scheme ? scheme.bands.map((b) => b.label) : distinct(schools.map((s) => s.size_group));

  const search = h('input', { type: 'search', value: state.query, placeholder: 'เช่น วัดบางกระดาน หรือ 1024070063', autocomplete: 'off', 'data-testid': 'school-search' });
  search.addEventListener('input', () => {
    state.query = search.value;
    update();
  });
  const count = h('p', { class: 'count', role: 'status', 'aria-live': 'polite', 'data-testid': 'school-count' });
  const tbody = h('tbody');

  const controls = h(
    'form',
    { class: 'filters', role: 'search', onsubmit: (e: Event) => e.preventDefault() },
    field('ค้นหาชื่อหรือรหัสโรงเรียน', search),
    field('อำเภอ', select({ 'data-testid': 'filter-district' }, [['', 'ทุกอำเภอ'], ...districts.map((d) => [d, d] as const)], state.district, (v) => ((state.district = v), update()))),
    field('เขตคุณภาพ', select({ 'data-testid': 'filter-zone' }, [['', 'ทุกเขตคุณภาพ'], ...[...zones].map(([code, name]) => [code, name] as const)], state.zone, (v) => ((state.zone = v), update()))),
    field(
      'เกณฑ์ขนาดโรงเรียน',
      select({ 'data-testid': 'scheme' }, ctx.schemes.map((s) => [s.code, s.name] as const), ctx.scheme, (v) => {
        ctx.replaceQuery({ size: undefined });
        ctx.setScheme(v);
      }),
    ),
    field('ขนาดโรงเรียน', select({ 'data-testid': 'filter-size' }, [['', 'ทุกขนาด'], ...sizeGroups.map((g) => [g, g] as const)], state.sizeGroup, (v) => ((state.sizeGroup = v), update()))),
    field('เรียงตาม', select({ 'data-testid': 'sort' }, SORTS, state.sort, (v) => ((state.sort = v as SchoolSort), update()))),
  );

  const table = h(
    'table',
    { class: 'data schools', 'data-testid': 'schools-table' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'รหัสโรงเรียน'),
        h('th', { scope: 'col' }, 'ชื่อโรงเรียน'),
        h('th', { scope: 'col', class: 'opt' }, 'อำเภอ'),
        h('th', { scope: 'col', class: 'opt' }, 'เขตคุณภาพ'),
        h('th', { scope: 'col', class: 'opt' }, 'ขนาด'),
        h('th', { scope: 'col', class: 'num' }, 'นักเรียน'),
        h('th', { scope: 'col', class: 'num opt' }, 'ห้องเรียน'),
        h('th', { scope: 'col', class: 'num opt' }, 'ครู'),
      ),
    ),
    tbody,
  );
  const tfoot = h('tfoot');
  table.append(tfoot);

  function update(): void {
    const shown = sortSchools(filterSchools(schools, state), state.sort);
    count.textContent = `แสดง ${formatInteger(shown.length)} จาก ${formatInteger(schools.length)} โรงเรียน`;
    tbody.replaceChildren(...shown.map(schoolRow));
    if (shown.length === 0) tbody.append(h('tr', null, h('td', { colspan: 8, class: 'empty' }, 'ไม่พบโรงเรียนที่ตรงกับเงื่อนไข')));
    const sum = (key: 'students' | 'rooms' | 'teachers') => shown.reduce((n, s) => n + (s[key] ?? 0), 0);
    tfoot.replaceChildren(
      h(
        'tr',
        { class: 'total' },
        h('th', { scope: 'row', colspan: 2 }, 'รวมที่แสดง'),
        h('td', { class: 'opt', colspan: 3 }),
        h('td', { class: 'num' }, formatInteger(sum('students'))),
        h('td', { class: 'num opt' }, formatInteger(sum('rooms'))),
        h('td', { class: 'num opt' }, formatInteger(sum('teachers'))),
      ),
    );
    ctx.replaceQuery({ q: state.query || undefined, district: state.district || undefined, zone: state.zone || undefined, size: state.sizeGroup || undefined, sort: state.sort === 'name' ? undefined : state.sort });
  }

  body.replaceChildren(controls, count, h('div', { class: 'table-wrap' }, table));
  update();
}

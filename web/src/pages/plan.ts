// One plan: the document as the office publishes it, the KPI table with each status's colour and
// reasons (where group staff record their results), the executives' dashboard, and the editor.

import {
  ApiError,
  computeResults,
  editPlan,
  getPlan,
  planDocumentUrl,
  reportResult,
  type KpiLine,
  type PlanEdit,
  type PlanItem,
  type PlanView,
  type StatusCounts,
  type StatusTally,
} from '../api';
import type { AppContext } from '../context';
import { append, field, h, loading, select } from '../dom';
import { errorBox } from '../errors';
import { formatInteger, formatThaiDateTime } from '../format';
import {
  childrenOf,
  computedSummary,
  dropIndex,
  itemHeading,
  KPI_UNITS,
  latestResult,
  lineTitle,
  PLAN_ITEM_KINDS,
  POLARITIES,
  resultText,
  STATUS_LABELS,
  STATUS_ORDER,
  statusClass,
  statusShares,
} from '../plans';

export type PlanPart = 'document' | 'kpis' | 'dashboard' | 'edit';

const PARTS: readonly (readonly [PlanPart, string, string])[] = [
  ['document', '', 'แผน'],
  ['kpis', '/kpis', 'ตารางตัวชี้วัด'],
  ['dashboard', '/dashboard', 'สรุปผลสำหรับผู้บริหาร'],
  ['edit', '/edit', 'แก้ไขแผน'],
];

function downloads(ctx: AppContext, plan: PlanView): HTMLElement {
  const link = (label: string, url: string, format: string) => h('a', { class: 'button button-secondary', href: url, download: '', 'data-format': format }, label);
  const office = ctx.office.code;
  const year = plan.fiscal_year;
  return h(
    'div',
    { class: 'downloads', 'data-testid': 'plan-downloads' },
    h('span', { class: 'muted' }, 'พิมพ์/ดาวน์โหลด:'),
    link('แผน PDF', planDocumentUrl(office, year, 'pdf', 'plan'), 'pdf'),
    link('PDF เลขไทย', planDocumentUrl(office, year, 'pdf', 'plan', true), 'pdf-thai'),
    link('ตารางตัวชี้วัด Excel', planDocumentUrl(office, year, 'xlsx', 'kpi_table'), 'xlsx'),
  );
}

// ---- the document -----------------------------------------------------------------------------

function servesLine(item: PlanItem): HTMLElement | null {
  if (!item.serves.length) return null;
  return h(
    'p',
    { class: 'serves' },
    h('span', { class: 'muted' }, 'สนองต่อ: '),
    item.serves.map((s) => h('span', { class: 'badge badge-link', title: s.text ?? '' }, `${s.framework_name ?? s.framework} ${s.number || s.item}`)),
  );
}

function documentItems(items: PlanItem[], children: Map<string, PlanItem[]>, depth: number): HTMLElement[] {
  const out: HTMLElement[] = [];
  let lastKind = '';
  for (const item of items) {
    // At the top, each run of one kind (วิสัยทัศน์, พันธกิจ …) has its heading, as the seeds print.
    if (depth === 0 && item.kind !== lastKind && item.kind !== 'strategy') out.push(h('h2', { class: 'plan-section' }, item.kind_label));
    lastKind = item.kind;
    const under = children.get(item.key) ?? [];
    const kpi = item.kpi ? h('span', { class: 'muted kpi-facts' }, ` (${item.kpi.unit}${item.kpi.groups.length ? ` · ${item.kpi.groups.join('/')}` : ''})`) : null;
    const headed = item.kind === 'strategy' || (depth > 0 && item.kind !== 'kpi');
    out.push(
      h(
        'div',
        { class: `plan-item plan-${item.kind}`, 'data-key': item.key },
        headed ? h(depth === 0 ? 'h2' : 'h3', null, `${itemHeading(item)} ${item.text}`) : h('p', null, item.number ? h('strong', null, `${item.number}. `) : null, item.text, kpi),
        servesLine(item),
        under.length ? h('div', { class: 'plan-children' }, documentItems(under, children, depth + 1)) : null,
      ),
    );
  }
  return out;
}

function renderDocument(plan: PlanView): HTMLElement {
  const children = childrenOf(plan.items);
  const served = plan.check.served;
  return h(
    'div',
    null,
    h('article', { class: 'panel plan-document', 'data-testid': 'plan-document' }, documentItems(children.get('') ?? [], children, 0)),
    served.length
      ? h(
          'section',
          { class: 'panel', 'data-testid': 'plan-alignment' },
          h('h2', null, 'ความเชื่อมโยงกับกรอบนโยบาย'),
          h(
            'table',
            { class: 'data' },
            h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'กรอบ'), h('th', { scope: 'col' }, 'ข้อ'), h('th', { scope: 'col' }, 'รายการในแผนที่สนอง'))),
            h(
              'tbody',
              null,
              served.map((s) => {
                const by = s.by.map((key) => plan.items.find((i) => i.key === key)).filter((i): i is PlanItem => !!i);
                return h('tr', null, h('td', null, s.framework_name), h('td', null, `${s.number} ${s.text}`), h('td', null, by.map((i) => itemHeading(i)).join(', ')));
              }),
            ),
          ),
        )
      : null,
  );
}

// ---- the KPI table ----------------------------------------------------------------------------

function statusBadge(line: KpiLine): HTMLElement {
  return h('span', { class: statusClass(line.status.name), 'data-status': line.status.name }, line.status.label);
}

function whyBox(line: KpiLine, year: number): HTMLElement {
  const result = latestResult(line, year);
  return h(
    'details',
    { class: 'why' },
    h('summary', null, 'ทำไม'),
    h(
      'dl',
      { class: 'facts' },
      h('div', null, h('dt', null, 'ข้อมูล'), h('dd', null, line.status.inputs || '–')),
      h('div', null, h('dt', null, 'เกณฑ์ที่ใช้'), h('dd', null, line.status.rule || '–')),
      line.status.needed ? h('div', null, h('dt', null, 'ที่ยังต้องทำ'), h('dd', null, line.status.needed)) : null,
      result?.evidence ? h('div', null, h('dt', null, 'หลักฐานของผล'), h('dd', { 'data-testid': 'result-evidence-text' }, result.evidence)) : null,
      line.formula ? h('div', null, h('dt', null, 'สูตรคำนวณผลจากข้อมูล'), h('dd', null, h('code', null, line.formula))) : null,
    ),
  );
}

/** The planner's button to compute the results of the lines with a formula from the census. */
function computePanel(ctx: AppContext, plan: PlanView, onDone: (next: PlanView) => void): HTMLElement | null {
  if (!plan.may_edit || !plan.kpi_table.some((l) => l.formula)) return null;
  const year = plan.status_year;
  const round = select({ 'data-testid': 'compute-round' }, [['', 'ทุกรอบที่สิ้นสุดแล้ว'], ['3', '3 เดือน'], ['6', '6 เดือน'], ['9', '9 เดือน'], ['12', '12 เดือน']], '', () => undefined);
  const replace = h('input', { type: 'checkbox', 'data-testid': 'compute-replace' });
  const run = h('button', { type: 'submit', class: 'button button-small', 'data-testid': 'compute-run' }, 'คำนวณผลจากข้อมูล');
  const message = h('div', { 'aria-live': 'polite', 'data-testid': 'compute-message' });
  if (plan.computed) {
    const done = plan.computed;
    message.append(
      h(
        'div',
        { class: 'alert alert-ok' },
        h('strong', null, computedSummary(done)),
        h('ul', null, [
          ...done.rounds.flatMap((r) => r.lines.map((l) => h('li', null, `รอบ ${r.round} เดือน · ${l.name}: ${l.value}${l.kept ? ' (คงผลเดิม)' : ` · ${l.evidence}`}`))),
          ...done.skipped.map((why) => h('li', { class: 'muted' }, why)),
        ]),
      ),
    );
  }
  const form = h(
    'form',
    { class: 'compute-form', 'data-testid': 'compute-form' },
    h('p', { class: 'muted' }, `ตัวชี้วัดที่มีสูตรคำนวณผลจากข้อมูลสำมะโนของ Khet ได้เมื่อสิ้นรอบรายงาน ผลที่คำนวณแล้วจะถูกบันทึกพร้อมสูตรและที่มา แก้สูตรภายหลังไม่เปลี่ยนผลที่บันทึกไว้`),
    h('div', { class: 'form-row' }, field(`รอบรายงาน ปี ${year}`, round), h('label', { class: 'check' }, replace, ' คำนวณใหม่แทนผลเดิม'), run),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run.disabled = true;
    message.replaceChildren(loading('กำลังคำนวณ…'));
    const request = { fiscal_year: year, replace: replace.checked, ...(round.value ? { round: Number(round.value) } : {}) };
    computeResults(ctx.office.code, plan.fiscal_year, plan.version, request, year)
      .then(onDone)
      .catch((error: unknown) => {
        run.disabled = false;
        message.replaceChildren(errorBox(error, error instanceof ApiError && error.status === 409 ? 'คำนวณผลไม่ได้' : 'คำนวณผลไม่สำเร็จ'));
      });
  });
  return h('details', { class: 'compute-panel', open: plan.computed ? true : null }, h('summary', null, 'คำนวณผลตัวชี้วัดจากข้อมูลของ Khet'), form);
}

function reportForm(ctx: AppContext, plan: PlanView, line: KpiLine, onSaved: (next: PlanView) => void): HTMLElement {
  const year = plan.status_year;
  const round = select({ 'data-testid': 'result-round' }, [['3', '3 เดือน'], ['6', '6 เดือน'], ['9', '9 เดือน'], ['12', '12 เดือน (สิ้นปี)']], '12', () => undefined);
  const value = line.unit === 'ระดับ' && line.levels.length
    ? select({ 'data-testid': 'result-value' }, [['', 'เลือกระดับ'], ['-', '- (ลบผลของรอบนี้)'], ...line.levels.map((l) => [l, l] as const)], '', () => undefined)
    : h('input', { type: 'text', 'data-testid': 'result-value', placeholder: line.unit, size: 10 });
  const evidence = h('input', { type: 'text', 'data-testid': 'result-evidence', placeholder: 'แหล่งข้อมูล/หลักฐาน' });
  const message = h('div', { 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'button button-small' }, 'บันทึกผล');
  const form = h('form', { class: 'report-form', 'data-testid': 'result-form' }, field(`รอบรายงาน ปี ${year}`, round), field(`ผล (${line.unit})`, value), field('หลักฐาน', evidence), save, message);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // An empty box is not a way to remove a result: "-" says so on purpose.
    if (!value.value.trim()) {
      message.replaceChildren(errorBox('กรอกผลก่อนบันทึก (ใส่ - เพื่อลบผลของรอบนี้)', 'ยังไม่ได้กรอกผล'));
      value.focus();
      return;
    }
    save.disabled = true;
    reportResult(
      ctx.office.code,
      plan.fiscal_year,
      plan.version,
      { key: line.key, row: line.row, fiscal_year: year, round: Number(round.value), value: value.value.trim(), evidence: evidence.value.trim() },
      year,
    )
      .then(onSaved)
      .catch((error: unknown) => {
        save.disabled = false;
        message.replaceChildren(errorBox(error, error instanceof ApiError && error.status === 409 ? 'มีผู้อื่นแก้ไขแผนนี้ก่อน กรุณาโหลดหน้าใหม่' : 'บันทึกผลไม่สำเร็จ'));
      });
  });
  return form;
}

function legend(): HTMLElement {
  return h('p', { class: 'legend', 'data-testid': 'status-legend' }, STATUS_ORDER.map((s) => h('span', { class: statusClass(s) }, STATUS_LABELS[s])));
}

function statusYears(plan: PlanView): number[] {
  const years = new Set<number>([plan.fiscal_year, plan.fiscal_year - 1, plan.status_year]);
  for (const line of plan.kpi_table) {
    for (const y of Object.keys(line.targets)) years.add(Number(y));
    for (const r of line.results) years.add(r.fiscal_year);
  }
  return [...years].filter((y) => y > 2500).sort((a, b) => b - a);
}

function renderKpiTable(ctx: AppContext, plan: PlanView, redraw: (next: PlanView) => void, setYear: (year: number) => void): HTMLElement {
  const year = plan.status_year;
  const groups = [...new Set(plan.kpi_table.flatMap((l) => l.groups.split('/')).filter(Boolean))];
  const state = { status: ctx.query.get('status') ?? '', group: ctx.query.get('group') ?? '' };
  const body = h('tbody');
  const draw = () => {
    body.replaceChildren();
    let lastStrategy = '';
    for (const line of plan.kpi_table) {
      if (state.status && line.status.name !== state.status) continue;
      if (state.group && !line.groups.split('/').includes(state.group)) continue;
      const strategy = line.strategy ? `${line.strategy.number}` : '';
      if (line.strategy && strategy !== lastStrategy) {
        body.append(h('tr', { class: 'subtotal' }, h('th', { colspan: 7, scope: 'rowgroup' }, `กลยุทธ์ที่ ${line.strategy.number} ${line.strategy.text}`)));
      }
      lastStrategy = strategy;
      const row = h(
        'tr',
        { 'data-key': line.key, 'data-row': line.row, class: `status-row-${line.status.name}` },
        h('td', null, line.guideline ? line.guideline.number : ''),
        h('td', { class: 'kpi-text' }, lineTitle(line), line.formula ? h('span', { class: 'badge badge-link formula-badge', title: line.formula, 'data-testid': 'formula-badge' }, 'คำนวณจากข้อมูล') : null),
        h('td', { class: 'nowrap' }, line.groups || '–'),
        h('td', { class: 'num' }, line.targets[String(year)] ?? '-'),
        h('td', { class: 'num' }, resultText(line, year)),
        h('td', { class: 'status-cell' }, statusBadge(line), whyBox(line, year)),
        h('td', null, line.may_report ? h('button', { type: 'button', class: 'button button-small button-secondary', 'data-testid': 'report-result' }, 'บันทึกผล') : null),
      );
      body.append(row);
      const button = row.querySelector('button');
      button?.addEventListener('click', () => {
        const next = row.nextElementSibling;
        if (next?.classList.contains('report-row')) {
          next.remove();
          return;
        }
        row.after(h('tr', { class: 'report-row' }, h('td', { colspan: 7 }, reportForm(ctx, plan, line, redraw))));
      });
    }
    if (!body.children.length) body.append(h('tr', null, h('td', { colspan: 7, class: 'muted' }, 'ไม่มีตัวชี้วัดตามเงื่อนไขที่เลือก')));
  };
  draw();
  const filters = h(
    'div',
    { class: 'toolbar' },
    h(
      'div',
      { class: 'form-row' },
      field('สถานะของปี', select({ 'data-testid': 'status-year' }, statusYears(plan).map((y) => [String(y), String(y)] as const), String(year), (v) => setYear(Number(v)))),
      field('สถานะ', select({ 'data-testid': 'status-filter' }, [['', 'ทั้งหมด'], ...STATUS_ORDER.map((s) => [s, STATUS_LABELS[s]] as const)], state.status, (v) => {
        state.status = v;
        ctx.replaceQuery({ status: v });
        draw();
      })),
      field('กลุ่มรับผิดชอบ', select({ 'data-testid': 'group-filter' }, [['', 'ทุกกลุ่ม'], ...groups.map((g) => [g, g] as const)], state.group, (v) => {
        state.group = v;
        ctx.replaceQuery({ group: v });
        draw();
      })),
    ),
    legend(),
  );
  return h(
    'section',
    { class: 'panel' },
    filters,
    computePanel(ctx, plan, redraw),
    h('p', { class: 'muted' }, `เกณฑ์: ${plan.rules}${plan.year_open ? ` · ปีงบประมาณ ${year} ยังไม่สิ้นสุด` : ''}`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'data kpi-table', 'data-testid': 'kpi-table' },
        h('caption', null, `ตัวชี้วัดและค่าเป้าหมาย สถานะ ปีงบประมาณ ${year}`),
        h(
          'thead',
          null,
          h('tr', null, h('th', { scope: 'col' }, 'แนวทาง'), h('th', { scope: 'col' }, 'ตัวชี้วัด'), h('th', { scope: 'col' }, 'กลุ่ม'), h('th', { scope: 'col', class: 'num' }, `เป้าหมาย ปี ${year}`), h('th', { scope: 'col', class: 'num' }, `ผล ปี ${year}`), h('th', { scope: 'col' }, 'สถานะ'), h('th', { scope: 'col' }, '')),
        ),
        body,
      ),
    ),
  );
}

// ---- the dashboard ----------------------------------------------------------------------------

function stackedBar(counts: StatusCounts): HTMLElement {
  const shares = statusShares(counts);
  return h(
    'div',
    { class: 'stack', role: 'img', 'aria-label': STATUS_ORDER.map((s) => `${STATUS_LABELS[s]} ${counts[s]}`).join(', ') },
    STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => h('span', { class: `stack-part ${statusClass(s)}`, style: `width:${shares[s]}%`, title: `${STATUS_LABELS[s]} ${counts[s]}` }, shares[s] >= 8 ? String(counts[s]) : '')),
  );
}

function tallyTable(title: string, tallies: StatusTally[], testid: string): HTMLElement {
  return h(
    'section',
    { class: 'panel' },
    h('h2', null, title),
    h(
      'table',
      { class: 'data tally', 'data-testid': testid },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), ...STATUS_ORDER.map((s) => h('th', { scope: 'col', class: 'num' }, STATUS_LABELS[s])), h('th', { scope: 'col', class: 'num' }, 'รวม'), h('th', { scope: 'col', class: 'bar-col' }, ''))),
      h(
        'tbody',
        null,
        tallies.map((t) =>
          h('tr', null, h('th', { scope: 'row' }, t.label), ...STATUS_ORDER.map((s) => h('td', { class: 'num', 'data-status': s }, formatInteger(t.counts[s]))), h('td', { class: 'num' }, formatInteger(t.counts.total)), h('td', { class: 'bar-col' }, stackedBar(t.counts))),
        ),
      ),
    ),
  );
}

function renderDashboard(plan: PlanView): HTMLElement {
  const total = plan.dashboard.total;
  const card = (status: (typeof STATUS_ORDER)[number]) =>
    h('div', { class: `stat-card ${statusClass(status)}`, 'data-status': status }, h('span', { class: 'stat-value' }, formatInteger(total[status])), h('span', { class: 'stat-label' }, STATUS_LABELS[status]));
  const groups = plan.dashboard.by_group.filter((t) => t.counts.total > 0);
  return h(
    'div',
    { 'data-testid': 'plan-dashboard' },
    h(
      'section',
      { class: 'panel' },
      h('h2', null, `ตัวชี้วัด ${formatInteger(total.total)} รายการ ปีงบประมาณ ${plan.dashboard.fiscal_year}`),
      h('div', { class: 'stat-cards' }, STATUS_ORDER.map(card)),
      stackedBar(total),
      h('p', { class: 'muted' }, `เกณฑ์: ${plan.rules}`),
    ),
    tallyTable('ตามกลยุทธ์', plan.dashboard.by_strategy, 'tally-strategy'),
    groups.length ? tallyTable('ตามกลุ่มรับผิดชอบ', groups, 'tally-group') : null,
  );
}

// ---- the editor -------------------------------------------------------------------------------

interface Editor {
  ctx: AppContext;
  plan: PlanView;
  apply(edit: PlanEdit): Promise<void>;
}

function inlineText(editor: Editor, item: PlanItem): HTMLElement {
  const text = h('span', { class: 'edit-text', tabindex: 0, role: 'button', title: 'คลิกเพื่อแก้ไขข้อความ', 'data-testid': 'item-text' }, item.text);
  const open = () => {
    const area = h('textarea', { rows: Math.min(6, Math.ceil(item.text.length / 80) + 1), 'data-testid': 'item-text-input' }, item.text);
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      const next = area.value.trim();
      if (save && next && next !== item.text) void editor.apply({ edit: 'text', key: item.key, text: next });
      else area.replaceWith(text);
    };
    area.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        finish(true);
      } else if (event.key === 'Escape') {
        finish(false);
      }
    });
    area.addEventListener('blur', () => finish(true));
    text.replaceWith(area);
    area.focus();
  };
  text.addEventListener('click', open);
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') open();
  });
  return text;
}

function kpiSettings(editor: Editor, item: PlanItem): HTMLElement | null {
  const kpi = item.kpi;
  if (!kpi) return null;
  const plan = editor.plan;
  const unit = select({ 'data-testid': 'kpi-unit' }, KPI_UNITS.map((u) => [u, u] as const), kpi.unit, () => undefined);
  const polarity = select({ 'data-testid': 'kpi-polarity' }, POLARITIES, kpi.polarity, () => undefined);
  const groups = plan.groups.map((g) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: g.code, checked: kpi.groups.includes(g.code) }), ` ${g.code}`));
  const evidence = h('input', { type: 'text', value: kpi.evidence, size: 30 });
  const save = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'kpi-save' }, 'บันทึกการตั้งค่า');
  save.addEventListener('click', () => {
    const chosen = groups.map((l) => l.querySelector('input')!).filter((i) => i.checked).map((i) => i.value);
    void editor.apply({ edit: 'kpi', key: item.key, unit: unit.value, polarity: polarity.value, groups: chosen, evidence: evidence.value.trim() });
  });
  const lines = plan.kpi_table.filter((l) => l.key === item.key);
  const targets = lines.map((line) => {
    const input = h('input', { type: 'text', size: 8, value: line.targets[String(plan.fiscal_year)] ?? '', 'data-testid': 'kpi-target', placeholder: '-' });
    const set = h('button', { type: 'button', class: 'button button-small button-secondary', 'data-testid': 'kpi-target-set' }, 'ตั้ง');
    set.addEventListener('click', () => void editor.apply({ edit: 'target', key: item.key, row: line.row, fiscal_year: plan.fiscal_year, value: input.value.trim() || '-' }));
    return h('span', { class: 'target' }, field(`เป้าหมาย ปี ${plan.fiscal_year}${line.row ? ` (${line.row_label})` : ''}`, input), set);
  });
  const formulas = lines.map((line) => {
    const input = h('input', { type: 'text', size: 36, value: line.formula, 'data-testid': 'kpi-formula', placeholder: 'เช่น 100 * small_schools / schools', list: 'kpi-measures' });
    const set = h('button', { type: 'button', class: 'button button-small button-secondary', 'data-testid': 'kpi-formula-set' }, 'ตั้งสูตร');
    set.addEventListener('click', () => void editor.apply({ edit: 'formula', key: item.key, row: line.row, formula: input.value.trim() }));
    return h('span', { class: 'target' }, field(`สูตรคำนวณผลจากข้อมูล${line.row ? ` (${line.row_label})` : ''} (เว้นว่าง = กรอกผลเอง)`, input), set);
  });
  return h(
    'details',
    { class: 'kpi-settings' },
    h('summary', null, `${kpi.unit} · ${kpi.groups.join('/') || 'ยังไม่ระบุกลุ่ม'} · เป้าหมาย ปี ${plan.fiscal_year}: ${lines.map((l) => l.targets[String(plan.fiscal_year)] ?? '-').join(', ')}`),
    h('div', { class: 'form-row' }, field('หน่วยนับ', unit), field('ทิศทาง', polarity), field('แหล่งข้อมูล', evidence)),
    h('fieldset', { class: 'groups' }, h('legend', null, 'กลุ่มรับผิดชอบ'), groups),
    save,
    h('div', { class: 'form-row' }, targets),
    h('div', { class: 'form-row' }, formulas),
  );
}

/** The measures a formula may name, as the formula boxes' suggestions and a list to read. */
function measureHelp(plan: PlanView): HTMLElement | null {
  const measures = plan.measures ?? [];
  if (!measures.length) return null;
  return h(
    'details',
    { class: 'measure-help', 'data-testid': 'measure-help' },
    h('summary', null, 'ข้อมูลที่ใช้ในสูตรได้ (คำนวณจากข้อมูลสำมะโนรอบล่าสุดก่อนสิ้นรอบรายงาน)'),
    h('datalist', { id: 'kpi-measures' }, measures.map((m) => h('option', { value: m.name }, m.label))),
    h('dl', { class: 'facts' }, measures.map((m) => h('div', null, h('dt', null, h('code', null, m.name)), h('dd', null, m.label)))),
    h('p', { class: 'muted' }, 'ใช้ตัวเลข + - * / (หรือ × ÷) และวงเล็บได้ เช่น 100 * small_schools / schools หรือ students / teachers'),
  );
}

function addForm(editor: Editor, parent: string, container: HTMLElement): HTMLElement {
  const kind = select({ 'data-testid': 'add-kind' }, PLAN_ITEM_KINDS, parent ? 'kpi' : 'strategy', () => undefined);
  const text = h('input', { type: 'text', size: 50, 'data-testid': 'add-text', placeholder: 'ข้อความ' });
  const add = h('button', { type: 'submit', class: 'button button-small' }, 'เพิ่ม');
  const form = h('form', { class: 'add-form', 'data-testid': 'add-form' }, field('ชนิด', kind), field('ข้อความ', text), add);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      text.focus();
      return;
    }
    void editor.apply({ edit: 'add', parent, kind: kind.value, text: text.value.trim() });
  });
  container.append(form);
  text.focus();
  return form;
}

function editorRows(editor: Editor, items: PlanItem[], children: Map<string, PlanItem[]>): HTMLElement {
  const list = h('ol', { class: 'edit-tree' });
  items.forEach((item, index) => {
    const under = children.get(item.key) ?? [];
    const up = h('button', { type: 'button', class: 'icon-button', title: 'เลื่อนขึ้น', 'aria-label': `เลื่อน ${itemHeading(item)} ขึ้น`, disabled: index === 0, 'data-testid': 'move-up' }, '↑');
    const down = h('button', { type: 'button', class: 'icon-button', title: 'เลื่อนลง', 'aria-label': `เลื่อน ${itemHeading(item)} ลง`, disabled: index === items.length - 1, 'data-testid': 'move-down' }, '↓');
    const addChild = h('button', { type: 'button', class: 'icon-button', title: 'เพิ่มรายการย่อย', 'data-testid': 'add-child' }, '+');
    const remove = h('button', { type: 'button', class: 'icon-button danger', title: 'ลบ', 'data-testid': 'remove' }, '×');
    const actions = h('span', { class: 'edit-actions' }, up, down, addChild, remove);
    const row = h('div', { class: 'edit-row', draggable: 'true', 'data-key': item.key }, h('span', { class: 'drag-handle', 'aria-hidden': 'true' }, '⋮⋮'), h('span', { class: 'edit-head' }, itemHeading(item)), inlineText(editor, item), actions);
    const node = h('li', { 'data-key': item.key }, row, kpiSettings(editor, item));
    up.addEventListener('click', () => void editor.apply({ edit: 'move', key: item.key, index: index - 1 }));
    down.addEventListener('click', () => void editor.apply({ edit: 'move', key: item.key, index: index + 1 }));
    addChild.addEventListener('click', () => {
      const open = node.querySelector(':scope > .add-form');
      if (open) open.remove();
      else addForm(editor, item.key, node);
    });
    remove.addEventListener('click', () => {
      const count = under.length ? ` และรายการย่อยทั้งหมด` : '';
      if (confirm(`ลบ ${itemHeading(item)} "${item.text.slice(0, 60)}"${count} ออกจากแผน?`)) void editor.apply({ edit: 'remove', key: item.key });
    });
    // Drag and drop among siblings: drop on the upper half of a row to go before it, lower half after.
    row.addEventListener('dragstart', (event) => {
      event.stopPropagation();
      event.dataTransfer?.setData('text/plain', item.key);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      row.classList.add('dragging');
    });
    row.addEventListener('dragend', () => row.classList.remove('dragging'));
    row.addEventListener('dragover', (event) => {
      event.preventDefault();
      const rect = row.getBoundingClientRect();
      const after = event.clientY > rect.top + rect.height / 2;
      row.classList.toggle('drop-before', !after);
      row.classList.toggle('drop-after', after);
    });
    row.addEventListener('dragleave', () => row.classList.remove('drop-before', 'drop-after'));
    row.addEventListener('drop', (event) => {
      event.preventDefault();
      event.stopPropagation();
      row.classList.remove('drop-before', 'drop-after');
      const dragged = event.dataTransfer?.getData('text/plain') ?? '';
      const rect = row.getBoundingClientRect();
      const at = dropIndex(editor.plan.items, dragged, item.key, event.clientY > rect.top + rect.height / 2);
      if (at !== null) void editor.apply({ edit: 'move', key: dragged, index: at });
    });
    if (under.length) node.append(editorRows(editor, under, children));
    list.append(node);
  });
  return list;
}

function renderEditor(ctx: AppContext, plan: PlanView, redraw: (next: PlanView) => void): HTMLElement {
  const message = h('div', { 'aria-live': 'polite', 'data-testid': 'edit-message' });
  const editor: Editor = {
    ctx,
    plan,
    async apply(edit) {
      message.replaceChildren(loading('กำลังบันทึก…'));
      try {
        const next = await editPlan(ctx.office.code, plan.fiscal_year, plan.version, edit, plan.status_year);
        redraw(next);
      } catch (error) {
        const conflict = error instanceof ApiError && error.status === 409;
        message.replaceChildren(errorBox(error, conflict ? 'มีผู้อื่นแก้ไขแผนนี้ก่อน' : 'บันทึกไม่สำเร็จ'));
        if (conflict) message.append(h('button', { type: 'button', class: 'button', onclick: () => ctx.reload() }, 'โหลดแผนล่าสุด'));
      }
    },
  };
  const children = childrenOf(plan.items);
  const publish = h(
    'button',
    { type: 'button', class: plan.status === 'published' ? 'button button-secondary' : 'button button-primary', 'data-testid': 'toggle-status' },
    plan.status === 'published' ? 'กลับเป็นร่าง' : 'เผยแพร่แผน',
  );
  publish.addEventListener('click', () => void editor.apply({ edit: 'status', status: plan.status === 'published' ? 'draft' : 'published' }));
  const addTop = h('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'add-top' }, 'เพิ่มรายการระดับบนสุด');
  const tree = h('div', { class: 'panel edit-panel', 'data-testid': 'plan-editor' });
  addTop.addEventListener('click', () => {
    if (!tree.querySelector(':scope > .add-form')) addForm(editor, '', tree);
  });
  const check = plan.check;
  const warnings = [
    ...check.strategies_without_kpis.map((k) => `${itemHeading(plan.items.find((i) => i.key === k)!)} ยังไม่มีตัวชี้วัด`),
    ...check.kpis_without_group.map((k) => `${itemHeading(plan.items.find((i) => i.key === k)!)} ยังไม่ระบุกลุ่มรับผิดชอบ`),
  ];
  append(tree, [
    h('div', { class: 'panel-head' }, h('p', { class: 'muted' }, 'คลิกข้อความเพื่อแก้ไข (Enter บันทึก, Esc ยกเลิก) ลากรายการหรือใช้ปุ่ม ↑ ↓ เพื่อเรียงลำดับ เลขลำดับจะจัดใหม่ให้เอง'), h('span', null, addTop, ' ', publish)),
    message,
    measureHelp(plan),
    warnings.length ? h('div', { class: 'alert alert-warn', 'data-testid': 'alignment-warnings' }, h('strong', null, `ตรวจความครบถ้วน ${formatInteger(warnings.length)} รายการ`), h('ul', null, warnings.map((w) => h('li', null, w)))) : null,
    editorRows(editor, children.get('') ?? [], children),
  ]);
  return tree;
}

// ---- the page ---------------------------------------------------------------------------------

export async function renderPlan(ctx: AppContext, main: HTMLElement, year: number, part: PlanPart): Promise<void> {
  const statusYear = Number(ctx.query.get('year')) || undefined;
  let plan: PlanView;
  try {
    plan = await getPlan(ctx.office.code, year, statusYear);
  } catch (error) {
    if (!ctx.isCurrent()) return;
    main.append(h('header', { class: 'page-head' }, h('h1', null, `แผนปีงบประมาณ ${year}`)), errorBox(error, error instanceof ApiError && error.status === 404 ? 'ไม่พบแผนนี้' : 'โหลดแผนไม่สำเร็จ'), h('p', null, h('a', { href: '#/plans' }, 'กลับไปรายการแผน')));
    return;
  }
  if (!ctx.isCurrent()) return;
  const content = h('div');
  const head = h('header', { class: 'page-head' });
  const draw = (next: PlanView) => {
    plan = next;
    head.replaceChildren(
      h('p', { class: 'eyebrow' }, `${ctx.office.short_name} · แผนปีงบประมาณ ${plan.fiscal_year}`),
      h('h1', null, plan.title, ' ', h('span', { class: plan.status === 'published' ? 'badge badge-ok' : 'badge badge-warn', 'data-testid': 'plan-status' }, plan.status_label)),
      h('p', { class: 'context-line' }, plan.updated_at ? `แก้ไขล่าสุด ${formatThaiDateTime(plan.updated_at)} โดย ${plan.updated_by} (ฉบับที่ ${plan.version})` : ''),
    );
    const visible = PARTS.filter(([p]) => p !== 'edit' || plan.may_edit);
    content.replaceChildren(
      h('nav', { class: 'tabs', 'aria-label': 'ส่วนของแผน' }, visible.map(([p, suffix, label]) => h('a', { href: `#/plans/${plan.fiscal_year}${suffix}`, 'aria-current': p === part ? 'page' : null, 'data-part': p }, label))),
      h('div', { class: 'toolbar' }, downloads(ctx, plan)),
    );
    if (part === 'document') content.append(renderDocument(plan));
    if (part === 'kpis') {
      content.append(
        renderKpiTable(ctx, plan, draw, (y) => {
          ctx.replaceQuery({ year: String(y) });
          ctx.reload();
        }),
      );
    }
    if (part === 'dashboard') content.append(renderDashboard(plan));
    if (part === 'edit') content.append(plan.may_edit ? renderEditor(ctx, plan, draw) : errorBox('บัญชีนี้ไม่มีสิทธิ์แก้ไขแผน', 'ไม่มีสิทธิ์'));
  };
  draw(plan);
  main.append(head, content);
}

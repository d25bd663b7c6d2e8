// The office's plans, one per fiscal year: open one, start next year's from this year's, and
// (for those who edit plans) bring in a plan file.

import { ApiError, copyPlan, importPlanFile, listPlans, type PlanImportResult, type PlanSummary } from '../api';
import type { AppContext } from '../context';
import { field, h } from '../dom';
import { errorBox, fieldErrorTable } from '../errors';
import { formatInteger, formatThaiDateTime } from '../format';

function statusBadge(plan: PlanSummary): HTMLElement {
  return h('span', { class: plan.status === 'published' ? 'badge badge-ok' : 'badge badge-warn' }, plan.status_label);
}

function planTable(plans: PlanSummary[]): HTMLElement {
  return h(
    'table',
    { class: 'data', 'data-testid': 'plan-list' },
    h('caption', null, `แผนของสำนักงาน ${formatInteger(plans.length)} ฉบับ`),
    h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, 'ปีงบประมาณ'), h('th', { scope: 'col' }, 'ชื่อแผน'), h('th', { scope: 'col' }, 'สถานะ'), h('th', { scope: 'col' }, 'แก้ไขล่าสุด'))),
    h(
      'tbody',
      null,
      plans.map((p) =>
        h(
          'tr',
          { 'data-year': p.fiscal_year },
          h('td', { class: 'num' }, String(p.fiscal_year)),
          h('td', null, h('a', { href: `#/plans/${p.fiscal_year}` }, p.title)),
          h('td', null, statusBadge(p)),
          h('td', null, p.updated_at ? `${formatThaiDateTime(p.updated_at)} ${p.updated_by}` : '–'),
        ),
      ),
    ),
  );
}

function copyForm(ctx: AppContext, plans: PlanSummary[]): HTMLElement {
  const latest = plans[0]?.fiscal_year ?? 0;
  const from = h('select', { 'data-testid': 'copy-from' }, ...plans.map((p) => h('option', { value: String(p.fiscal_year) }, String(p.fiscal_year))));
  const to = h('input', { type: 'number', min: 2500, max: 2700, value: latest ? latest + 1 : '', 'data-testid': 'copy-to', inputmode: 'numeric' });
  const message = h('div', { 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button' }, 'เริ่มแผนปีใหม่');
  const form = h(
    'form',
    { class: 'panel', 'data-testid': 'copy-plan' },
    h('h2', null, 'เริ่มแผนปีใหม่จากแผนปีก่อน'),
    h('p', { class: 'muted' }, 'คัดลอกวิสัยทัศน์ พันธกิจ กลยุทธ์ ตัวชี้วัด เป้าหมายและผลทั้งหมด เป็นร่างของปีใหม่ แล้วแก้ไขต่อได้'),
    h('div', { class: 'form-row' }, field('จากแผนปี', from), field('เป็นแผนปี', to), button),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    copyPlan(ctx.office.code, Number(from.value), Number(to.value))
      .then((plan) => {
        location.hash = `#/plans/${plan.fiscal_year}/edit`;
      })
      .catch((error: unknown) => {
        message.replaceChildren(errorBox(error, 'เริ่มแผนปีใหม่ไม่สำเร็จ'));
      })
      .finally(() => {
        button.disabled = false;
      });
  });
  return form;
}

function importResult(result: PlanImportResult): HTMLElement {
  const plans = result.plans.map((p) => `ปี ${p.fiscal_year} ${p.title}`).join(', ');
  return h(
    'div',
    { class: result.dry_run ? 'alert alert-info' : 'alert alert-ok', 'data-testid': result.dry_run ? 'plan-import-preview' : 'plan-import-done' },
    h('strong', null, result.dry_run ? 'ตรวจแล้ว ไม่พบข้อผิดพลาด (ยังไม่ได้บันทึก)' : 'นำเข้าแล้ว'),
    h('p', null, `${plans || 'ไม่มีแผน'}${result.frameworks.length ? ` กรอบ ${result.frameworks.join(', ')}` : ''}: รายการ ${formatInteger(result.items)} ตัวชี้วัด ${formatInteger(result.kpis)}`),
  );
}

function uploadForm(ctx: AppContext): HTMLElement {
  const input = h('input', { type: 'file', accept: '.yaml,.yml', 'data-testid': 'plan-file' });
  const out = h('div', { 'aria-live': 'polite' });
  const check = h('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'plan-check' }, 'ตรวจไฟล์');
  const save = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'plan-import', disabled: true }, 'นำเข้า');
  let checked: { name: string; text: string } | null = null;
  const send = async (dryRun: boolean) => {
    const file = input.files?.[0];
    if (!file) {
      out.replaceChildren(errorBox('เลือกไฟล์แผน (.yaml) ก่อน', 'ยังไม่ได้เลือกไฟล์'));
      return;
    }
    check.disabled = save.disabled = true;
    const text = dryRun || !checked ? await file.text() : checked.text;
    try {
      const result = await importPlanFile(ctx.office.code, { name: file.name, text }, dryRun);
      out.replaceChildren(importResult(result));
      checked = dryRun ? { name: file.name, text } : null;
      if (!dryRun) ctx.reload();
    } catch (error) {
      checked = null;
      out.replaceChildren(errorBox(error, 'ไฟล์แผนมีข้อผิดพลาด ไม่ได้นำเข้า'));
      if (error instanceof ApiError && error.fields.length) out.append(fieldErrorTable(error.fields, file.name));
    } finally {
      check.disabled = false;
      save.disabled = checked === null;
    }
  };
  input.addEventListener('change', () => {
    checked = null;
    save.disabled = true;
    out.replaceChildren();
  });
  check.addEventListener('click', () => void send(true));
  save.addEventListener('click', () => void send(false));
  return h(
    'section',
    { class: 'panel', 'data-testid': 'plan-upload' },
    h('h2', null, 'นำเข้าแผนจากไฟล์'),
    h('p', { class: 'muted' }, 'ไฟล์แผนรูปแบบ khet-plan/1 (YAML) ตามคู่มือ docs/PLANS.md ตรวจทั้งไฟล์ก่อน หากมีข้อผิดพลาดจะแจ้งบรรทัดและเหตุผล และไม่บันทึกสิ่งใด แผนปีเดียวกันที่มีอยู่จะถูกแทนที่ทั้งฉบับ'),
    h('div', { class: 'form-row' }, field('ไฟล์แผน', input), check, save),
    out,
  );
}

export async function renderPlans(ctx: AppContext, main: HTMLElement): Promise<void> {
  main.append(h('header', { class: 'page-head' }, h('p', { class: 'eyebrow' }, ctx.office.short_name), h('h1', null, 'แผนของสำนักงานเขตพื้นที่')));
  const plans = await listPlans(ctx.office.code);
  if (!ctx.isCurrent()) return;
  plans.sort((a, b) => b.fiscal_year - a.fiscal_year);
  main.append(
    h(
      'section',
      { class: 'panel' },
      plans.length ? h('div', { class: 'table-wrap' }, planTable(plans)) : h('p', { class: 'muted', 'data-testid': 'no-plans' }, 'ยังไม่มีแผนที่เผยแพร่'),
    ),
  );
  if (ctx.can('edit_plan')) {
    if (plans.length) main.append(copyForm(ctx, plans));
    main.append(uploadForm(ctx));
  }
}

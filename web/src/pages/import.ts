import { ApiError, postImport, type ImportKind, type ImportResult, type ValidationWarning } from '../api';
import { importSchools } from '../access';
import type { AppContext } from '../context';
import { append, field, h, select } from '../dom';
import { errorBox, fieldErrorTable } from '../errors';
import { formatInteger } from '../format';
import { schoolTitle } from './school';

export const IMPORT_KINDS: readonly (readonly [ImportKind, string])[] = [
  ['schools', 'ข้อมูลโรงเรียน (รหัส ชื่อ อำเภอ เขตคุณภาพ)'],
  ['census', 'จำนวนนักเรียนและห้องเรียนรายชั้น'],
  ['staff', 'บุคลากรตามตำแหน่งและวิทยฐานะ'],
  ['degrees', 'วุฒิการศึกษาของบุคลากร'],
];

const ROUND_PATTERN = /^\d{4}\/[123]$/;

function warningText(w: ValidationWarning | string): string {
  return typeof w === 'string' ? w : w.message;
}

/** The layouts the server recognises, in words. */
const FORMATS: Record<string, string> = {
  flat: 'ตารางหนึ่งแถวต่อหนึ่งรายการ',
  'obec-list': 'รายชื่อโรงเรียนของ สพฐ.',
  'emis-student': 'แบบรายงานนักเรียนรายโรงเรียนของ EMIS',
  'emis-staff': 'แบบรายงานบุคลากรรายโรงเรียนของ EMIS',
};

function resultPanel(result: ImportResult, fileName: string): HTMLElement {
  const facts: [string, string][] = [
    ['ไฟล์', fileName],
    ['จำนวนแถวข้อมูล', formatInteger(result.rows)],
  ];
  if (result.format) facts.push(['รูปแบบไฟล์', FORMATS[result.format] ?? result.format]);
  if (result.schools !== undefined) facts.push(['จำนวนโรงเรียน', formatInteger(result.schools)]);
  if (result.replaced !== undefined) facts.push([result.dry_run ? 'แถวเดิมที่จะถูกแทนที่' : 'แถวเดิมที่ถูกแทนที่', formatInteger(result.replaced)]);
  return h(
    'div',
    { class: 'import-result', 'data-testid': result.dry_run ? 'import-preview' : 'import-done' },
    h('dl', { class: 'facts' }, facts.map(([k, v]) => h('div', null, h('dt', null, k), h('dd', null, v)))),
    result.notes?.length ? h('div', { class: 'notes' }, h('h3', null, 'บันทึกการอ่านไฟล์'), h('ul', null, result.notes.map((n) => h('li', null, n)))) : null,
    result.warnings?.length
      ? h('div', { class: 'alert alert-warn' }, h('strong', null, `ข้อควรตรวจสอบ ${formatInteger(result.warnings.length)} รายการ`), h('ul', null, result.warnings.map((w) => h('li', null, warningText(w)))))
      : null,
  );
}

/** What a school officer may import for their own school: EMIS per-school files. */
const SCHOOL_KINDS = IMPORT_KINDS.filter(([k]) => k === 'census' || k === 'staff');

export function renderImport(ctx: AppContext, main: HTMLElement): void {
  // Without the office's import permission, a school officer imports for their own school only:
  // the school code is fixed and the file goes to that school's office.
  const ownSchools = ctx.can('import') ? [] : importSchools(ctx.session);
  const schoolOnly = ownSchools.length > 0;
  const kinds = schoolOnly ? SCHOOL_KINDS : IMPORT_KINDS;
  main.append(
    h(
      'header',
      { class: 'page-head' },
      h('p', { class: 'eyebrow' }, schoolOnly ? ownSchools.map((s) => schoolTitle(s.name)).join(', ') : ctx.office.short_name),
      h('h1', null, 'นำเข้าข้อมูล'),
      h('p', { class: 'context-line' }, 'ตรวจสอบไฟล์ก่อนทุกครั้ง ระบบจะยังไม่บันทึกจนกว่าจะกด “ยืนยันนำเข้า” และจะไม่บันทึกเลยถ้ามีแถวใดผิด'),
    ),
  );

  let kind: ImportKind = (kinds.find(([k]) => k === ctx.query.get('kind'))?.[0] ?? 'census') as ImportKind;
  let file: File | null = null;
  let busy = false;

  const roundInput = h('input', { type: 'text', value: ctx.round, list: 'import-rounds', inputmode: 'numeric', pattern: '\\d{4}/[123]', required: true, 'data-testid': 'import-round' });
  const schoolInput: HTMLInputElement | HTMLSelectElement = !schoolOnly
    ? h('input', { type: 'text', inputmode: 'numeric', pattern: '\\d{10}', placeholder: 'เช่น 1024070191', 'data-testid': 'import-school' })
    : ownSchools.length === 1
      ? h('input', { type: 'text', value: ownSchools[0].code, readonly: true, 'data-testid': 'import-school' })
      : h('select', { 'data-testid': 'import-school' }, ownSchools.map((s) => h('option', { value: s.code }, `${s.code} ${s.name}`)));
  const officeOf = () => (schoolOnly ? ownSchools.find((s) => s.code === schoolInput.value)?.office ?? ownSchools[0].office : ctx.office.code);
  const rounds = h('datalist', { id: 'import-rounds' }, ctx.office.rounds.map((r) => h('option', { value: r })));
  // The native file button speaks the browser's language; this one speaks Thai and shows the name.
  const fileInput = h('input', { type: 'file', class: 'visually-hidden', accept: '.csv,.tsv,.txt,.xlsx,text/csv', required: true, 'data-testid': 'import-file' });
  const fileName = h('span', { class: 'file-name muted' }, 'ยังไม่ได้เลือกไฟล์');
  const filePicker = h('label', { class: 'file-picker' }, fileInput, h('span', { class: 'button button-secondary' }, 'เลือกไฟล์…'), fileName);
  const checkButton = h('button', { type: 'submit', class: 'button', 'data-testid': 'import-check' }, 'ตรวจสอบไฟล์');
  const output = h('section', { class: 'panel', 'aria-live': 'polite', hidden: true, 'data-testid': 'import-output' });

  const reset = () => {
    output.hidden = true;
    output.replaceChildren();
  };

  const form = h(
    'form',
    { class: 'panel import-form' },
    field('ประเภทข้อมูล', select({ 'data-testid': 'import-kind' }, kinds, kind, (v) => ((kind = v as ImportKind), reset())), schoolOnly ? 'ไฟล์ EMIS รายโรงเรียน (CSV หรือ XLSX) ของโรงเรียนของคุณ' : 'ไฟล์ CSV หรือ XLSX หนึ่งไฟล์ต่อหนึ่งประเภทข้อมูล'),
    field('รอบข้อมูล', roundInput, 'ปีการศึกษา/รอบ เช่น 2564/2 (รอบ 1 = 10 มิ.ย., 2 = 10 พ.ย., 3 = 31 มี.ค.)'),
    rounds,
    field(
      'รหัสโรงเรียน',
      schoolInput,
      schoolOnly
        ? 'นำเข้าได้เฉพาะโรงเรียนของคุณ'
        : 'เฉพาะไฟล์ EMIS รายโรงเรียน (ไฟล์ที่มีหัว ชั้น/เพศ หรือ ตำแหน่ง,วิทยฐานะ,ระดับ_ตำแหน่ง); ไฟล์ตารางรวมหลายโรงเรียนเว้นว่างไว้',
    ),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, 'ไฟล์'), filePicker),
    h('div', { class: 'actions' }, checkButton),
  );

  roundInput.addEventListener('input', reset);
  schoolInput.addEventListener('input', reset);
  fileInput.addEventListener('change', () => {
    reset();
    file = fileInput.files?.[0] ?? null;
    fileName.textContent = file ? `${file.name} (${formatInteger(file.size)} ไบต์)` : 'ยังไม่ได้เลือกไฟล์';
  });

  async function send(dryRun: boolean): Promise<void> {
    if (busy) return;
    const round = roundInput.value.trim();
    if (!file) {
      output.hidden = false;
      output.replaceChildren(errorBox('กรุณาเลือกไฟล์ก่อน', 'ยังไม่ได้เลือกไฟล์'));
      return;
    }
    if (!ROUND_PATTERN.test(round)) {
      output.hidden = false;
      output.replaceChildren(errorBox('รอบข้อมูลต้องเขียนเป็น ปีการศึกษา/รอบ เช่น 2564/2', 'รอบข้อมูลไม่ถูกต้อง'));
      return;
    }
    busy = true;
    checkButton.disabled = true;
    output.hidden = false;
    output.replaceChildren(h('p', { class: 'loading', role: 'status' }, dryRun ? 'กำลังตรวจสอบไฟล์…' : 'กำลังนำเข้าข้อมูล…'));
    const sent = file;
    try {
      const school = schoolInput.value.trim();
      const result = await postImport(officeOf(), kind, round, { name: sent.name, bytes: await sent.arrayBuffer() }, dryRun, school);
      if (!ctx.isCurrent()) return;
      if (dryRun) {
        const confirm = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'import-confirm' }, 'ยืนยันนำเข้า');
        confirm.addEventListener('click', () => void send(false));
        output.replaceChildren(
          h('h2', null, 'ผลการตรวจสอบ: ไฟล์ถูกต้อง พร้อมนำเข้า'),
          resultPanel(result, sent.name),
          h('p', null, kind === 'schools'
            ? 'เมื่อกดยืนยัน ระบบจะเพิ่มหรือปรับปรุงรายชื่อโรงเรียนตามไฟล์นี้ในครั้งเดียว'
            : `เมื่อกดยืนยัน ข้อมูล${kinds.find(([k]) => k === kind)?.[1] ?? kind} รอบ ${round} เดิมของ${schoolInput.value.trim() ? 'โรงเรียนนี้' : 'ทุกโรงเรียนในเขต'}จะถูกแทนที่ด้วยไฟล์นี้ทั้งหมดในครั้งเดียว`),
          h('div', { class: 'actions' }, confirm, h('button', { type: 'button', class: 'button button-secondary', onclick: reset }, 'ยกเลิก')),
        );
      } else {
        ctx.invalidate();
        output.replaceChildren(h('div', { class: 'alert alert-ok', role: 'status' }, h('strong', null, 'นำเข้าข้อมูลเรียบร้อยแล้ว')), resultPanel(result, sent.name));
      }
    } catch (error) {
      if (!ctx.isCurrent()) return;
      const fields = error instanceof ApiError ? error.fields : [];
      output.replaceChildren();
      append(output, [
        h('h2', null, dryRun ? 'ผลการตรวจสอบ: พบข้อผิดพลาด ยังไม่มีการบันทึกข้อมูล' : 'นำเข้าไม่สำเร็จ ไม่มีการบันทึกข้อมูล'),
        errorBox(error, dryRun ? 'ไฟล์นี้ยังนำเข้าไม่ได้' : 'นำเข้าไม่สำเร็จ'),
        fields.length ? fieldErrorTable(fields, sent.name) : null,
        h('p', { class: 'muted' }, 'แก้ไขไฟล์ตามรายการข้างต้น แล้วเลือกไฟล์ใหม่เพื่อตรวจสอบอีกครั้ง'),
      ]);
    } finally {
      busy = false;
      checkButton.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(true);
  });
  main.append(form, output);
}

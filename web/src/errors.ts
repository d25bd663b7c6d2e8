import { ApiError, type FieldError } from './api';
import { h } from './dom';
import { formatInteger } from './format';

export function errorBox(error: unknown, title = 'โหลดข้อมูลไม่สำเร็จ'): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof ApiError ? error.code : null;
  return h(
    'div',
    { class: 'alert alert-error', role: 'alert' },
    h('strong', null, title),
    h('p', null, message),
    code ? h('small', { class: 'muted' }, `รหัสข้อผิดพลาด: ${code}`) : null,
  );
}

export interface FieldErrorView {
  file: string;
  row: number | null;
  column: string;
  message: string;
}

/** "census.csv:row 12:male" → file census.csv, row 12, column male (explicit row/column win). */
export function splitFieldError(error: FieldError): FieldErrorView {
  const parts = error.field.split(':');
  const rowPart = parts.findIndex((p) => /^row\s*\d+$/i.test(p.trim()));
  let file = '';
  let row: number | null = null;
  let column = '';
  if (rowPart >= 0) {
    file = parts.slice(0, rowPart).join(':');
    row = Number(parts[rowPart].replace(/\D/g, ''));
    column = parts.slice(rowPart + 1).join(':');
  } else if (parts.length > 1 && /\.\w+$/.test(parts[0])) {
    file = parts[0];
    column = parts.slice(1).join(':');
  } else {
    column = error.field;
  }
  return {
    file,
    row: typeof error.row === 'number' ? error.row : row,
    column: error.column ?? column,
    message: error.message,
  };
}

export function fieldErrorTable(fields: readonly FieldError[], defaultFile = ''): HTMLElement {
  const views = fields.map(splitFieldError);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'data errors', 'data-testid': 'import-errors' },
      h('caption', null, `ข้อผิดพลาดรายแถว ${formatInteger(views.length)} รายการ`),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'ไฟล์'), h('th', { scope: 'col', class: 'num' }, 'แถว'), h('th', { scope: 'col' }, 'คอลัมน์'), h('th', { scope: 'col' }, 'ข้อความ'))),
      h(
        'tbody',
        null,
        views.map((v) =>
          h('tr', null, h('td', null, v.file || defaultFile), h('td', { class: 'num' }, v.row === null ? '–' : formatInteger(v.row)), h('td', null, h('code', null, v.column || '–')), h('td', null, v.message)),
        ),
      ),
    ),
  );
}

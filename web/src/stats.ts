// Pure functions that read a statistics table from the API: which chart suits it, and its numbers.

import type { StatCell, StatColumn, StatTable } from './api';
import { parseRatio } from './format';

/** The tables the statistics page offers, with short tab labels (the caption comes from the API). */
export const STAT_TABLES: readonly { id: string; label: string }[] = [
  { id: 'table1', label: 'สถานศึกษารายอำเภอ' },
  { id: 'table2', label: 'ขนาดโรงเรียน' },
  { id: 'table3', label: 'อัตราส่วนครูและห้องเรียน' },
  { id: 'table4', label: 'นักเรียนตามระดับชั้น' },
  { id: 'table6', label: 'ครูตามวิทยฐานะ' },
  { id: 'table7', label: 'วุฒิการศึกษาของครู' },
  { id: 'table8', label: 'เขตคุณภาพการศึกษา' },
];

export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

export interface ChartSpec {
  type: 'bar' | 'doughnut';
  title: string;
  labels: string[];
  series: ChartSeries[];
  /** Values are x of "1:x", shown with two decimals. */
  ratio?: boolean;
  horizontal?: boolean;
}

/** A cell's number: the value the server sent, or one read back from its text ("1:17.28", "1,234"). */
export function cellNumber(cell: StatCell | undefined, column: StatColumn): number | null {
  if (!cell) return null;
  if (typeof cell.value === 'number' && Number.isFinite(cell.value)) return cell.value;
  const text = cell.text.trim();
  // The plan prints "-" for a zero count, and the server for a ratio without a divisor.
  if (text === '' || text === '-' || text === '–') return column.kind === 'integer' ? 0 : null;
  if (column.kind === 'ratio') return parseRatio(text);
  const n = Number(text.replace(/[,%\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}

/** The running number ("ที่") that the plan's tables start with: neither a label nor a value. */
export function isRunningNumber(column: StatColumn): boolean {
  return /^(no|number|index|seq|order)$/i.test(column.key) || column.header.trim() === 'ที่';
}

function labelColumn(table: StatTable): number {
  const index = table.columns.findIndex((c) => c.kind === 'text' && !isRunningNumber(c));
  return index >= 0 ? index : 0;
}

function isSex(column: StatColumn, sex: 'male' | 'female'): boolean {
  const thai = sex === 'male' ? 'ชาย' : 'หญิง';
  return column.key.toLowerCase() === sex || column.key.toLowerCase().endsWith('_' + sex) || column.header.trim() === thai;
}

/** The chart a reader would rather look at for this table, or null when the table is enough. */
export function chartFor(table: StatTable): ChartSpec | null {
  const body = table.rows.filter((row) => row.role === 'body');
  if (body.length === 0) return null;
  const li = labelColumn(table);
  const labels = body.map((row) => row.cells[li]?.text ?? '');
  const series = (index: number, label?: string): ChartSeries => ({
    label: label ?? table.columns[index].header,
    values: body.map((row) => cellNumber(row.cells[index], table.columns[index])),
  });
  const indexes = (test: (c: StatColumn) => boolean) =>
    table.columns.map((c, i) => (test(c) && !isRunningNumber(c) ? i : -1)).filter((i) => i >= 0);

  switch (table.id) {
    case 'table2': {
      const counts = [...indexes((c) => c.key === 'schools'), ...indexes((c) => c.kind === 'integer')];
      if (counts.length === 0) return null;
      return { type: 'doughnut', title: 'จำนวนโรงเรียนจำแนกตามขนาด', labels, series: [series(counts[0], 'จำนวนโรงเรียน')] };
    }
    case 'table3': {
      const ratios = indexes((c) => c.kind === 'ratio');
      if (ratios.length === 0) return null;
      return {
        type: 'bar',
        title: 'อัตราส่วนนักเรียนต่อครูและต่อห้องเรียน รายอำเภอ',
        labels,
        series: ratios.map((i) => series(i)),
        ratio: true,
      };
    }
    case 'table4':
    case 'table7': {
      const male = indexes((c) => isSex(c, 'male'));
      const female = indexes((c) => isSex(c, 'female'));
      if (male.length === 0 || female.length === 0) return null;
      return {
        type: 'bar',
        title: table.id === 'table4' ? 'จำนวนนักเรียนจำแนกตามระดับชั้นและเพศ' : 'วุฒิการศึกษาของข้าราชการครูจำแนกตามเพศ',
        labels,
        series: [series(male[0], 'ชาย'), series(female[0], 'หญิง')],
      };
    }
    default:
      return null;
  }
}

/** Students per district from table 3 (district, students), for readers who may not list schools. */
export function districtStudents(table: StatTable): { district: string; students: number }[] {
  const district = table.columns.findIndex((c) => c.key === 'district');
  const students = table.columns.findIndex((c) => c.key === 'students');
  if (district < 0 || students < 0) return [];
  return table.rows
    .filter((row) => row.role === 'body')
    .map((row) => ({ district: row.cells[district]?.text ?? '', students: cellNumber(row.cells[students], table.columns[students]) ?? 0 }));
}

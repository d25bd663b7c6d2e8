// Pure grouping of a school's enrolment rows into levels with subtotals, as EMIS and the plan show them.

import type { EnrolmentRow } from './api';

export interface Level {
  key: string;
  label: string;
  subtotal: string;
}

const LEVELS: Level[] = [
  { key: 'kindergarten', label: 'ก่อนประถมศึกษา', subtotal: 'รวมก่อนประถมศึกษา' },
  { key: 'primary', label: 'ประถมศึกษา', subtotal: 'รวมประถมศึกษา' },
  { key: 'lower', label: 'มัธยมศึกษาตอนต้น', subtotal: 'รวมมัธยมศึกษาตอนต้น' },
  { key: 'upper', label: 'มัธยมศึกษาตอนปลาย', subtotal: 'รวมมัธยมศึกษาตอนปลาย' },
  { key: 'other', label: 'อื่น ๆ', subtotal: 'รวมอื่น ๆ' },
];

/** อ.1–3 → kindergarten, ป.1–6 → primary, ม.1–3 → lower secondary, ม.4–6 → upper secondary. */
export function levelOf(grade: string): { level: Level; order: number } {
  const match = /^(อ|ป|ม)\.?\s*(\d)/.exec(grade.replace(/\s+/g, ''));
  if (!match) return { level: LEVELS[4], order: 99 };
  const n = Number(match[2]);
  if (match[1] === 'อ') return { level: LEVELS[0], order: n };
  if (match[1] === 'ป') return { level: LEVELS[1], order: 10 + n };
  return { level: n <= 3 ? LEVELS[2] : LEVELS[3], order: 20 + n };
}

export interface EnrolmentLine {
  role: 'body' | 'subtotal' | 'total';
  label: string;
  male: number;
  female: number;
  total: number;
  rooms: number;
}

function line(role: EnrolmentLine['role'], label: string, rows: readonly EnrolmentRow[]): EnrolmentLine {
  const male = rows.reduce((sum, r) => sum + r.male, 0);
  const female = rows.reduce((sum, r) => sum + r.female, 0);
  const rooms = rows.reduce((sum, r) => sum + r.rooms, 0);
  return { role, label, male, female, total: male + female, rooms };
}

/** Grade rows in school order, a subtotal after each level that has more than one grade, and a total. */
export function enrolmentLines(rows: readonly EnrolmentRow[]): EnrolmentLine[] {
  const sorted = rows
    .map((row, index) => ({ row, index, ...levelOf(row.grade) }))
    .sort((a, b) => a.order - b.order || a.index - b.index);
  const lines: EnrolmentLine[] = [];
  for (const level of LEVELS) {
    const inLevel = sorted.filter((r) => r.level.key === level.key).map((r) => r.row);
    if (inLevel.length === 0) continue;
    for (const row of inLevel) lines.push(line('body', row.grade_name || row.grade, [row]));
    if (inLevel.length > 1) lines.push(line('subtotal', level.subtotal, inLevel));
  }
  if (rows.length > 0) lines.push(line('total', 'รวมทั้งสิ้น', rows));
  return lines;
}

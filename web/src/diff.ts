// Before → after, readably: which keys of a record changed, and their values in Thai words.
// Used by the audit trail and by the school page's conflict explanation.

import { formatInteger, formatThaiDateTime } from './format';

/** Thai names of the keys the audit trail records; unknown keys are shown as they come. */
export const FIELD_LABELS: Record<string, string> = {
  code: 'รหัสโรงเรียน',
  smis_code: 'รหัส SMIS',
  name: 'ชื่อโรงเรียน',
  district: 'อำเภอ',
  zone_code: 'เขตคุณภาพ',
  zone_name: 'ชื่อเขตคุณภาพ',
  level_span: 'ระดับที่เปิดสอน',
  active: 'สถานะ',
  affiliation: 'สังกัด',
  source: 'ที่มาของข้อมูล',
  version: 'ฉบับที่',
  updated_at: 'บันทึกเมื่อ',
  updated_by: 'บันทึกโดย',
  file: 'ไฟล์',
  sha256: 'SHA-256 ของไฟล์',
  rows: 'จำนวนแถว',
  schools: 'จำนวนโรงเรียน',
  round: 'รอบข้อมูล',
  replaced: 'แถวเดิมที่ถูกแทนที่',
  format: 'รูปแบบไฟล์',
  school: 'รหัสโรงเรียน',
  login: 'ชื่อผู้ใช้',
  display_name: 'ชื่อที่แสดง',
  role: 'บทบาท',
  role_label: 'บทบาท',
  grants: 'บทบาท',
  office: 'สำนักงานเขต',
  group: 'กลุ่ม',
  must_change_password: 'ต้องเปลี่ยนรหัสผ่าน',
  demo: 'บัญชีสาธิต',
  created_at: 'สร้างเมื่อ',
};

/** Role names in Thai (the server's RoleLabel), for records that carry only the machine name. */
export const ROLE_LABELS: Record<string, string> = {
  system_admin: 'ผู้ดูแลระบบ',
  office_admin: 'ผู้ดูแลสำนักงานเขต',
  planner: 'กลุ่มนโยบายและแผน',
  group_staff: 'เจ้าหน้าที่กลุ่ม',
  supervisor: 'ศึกษานิเทศก์',
  executive: 'ผู้บริหาร',
  school_officer: 'เจ้าหน้าที่โรงเรียน',
  public: 'บุคคลทั่วไป',
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One value in words: "–" for nothing, ใช่/ไม่ใช่, Thai dates, role labels, lists joined. */
export function displayValue(value: unknown, key = ''): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') {
    if (key === 'active') return value ? 'เปิดสอน' : 'ปิด/ยุบรวม';
    return value ? 'ใช่' : 'ไม่ใช่';
  }
  if (typeof value === 'number') return Number.isInteger(value) && key !== 'version' && key !== 'id' ? formatInteger(value) : String(value);
  if (typeof value === 'string') {
    if (ISO_TIME.test(value)) return formatThaiDateTime(value);
    // "planner 2402" / "group_staff 2402 กลุ่ม…": a grant written out, its role by machine name.
    if (key === 'grants' || key === 'role') return value.replace(/\b[a-z_]+\b/g, (word) => ROLE_LABELS[word] ?? word);
    return value;
  }
  if (Array.isArray(value)) return value.length ? value.map((v) => displayValue(v, key)).join(', ') : '–';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A grant: its role in Thai and where it holds.
    if (typeof record.role_label === 'string' || typeof record.role === 'string') {
      const where = [record.office, record.school, record.group].filter((x) => typeof x === 'string' && x).join('/');
      return `${String(record.role_label || record.role)}${where ? ` (${where})` : ''}`;
    }
    return Object.entries(record)
      .map(([k, v]) => `${fieldLabel(k)}: ${displayValue(v, k)}`)
      .join('; ');
  }
  return String(value);
}

/** Deep equality of JSON values (key order does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // "" and null/undefined are the same "nothing" to a reader (an empty zone code is no zone).
  const empty = (x: unknown) => x === null || x === undefined || x === '';
  if (empty(a) && empty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}

export interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

/**
 * The keys of before and after (before's order first, then keys only after has), each with both
 * values in words and whether it changed. A record created (before null) has every key changed;
 * one removed (after null) likewise.
 */
export function diffRecords(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined, keys?: readonly string[]): DiffRow[] {
  const b = before ?? {};
  const a = after ?? {};
  const order = keys ?? [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return order.map((key) => {
    const changed = !before || !after ? (before ? key in b : key in a) : !sameValue(b[key], a[key]);
    return {
      key,
      label: fieldLabel(key),
      before: before ? displayValue(b[key], key) : '–',
      after: after ? displayValue(a[key], key) : '–',
      changed,
    };
  });
}

/** The changed rows first-class, the rest only counted: what the audit table shows by default. */
export function changedRows(rows: readonly DiffRow[]): { changed: DiffRow[]; unchanged: DiffRow[] } {
  return { changed: rows.filter((r) => r.changed), unchanged: rows.filter((r) => !r.changed) };
}

import { describe, expect, it } from 'vitest';
import { changedRows, diffRecords, displayValue, sameValue } from './diff';
import { conflictRows, conflictWho, editOf } from './pages/school-edit';
import { auditFilterOf, sortEntries } from './pages/audit';
import type { AuditEntry } from './api';

describe('before/after diffing', () => {
  const before = { code: '1024050001', name: 'วัดบางกระดาน', district: 'บางคล้า', zone_code: '2402-Z01', active: true, version: 4 };
  const after = { code: '1024050001', name: 'วัดบางกระดาน (ใหม่)', district: 'บางคล้า', zone_code: '', active: false, version: 5 };

  it('marks exactly the keys whose values differ', () => {
    const rows = diffRecords(before, after);
    expect(rows.filter((r) => r.changed).map((r) => r.key)).toEqual(['name', 'zone_code', 'active', 'version']);
    expect(rows.find((r) => r.key === 'name')).toEqual({ key: 'name', label: 'ชื่อโรงเรียน', before: 'วัดบางกระดาน', after: 'วัดบางกระดาน (ใหม่)', changed: true });
    expect(rows.find((r) => r.key === 'active')).toMatchObject({ before: 'เปิดสอน', after: 'ปิด/ยุบรวม' });
    expect(rows.find((r) => r.key === 'zone_code')).toMatchObject({ before: '2402-Z01', after: '–' });
  });

  it('splits changed from unchanged rows', () => {
    const { changed, unchanged } = changedRows(diffRecords(before, after));
    expect(changed).toHaveLength(4);
    expect(unchanged.map((r) => r.key)).toEqual(['code', 'district']);
  });

  it('treats a created record as all new, and keeps keys only one side has', () => {
    const rows = diffRecords(null, { file: 'census.xlsx', rows: 1234, round: '2564/2' });
    expect(rows.every((r) => r.changed && r.before === '–')).toBe(true);
    expect(rows.map((r) => r.after)).toEqual(['census.xlsx', '1,234', '2564/2']);
    expect(diffRecords({ a: 1 }, { a: 1, b: 2 }).map((r) => [r.key, r.changed])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  it('compares nested values by content and empty values as the same', () => {
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameValue({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(sameValue('', null)).toBe(true);
    expect(sameValue(0, '')).toBe(false);
  });

  it('writes values readably: dates in Thai, grants by role, yes/no', () => {
    expect(displayValue('2026-11-23T10:42:05+07:00')).toBe('23 พ.ย. 2569 10:42 น.');
    expect(displayValue([{ role: 'planner', role_label: 'กลุ่มนโยบายและแผน', office: '2402', school: '', group: '' }], 'grants')).toBe('กลุ่มนโยบายและแผน (2402)');
    expect(displayValue(true, 'must_change_password')).toBe('ใช่');
    expect(displayValue(null)).toBe('–');
  });
});

describe('a conflicting school edit', () => {
  const current = { code: '1024050001', name: 'บ้านใหม่', district: 'บางคล้า', zone_code: '2402-Z02', level_span: 'อนุบาล-ประถมศึกษา', active: true, version: 5, updated_at: '2026-11-23T10:42:00+07:00', updated_by: 'นายสมชาย ใจดี' };

  it('puts their values beside mine, zones by name', () => {
    const mine = { ...editOf(current), name: 'บ้านเก่า', zone_code: '2402-Z01' };
    const zones: Record<string, string> = { '2402-Z01': 'เขตคุณภาพที่ 1', '2402-Z02': 'เขตคุณภาพที่ 2' };
    const rows = conflictRows(current, mine, (c) => zones[c] ?? c);
    expect(rows.map((r) => r.key)).toEqual(['name', 'district', 'zone_code', 'level_span', 'active']);
    expect(rows.filter((r) => r.changed).map((r) => [r.before, r.after])).toEqual([
      ['บ้านใหม่', 'บ้านเก่า'],
      ['เขตคุณภาพที่ 2', 'เขตคุณภาพที่ 1'],
    ]);
  });

  it('says who saved and when, in Thai time', () => {
    expect(conflictWho(current)).toBe('นายสมชาย ใจดี บันทึกเมื่อ 23 พ.ย. 2569 10:42 น.');
    expect(conflictWho({ ...current, updated_by: '', updated_at: '' })).toBe('ผู้ใช้อื่น บันทึกไว้');
  });
});

describe('the audit page', () => {
  it('reads its filter from the address and drops malformed parts', () => {
    const filter = auditFilterOf(new URLSearchParams('user=planner.2402&action=school.update&from=2026-11-01&to=not-a-date'));
    expect(filter).toEqual({ limit: 200, user: 'planner.2402', action: 'school.update', from: '2026-11-01' });
    expect(auditFilterOf(new URLSearchParams('action=drop.table'))).toEqual({ limit: 200 });
  });

  it('lists the newest entries first', () => {
    const entry = (at: string, generation: number, seq: number) => ({ at, generation, seq }) as AuditEntry;
    const sorted = sortEntries([entry('2026-11-23T10:00:00+07:00', 1, 1), entry('2026-11-23T11:00:00+07:00', 2, 1), entry('2026-11-23T11:00:00+07:00', 2, 2)]);
    expect(sorted.map((e) => `${e.generation}.${e.seq}`)).toEqual(['2.2', '2.1', '1.1']);
  });
});

describe('grants written out by the server', () => {
  it('name the role in Thai', () => {
    expect(displayValue('group_staff 2402 กลุ่มนโยบายและแผน', 'grants')).toBe('เจ้าหน้าที่กลุ่ม 2402 กลุ่มนโยบายและแผน');
    expect(displayValue('planner 2402', 'grants')).toBe('กลุ่มนโยบายและแผน 2402');
    expect(displayValue('planner 2402', 'name')).toBe('planner 2402');
  });
});

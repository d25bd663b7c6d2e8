import { describe, expect, it } from 'vitest';

import type { PlanItem } from './api';
import { childrenOf, computedSummary, dropIndex, itemHeading, latestResult, lineTitle, resultText, statusClass, statusShares } from './plans';

function item(key: string, parent: string, kind = 'strategy', number = ''): PlanItem {
  return { key, parent, kind, kind_label: kind === 'kpi' ? 'ตัวชี้วัด' : 'กลยุทธ์', number, text: key, serves: [] };
}

// s1 (k1, k2), s2 (k3), s3
const ITEMS = [item('s1', ''), item('k1', 's1', 'kpi'), item('k2', 's1', 'kpi'), item('s2', ''), item('k3', 's2', 'kpi'), item('s3', '')];

describe('plan tree', () => {
  it('lists the children of each parent in order', () => {
    const children = childrenOf(ITEMS);
    expect(children.get('')!.map((i) => i.key)).toEqual(['s1', 's2', 's3']);
    expect(children.get('s1')!.map((i) => i.key)).toEqual(['k1', 'k2']);
    expect(children.get('k1')).toBeUndefined();
  });

  it('turns a drop before or after a sibling into the index the server moves to', () => {
    expect(dropIndex(ITEMS, 's3', 's1', false)).toBe(0); // before the first
    expect(dropIndex(ITEMS, 's1', 's3', true)).toBe(2); // after the last
    expect(dropIndex(ITEMS, 's1', 's2', true)).toBe(1); // s2 s1 s3
    expect(dropIndex(ITEMS, 'k2', 'k1', false)).toBe(0);
  });

  it('ignores drops that change nothing or leave the parent', () => {
    expect(dropIndex(ITEMS, 's1', 's2', false)).toBeNull(); // already just before s2
    expect(dropIndex(ITEMS, 's1', 's1', true)).toBeNull();
    expect(dropIndex(ITEMS, 'k3', 'k1', false)).toBeNull(); // another strategy's KPI
    expect(dropIndex(ITEMS, 'nope', 's1', false)).toBeNull();
  });

  it('heads items by kind and number', () => {
    expect(itemHeading({ kind_label: 'กลยุทธ์', number: '2' })).toBe('กลยุทธ์ที่ 2');
    expect(itemHeading({ kind_label: 'วิสัยทัศน์', number: '' })).toBe('วิสัยทัศน์');
  });
});

describe('KPI lines', () => {
  const results = [
    { fiscal_year: 2562, round: 6, value: '40', evidence: '', formula: '' },
    { fiscal_year: 2562, round: 9, value: '65', evidence: 'คำนวณจากข้อมูลสำมะโน', formula: 'students / teachers' },
    { fiscal_year: 2561, round: 12, value: '91.97', evidence: '', formula: '' },
  ];

  it('shows the latest round of the year and says when it is not the year end', () => {
    expect(resultText({ results }, 2561)).toBe('91.97');
    expect(resultText({ results }, 2562)).toBe('65 (รอบ 9 เดือน)');
    expect(resultText({ results }, 2563)).toBe('-');
    expect(latestResult({ results }, 2562)?.formula).toBe('students / teachers');
    expect(latestResult({ results }, 2563)).toBeNull();
  });

  it('sums up a computation: made, kept and skipped', () => {
    const line = (kept: boolean) => ({ key: 'kpi-2', row: 0, name: 'ตัวชี้วัด 2', value: '44.14', evidence: '', formula: 'f', kept });
    expect(computedSummary({ written: true, skipped: [], rounds: [{ round: 12, census: '', lines: [line(false), line(false)] }] })).toBe('คำนวณแล้ว 2 ผล');
    expect(computedSummary({ written: false, skipped: ['รอบ 3'], rounds: [{ round: 6, census: '', lines: [line(true)] }] })).toBe(
      'ไม่มีผลใหม่ · คงผลเดิม 1 ผล (เลือก "คำนวณใหม่แทนผลเดิม" เพื่อแทนที่) · ข้าม 1 รอบ',
    );
  });

  it('titles sub-rows with their label', () => {
    expect(lineTitle({ number: '10', text: 'ร้อยละของนักเรียนอ่านออก', row: 0, row_label: '' })).toBe('10. ร้อยละของนักเรียนอ่านออก');
    expect(lineTitle({ number: '10', text: 'ร้อยละของนักเรียนอ่านออก', row: 1, row_label: 'ป.1' })).toBe('10. ร้อยละของนักเรียนอ่านออก – ป.1');
  });

  it('colours each status by its own class', () => {
    expect(statusClass('not_achieved')).toBe('kpi-status status-not-achieved');
    expect(statusClass('no_result')).toBe('kpi-status status-no-result');
  });

  it('gives whole shares that add up to 100', () => {
    const shares = statusShares({ achieved: 1, close: 1, not_achieved: 1, no_result: 0, no_target: 0, total: 3 });
    expect(shares.achieved + shares.close + shares.not_achieved).toBe(100);
    expect([shares.achieved, shares.close, shares.not_achieved].sort()).toEqual([33, 33, 34]);
    expect(statusShares({ achieved: 0, close: 0, not_achieved: 0, no_result: 0, no_target: 0, total: 0 }).achieved).toBe(0);
  });
});

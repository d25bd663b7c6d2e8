// Pure helpers of the plan pages: the tree of items, where a drag-and-drop puts an item, the KPI
// statuses' colours and words, and the dashboard's shares.

import type { ComputedResults, KpiLine, KpiResultEntry, KpiStatusName, PlanItem, StatusCounts } from './api';

/** The items under each parent key ("" for the top), in plan order. */
export function childrenOf(items: readonly PlanItem[]): Map<string, PlanItem[]> {
  const children = new Map<string, PlanItem[]>();
  for (const item of items) {
    const list = children.get(item.parent) ?? [];
    list.push(item);
    children.set(item.parent, list);
  }
  return children;
}

/** The item's place among its siblings (0 first), -1 when it is not there. */
export function siblingIndex(items: readonly PlanItem[], key: string): number {
  const item = items.find((i) => i.key === key);
  if (!item) return -1;
  return items.filter((i) => i.parent === item.parent).findIndex((i) => i.key === key);
}

/**
 * Where dropping `dragged` before (or after) `target` moves it: its new index among its siblings
 * (the index the server's move takes, counted without the dragged item itself), or null when the
 * two are not siblings or nothing would change.
 */
export function dropIndex(items: readonly PlanItem[], dragged: string, target: string, after: boolean): number | null {
  const moving = items.find((i) => i.key === dragged);
  const onto = items.find((i) => i.key === target);
  if (!moving || !onto || moving.key === onto.key || moving.parent !== onto.parent) return null;
  const others = items.filter((i) => i.parent === moving.parent && i.key !== dragged);
  const at = others.findIndex((i) => i.key === target) + (after ? 1 : 0);
  return at === siblingIndex(items, dragged) ? null : at;
}

/** "กลยุทธ์ที่ 2", "ตัวชี้วัดที่ 14", "วิสัยทัศน์": how the plan heads an item. */
export function itemHeading(item: Pick<PlanItem, 'kind_label' | 'number'>): string {
  return item.number ? `${item.kind_label}ที่ ${item.number}` : item.kind_label;
}

export const STATUS_ORDER: readonly KpiStatusName[] = ['achieved', 'close', 'not_achieved', 'no_result', 'no_target'];

export const STATUS_LABELS: Record<KpiStatusName, string> = {
  achieved: 'บรรลุ',
  close: 'ใกล้เคียง',
  not_achieved: 'ไม่บรรลุ',
  no_result: 'ยังไม่มีผล',
  no_target: 'ไม่มีเป้าหมาย',
};

/** The CSS class of a status's colour (green, amber, red, grey). */
export function statusClass(status: KpiStatusName): string {
  return `kpi-status status-${status.replace('_', '-')}`;
}

/** Each status's share of the lines, in whole per cent, summing to 100 (largest remainders). */
export function statusShares(counts: StatusCounts): Record<KpiStatusName, number> {
  const shares = { achieved: 0, close: 0, not_achieved: 0, no_result: 0, no_target: 0 };
  if (counts.total <= 0) return shares;
  const exact = STATUS_ORDER.map((s) => ({ s, v: (counts[s] * 100) / counts.total }));
  let left = 100;
  for (const e of exact) {
    shares[e.s] = Math.floor(e.v);
    left -= shares[e.s];
  }
  for (const e of [...exact].sort((a, b) => b.v - Math.floor(b.v) - (a.v - Math.floor(a.v)))) {
    if (left <= 0) break;
    if (e.v > 0) {
      shares[e.s] += 1;
      left -= 1;
    }
  }
  return shares;
}

/** The result shown for a year: its latest round's, with "(รอบ 6 เดือน)" when not the year's end. */
/** The year's latest round's result, null when none is recorded. */
export function latestResult(line: Pick<KpiLine, 'results'>, year: number): KpiResultEntry | null {
  const results = line.results.filter((r) => r.fiscal_year === year);
  if (!results.length) return null;
  return results.reduce((a, b) => (b.round > a.round ? b : a));
}

export function resultText(line: Pick<KpiLine, 'results'>, year: number): string {
  const last = latestResult(line, year);
  if (!last) return '-';
  return last.round === 12 ? last.value : `${last.value} (รอบ ${last.round} เดือน)`;
}

/** One line on what a computation did: "คำนวณแล้ว 4 ผล · คงผลเดิม 1 ผล · ข้าม 1 รอบ". */
export function computedSummary(computed: ComputedResults): string {
  const lines = computed.rounds.flatMap((r) => r.lines);
  const made = lines.filter((l) => !l.kept).length;
  const kept = lines.length - made;
  const parts = [made ? `คำนวณแล้ว ${made} ผล` : 'ไม่มีผลใหม่'];
  if (kept) parts.push(`คงผลเดิม ${kept} ผล (เลือก "คำนวณใหม่แทนผลเดิม" เพื่อแทนที่)`);
  if (computed.skipped.length) parts.push(`ข้าม ${computed.skipped.length} รอบ`);
  return parts.join(' · ');
}

/** The KPI's text as the table shows it: "10. ร้อยละ…" and, on a sub-row, "– ป.1". */
export function lineTitle(line: Pick<KpiLine, 'number' | 'text' | 'row' | 'row_label'>): string {
  const head = line.number ? `${line.number}. ${line.text}` : line.text;
  return line.row ? `${head} – ${line.row_label}` : head;
}

export const PLAN_ITEM_KINDS: readonly (readonly [string, string])[] = [
  ['vision', 'วิสัยทัศน์'],
  ['mission', 'พันธกิจ'],
  ['goal', 'เป้าประสงค์'],
  ['value', 'ค่านิยม'],
  ['identity', 'อัตลักษณ์'],
  ['slogan', 'สโลแกน'],
  ['strategy', 'กลยุทธ์'],
  ['focus', 'จุดเน้น'],
  ['guideline', 'แนวทาง'],
  ['kpi', 'ตัวชี้วัด'],
];

export const KPI_UNITS: readonly string[] = ['ร้อยละ', 'คน', 'จำนวน', 'ระดับ', 'สัดส่วน', 'ทุกแห่ง', 'ข้อความ'];

export const POLARITIES: readonly (readonly [string, string])[] = [
  ['higher', 'ยิ่งสูงยิ่งดี'],
  ['lower', 'ยิ่งต่ำยิ่งดี'],
  ['range', 'อยู่ในช่วงเป้าหมาย'],
  ['change', 'เปลี่ยนแปลงจากปีก่อน'],
];

// Pure formatting and ordering helpers: Thai locale, Buddhist-era years, ratios as 1:x.

const integerFormat = new Intl.NumberFormat('th-TH', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('th-TH', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 27853 → "27,853"; null or NaN → "–". */
export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return integerFormat.format(value);
}

/** 19.2234 → "19.22" (always two decimals, with thousands separators). */
export function formatDecimal(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return decimalFormat.format(value);
}

/** 17.28 → "1:17.28", the way the office plan writes teacher : student and room : student. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return '1:' + decimalFormat.format(value);
}

/** 27.586 → "27.59%". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return decimalFormat.format(value) + '%';
}

/** students ÷ divisor, or null when the divisor is zero (a school with no teacher recorded). */
export function ratio(students: number, divisor: number): number | null {
  return divisor > 0 ? students / divisor : null;
}

/** "1:17.28" or "17.28" or "1 : 17.28" → 17.28; anything else → null. */
export function parseRatio(text: string): number | null {
  const match = /^\s*(?:1\s*:\s*)?([\d,]+(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1].replace(/,/g, ''));
}

export const thaiCollator = new Intl.Collator('th', { sensitivity: 'base', numeric: true });

/** Compares by Thai dictionary order (leading vowels เ แ โ ใ ไ are skipped, as a Thai reader expects). */
export function compareThai(a: string, b: string): number {
  return thaiCollator.compare(a, b);
}

export const THAI_MONTHS = [
  'มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน',
  'กรกฎาคม', 'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม',
] as const;

export interface RoundContext {
  round: string;
  /** ปีการศึกษา, named by the BE year it starts in. */
  academicYear: number;
  /** 1, 2 or 3: the census snapshot of 10 June, 10 November or 31 March. */
  snapshot: number;
  /** The snapshot day in Thai with a BE year, e.g. "10 พฤศจิกายน 2564". */
  snapshotDate: string;
  /** ปีงบประมาณ that contains the snapshot day (it ends on 30 September of its BE year). */
  fiscalYear: number;
}

/**
 * "2564/2" → academic year 2564, snapshot of 10 November 2564, fiscal year 2565.
 * Returns null for a round written another way, so the page can still show it as given.
 */
export function roundContext(round: string): RoundContext | null {
  const match = /^(\d{4})\/([123])$/.exec(round.trim());
  if (!match) return null;
  const academicYear = Number(match[1]);
  const snapshot = Number(match[2]);
  // Month (1-12) and BE year of each snapshot day.
  const [day, month, beYear] =
    snapshot === 1 ? [10, 6, academicYear] : snapshot === 2 ? [10, 11, academicYear] : [31, 3, academicYear + 1];
  const fiscalYear = month >= 10 ? beYear + 1 : beYear;
  return {
    round,
    academicYear,
    snapshot,
    snapshotDate: `${day} ${THAI_MONTHS[month - 1]} ${beYear}`,
    fiscalYear,
  };
}

/** Orders rounds oldest first: by academic year, then snapshot. Unknown shapes sort by text at the end. */
export function compareRounds(a: string, b: string): number {
  const ra = roundContext(a);
  const rb = roundContext(b);
  if (ra && rb) return ra.academicYear - rb.academicYear || ra.snapshot - rb.snapshot;
  if (ra) return -1;
  if (rb) return 1;
  return a.localeCompare(b);
}

/** The newest round of a list, or undefined for an empty list. */
export function latestRound(rounds: readonly string[]): string | undefined {
  return [...rounds].sort(compareRounds).at(-1);
}

export const THAI_MONTHS_SHORT = ['ม.ค.', 'ก.พ.', 'มี.ค.', 'เม.ย.', 'พ.ค.', 'มิ.ย.', 'ก.ค.', 'ส.ค.', 'ก.ย.', 'ต.ค.', 'พ.ย.', 'ธ.ค.'] as const;

/** Thailand keeps UTC+7 all year (no daylight saving). */
const BANGKOK_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The Bangkok wall-clock fields of an instant, whatever time zone the browser is in. */
function bangkokParts(ms: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date(ms + BANGKOK_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "2026-11-23T10:42:05+07:00" → "23 พ.ย. 2569 10:42 น." (Thai time, Buddhist-era year);
 * "2026-11-23" → "23 พ.ย. 2569". Empty or unreadable text comes back as it is ("" → "").
 */
export function formatThaiDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const dateOnly = DATE_ONLY.exec(iso.trim());
  if (dateOnly) {
    const [, y, m, d] = dateOnly;
    return `${Number(d)} ${THAI_MONTHS_SHORT[Number(m) - 1] ?? m} ${Number(y) + 543}`;
  }
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const p = bangkokParts(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.day} ${THAI_MONTHS_SHORT[p.month]} ${p.year + 543} ${two(p.hour)}:${two(p.minute)} น.`;
}

/** The date part only: "2026-11-23T10:42:05+07:00" → "23 พ.ย. 2569". */
export function formatThaiDate(iso: string | null | undefined): string {
  const text = formatThaiDateTime(iso);
  return text.replace(/ \d{2}:\d{2} น\.$/, '');
}

/** Today in Bangkok as YYYY-MM-DD (for date inputs), optionally `days` earlier or later. */
export function bangkokDate(now: number = Date.now(), days = 0): string {
  const p = bangkokParts(now + days * 24 * 60 * 60 * 1000);
  return `${p.year}-${String(p.month + 1).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Counts characters as a person types them (code points), the way the server checks lengths. */
export function charCount(text: string): number {
  return [...text].length;
}

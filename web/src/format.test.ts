import { describe, expect, it } from 'vitest';
import { bangkokDate, charCount, compareRounds, compareThai, formatDecimal, formatInteger, formatPercent, formatRatio, formatThaiDate, formatThaiDateTime, latestRound, parseRatio, ratio, roundContext } from './format';

describe('number formatting', () => {
  it('writes integers with thousands separators', () => {
    expect(formatInteger(27853)).toBe('27,853');
    expect(formatInteger(1505)).toBe('1,505');
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(6500000)).toBe('6,500,000');
  });

  it('writes a dash for a missing number', () => {
    expect(formatInteger(null)).toBe('–');
    expect(formatInteger(undefined)).toBe('–');
    expect(formatInteger(Number.NaN)).toBe('–');
    expect(formatRatio(null)).toBe('–');
  });

  it('writes decimals and percents with two places', () => {
    expect(formatDecimal(19.2234)).toBe('19.22');
    expect(formatDecimal(1234.5)).toBe('1,234.50');
    expect(formatPercent(27.586)).toBe('27.59%');
  });

  it('writes ratios the way the plan does (table 3: คลองเขื่อน)', () => {
    expect(formatRatio(ratio(691, 40))).toBe('1:17.28');
    expect(formatRatio(ratio(691, 64))).toBe('1:10.80');
    expect(formatRatio(ratio(27853, 1449))).toBe('1:19.22');
  });

  it('has no ratio when the divisor is zero', () => {
    expect(ratio(120, 0)).toBeNull();
  });

  it('reads a ratio back from its text', () => {
    expect(parseRatio('1:17.28')).toBe(17.28);
    expect(parseRatio('1 : 1,019.5')).toBe(1019.5);
    expect(parseRatio('19.22')).toBe(19.22);
    expect(parseRatio('ห้อง : ครู')).toBeNull();
  });
});

describe('Thai ordering', () => {
  it('sorts by Thai dictionary order, skipping leading vowels', () => {
    const names = ['วัดหัวสวน', 'เกาะขนุน', 'บ้านแหลมตะคร้อ', 'โคกตะเคียนงาม', 'ก้อนแก้วราษฎร์บำรุง'];
    expect([...names].sort(compareThai)).toEqual(['ก้อนแก้วราษฎร์บำรุง', 'เกาะขนุน', 'โคกตะเคียนงาม', 'บ้านแหลมตะคร้อ', 'วัดหัวสวน']);
  });

  it('orders the districts of Chachoengsao Area 2 as the plan lists them alphabetically', () => {
    const districts = ['พนมสารคาม', 'สนามชัยเขต', 'ท่าตะเกียบ', 'แปลงยาว', 'บางคล้า', 'ราชสาส์น', 'คลองเขื่อน'];
    expect([...districts].sort(compareThai)).toEqual(['คลองเขื่อน', 'ท่าตะเกียบ', 'บางคล้า', 'แปลงยาว', 'พนมสารคาม', 'ราชสาส์น', 'สนามชัยเขต']);
  });
});

describe('census rounds', () => {
  it('puts round 2 of academic year 2564 on 10 November 2564, in fiscal year 2565', () => {
    expect(roundContext('2564/2')).toEqual({ round: '2564/2', academicYear: 2564, snapshot: 2, snapshotDate: '10 พฤศจิกายน 2564', fiscalYear: 2565 });
  });

  it('puts round 1 in June of the same fiscal year and round 3 in March of the next calendar year', () => {
    expect(roundContext('2564/1')).toMatchObject({ snapshotDate: '10 มิถุนายน 2564', fiscalYear: 2564 });
    expect(roundContext('2564/3')).toMatchObject({ snapshotDate: '31 มีนาคม 2565', fiscalYear: 2565 });
  });

  it('does not guess at a round written another way', () => {
    expect(roundContext('2564')).toBeNull();
    expect(roundContext('2564/4')).toBeNull();
  });

  it('finds the newest round', () => {
    expect(latestRound(['2564/2', '2565/1', '2564/3'])).toBe('2565/1');
    expect(latestRound([])).toBeUndefined();
    expect(['2565/1', '2564/3', '2564/2'].sort(compareRounds)).toEqual(['2564/2', '2564/3', '2565/1']);
  });
});

describe('Thai date and time', () => {
  it('writes an ISO time with +07:00 in Thai with a Buddhist-era year', () => {
    expect(formatThaiDateTime('2026-11-23T10:42:00+07:00')).toBe('23 พ.ย. 2569 10:42 น.');
    expect(formatThaiDateTime('2026-01-05T08:05:59+07:00')).toBe('5 ม.ค. 2569 08:05 น.');
  });

  it('shows other offsets in Thai time, across midnight and the year', () => {
    expect(formatThaiDateTime('2026-12-31T20:30:00Z')).toBe('1 ม.ค. 2570 03:30 น.');
    expect(formatThaiDateTime('2026-11-23T03:42:00.123Z')).toBe('23 พ.ย. 2569 10:42 น.');
  });

  it('writes a date alone without a time, and leaves empty or odd text alone', () => {
    expect(formatThaiDateTime('2026-11-01')).toBe('1 พ.ย. 2569');
    expect(formatThaiDate('2026-11-23T10:42:00+07:00')).toBe('23 พ.ย. 2569');
    expect(formatThaiDateTime('')).toBe('');
    expect(formatThaiDateTime(undefined)).toBe('');
    expect(formatThaiDateTime('เมื่อวาน')).toBe('เมื่อวาน');
  });

  it('gives Bangkok dates for date inputs', () => {
    expect(bangkokDate(Date.parse('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(bangkokDate(Date.parse('2026-11-23T10:00:00+07:00'), -7)).toBe('2026-11-16');
  });

  it('counts Thai characters as typed', () => {
    expect(charCount('รหัสผ่านยาวพอ')).toBe(13);
    expect(charCount('abc')).toBe(3);
  });
});

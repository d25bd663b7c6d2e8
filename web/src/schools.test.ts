import { describe, expect, it } from 'vitest';
import type { School } from './api';
import { bandOf, distinct, filterSchools, normaliseSearch, sortSchools, totalsByDistrict } from './schools';

function school(code: string, name: string, district: string, students: number | null, extra: Partial<School> = {}): School {
  return { code, smis_code: '2402' + code.slice(-4), name, district, zone_code: null, zone_name: null, affiliation: 'สพฐ.', active: true, students, rooms: 8, teachers: 9, size_group: null, ...extra };
}

const schools: School[] = [
  school('1024070063', 'วัดบางกระดาน', 'บางคล้า', 320, { zone_code: '2402-Z07', size_group: 'ขนาดกลาง' }),
  school('1024070191', 'บ้านแหลมตะคร้อ', 'พนมสารคาม', 95, { zone_code: '2402-Z01', size_group: 'ขนาดเล็ก' }),
  school('1024070046', 'ท่าระหัดราษฎร์สฤษฎิ์', 'บางคล้า', 88, { zone_code: '2402-Z07', size_group: 'ขนาดเล็ก' }),
  school('1024070200', 'เกาะขนุน', 'พนมสารคาม', 1600, { zone_code: '2402-Z02', size_group: 'ขนาดใหญ่พิเศษ' }),
  school('1024070300', 'อนุบาลคลองเขื่อน', 'คลองเขื่อน', null),
];

describe('search', () => {
  it('finds a school by part of its name', () => {
    expect(filterSchools(schools, { query: 'บางกระ' }).map((s) => s.code)).toEqual(['1024070063']);
  });

  it('ignores the word โรงเรียน and spaces that people type', () => {
    expect(filterSchools(schools, { query: 'โรงเรียน บ้านแหลม' }).map((s) => s.name)).toEqual(['บ้านแหลมตะคร้อ']);
    expect(normaliseSearch('รร.วัดบางกระดาน')).toBe('วัดบางกระดาน');
  });

  it('finds a school by its 10-digit code, its SMIS code, or Thai digits', () => {
    expect(filterSchools(schools, { query: '1024070191' }).map((s) => s.name)).toEqual(['บ้านแหลมตะคร้อ']);
    expect(filterSchools(schools, { query: '24020063' }).map((s) => s.name)).toEqual(['วัดบางกระดาน']);
    expect(filterSchools(schools, { query: '๑๐๒๔๐๗๐๐๔๖' }).map((s) => s.name)).toEqual(['ท่าระหัดราษฎร์สฤษฎิ์']);
  });

  it('shows everything for an empty search', () => {
    expect(filterSchools(schools, { query: '  ' })).toHaveLength(schools.length);
  });
});

describe('filters', () => {
  it('combines district, zone and size group', () => {
    expect(filterSchools(schools, { district: 'บางคล้า' })).toHaveLength(2);
    expect(filterSchools(schools, { district: 'บางคล้า', sizeGroup: 'ขนาดเล็ก' }).map((s) => s.code)).toEqual(['1024070046']);
    expect(filterSchools(schools, { zone: '2402-Z01' }).map((s) => s.code)).toEqual(['1024070191']);
    expect(filterSchools(schools, { district: 'ราชสาส์น' })).toEqual([]);
  });
});

describe('sorting', () => {
  it('sorts by name in Thai order', () => {
    expect(sortSchools(schools, 'name').map((s) => s.name)).toEqual(['เกาะขนุน', 'ท่าระหัดราษฎร์สฤษฎิ์', 'บ้านแหลมตะคร้อ', 'วัดบางกระดาน', 'อนุบาลคลองเขื่อน']);
  });

  it('sorts by students with unknown counts last, and does not change the input', () => {
    const copy = [...schools];
    expect(sortSchools(schools, 'students-desc').map((s) => s.students)).toEqual([1600, 320, 95, 88, null]);
    expect(sortSchools(schools, 'students-asc').map((s) => s.students)).toEqual([null, 88, 95, 320, 1600]);
    expect(schools).toEqual(copy);
  });
});

describe('size bands', () => {
  const seed003 = [
    { label: 'ขนาดเล็ก', min: 1, max: 120 },
    { label: 'ขนาดกลาง', min: 121, max: 600 },
    { label: 'ขนาดใหญ่', min: 601, max: 1500 },
    { label: 'ขนาดใหญ่พิเศษ', min: 1501, max: null },
  ];

  it('puts a boundary count in the lower band', () => {
    expect(bandOf(seed003, 120)?.label).toBe('ขนาดเล็ก');
    expect(bandOf(seed003, 121)?.label).toBe('ขนาดกลาง');
    expect(bandOf(seed003, 1500)?.label).toBe('ขนาดใหญ่');
    expect(bandOf(seed003, 20000)?.label).toBe('ขนาดใหญ่พิเศษ');
    expect(bandOf(seed003, 0)).toBeUndefined();
  });
});

describe('district totals', () => {
  it('sums schools by district in Thai order', () => {
    expect(totalsByDistrict(schools)).toEqual([
      { district: 'คลองเขื่อน', schools: 1, students: 0, rooms: 8, teachers: 9 },
      { district: 'บางคล้า', schools: 2, students: 408, rooms: 16, teachers: 18 },
      { district: 'พนมสารคาม', schools: 2, students: 1695, rooms: 16, teachers: 18 },
    ]);
  });

  it('lists distinct values without empties', () => {
    expect(distinct(['ข', 'ก', '', null, 'ข'])).toEqual(['ก', 'ข']);
  });
});

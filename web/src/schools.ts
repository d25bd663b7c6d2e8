// Pure functions over the school list: search, filters, Thai ordering, per-district sums.

import type { School, SizeBand } from './api';
import { compareThai } from './format';

export interface SchoolFilter {
  /** Part of the name or of a code (10-digit school code or 8-digit SMIS code). */
  query?: string;
  district?: string;
  zone?: string;
  sizeGroup?: string;
}

export type SchoolSort = 'name' | 'students-desc' | 'students-asc';

/** Folds what people type differently into one form: spaces, case, Thai digits, the "โรงเรียน" prefix. */
export function normaliseSearch(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[๐-๙]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50))
    .replace(/^\s*(?:โรงเรียน|รร\.)\s*/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export function matchesQuery(school: School, query: string): boolean {
  const needle = normaliseSearch(query);
  if (needle === '') return true;
  if (/^\d+$/.test(needle)) {
    return school.code.includes(needle) || (school.smis_code ?? '').includes(needle);
  }
  return normaliseSearch(school.name).includes(needle);
}

export function filterSchools(schools: readonly School[], filter: SchoolFilter): School[] {
  return schools.filter(
    (school) =>
      (!filter.query || matchesQuery(school, filter.query)) &&
      (!filter.district || school.district === filter.district) &&
      (!filter.zone || school.zone_code === filter.zone) &&
      (!filter.sizeGroup || school.size_group === filter.sizeGroup),
  );
}

export function sortSchools(schools: readonly School[], sort: SchoolSort): School[] {
  const byName = (a: School, b: School) => compareThai(a.name, b.name) || a.code.localeCompare(b.code);
  const students = (s: School) => s.students ?? -1;
  const sorted = [...schools];
  switch (sort) {
    case 'name':
      return sorted.sort(byName);
    case 'students-desc':
      return sorted.sort((a, b) => students(b) - students(a) || byName(a, b));
    case 'students-asc':
      return sorted.sort((a, b) => students(a) - students(b) || byName(a, b));
  }
}

/** The band a student count falls in; boundaries belong to the lower band (120 is small, 121 medium). */
export function bandOf(bands: readonly SizeBand[], students: number): SizeBand | undefined {
  return bands.find((band) => students >= band.min && (band.max === null || students <= band.max));
}

export interface DistrictTotals {
  district: string;
  schools: number;
  students: number;
  rooms: number;
  teachers: number;
}

/** Sums the schools of each district, districts in Thai order. */
export function totalsByDistrict(schools: readonly School[]): DistrictTotals[] {
  const totals = new Map<string, DistrictTotals>();
  for (const school of schools) {
    const key = school.district || 'ไม่ระบุอำเภอ';
    let row = totals.get(key);
    if (!row) {
      row = { district: key, schools: 0, students: 0, rooms: 0, teachers: 0 };
      totals.set(key, row);
    }
    row.schools += 1;
    row.students += school.students ?? 0;
    row.rooms += school.rooms ?? 0;
    row.teachers += school.teachers ?? 0;
  }
  return [...totals.values()].sort((a, b) => compareThai(a.district, b.district));
}

/** The distinct values of a field, in Thai order, without empties. */
export function distinct(values: Iterable<string | null | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => !!v))].sort(compareThai);
}

import { describe, expect, it } from 'vitest';
import { schoolTitle, sourceLabel } from './pages/school';

describe('school page words', () => {
  it('puts โรงเรียน before a name from the OBEC list, once', () => {
    expect(schoolTitle('วัดบางกระดาน')).toBe('โรงเรียนวัดบางกระดาน');
    expect(schoolTitle('โรงเรียนบ้านหินแร่')).toBe('โรงเรียนบ้านหินแร่');
  });

  it('says where a school row came from in Thai, with a Buddhist-era year', () => {
    expect(sourceLabel('obec-2022-09')).toBe('รายชื่อโรงเรียน สพฐ. (09/2565)');
    expect(sourceLabel('generated')).toBe('ข้อมูลสาธิตที่สร้างขึ้น');
    expect(sourceLabel('schools.csv')).toBe('schools.csv');
  });
});

import { describe, expect, it } from 'vitest';
import { enrolmentLines, levelOf } from './enrolment';

describe('enrolment lines', () => {
  it('knows the level of each grade', () => {
    expect(levelOf('อ.1').level.key).toBe('kindergarten');
    expect(levelOf('ป.6').level.key).toBe('primary');
    expect(levelOf('ม.3').level.key).toBe('lower');
    expect(levelOf('ม. 4').level.key).toBe('upper');
    expect(levelOf('อื่นๆ').level.key).toBe('other');
  });

  it('orders grades, adds a subtotal for each level and a total', () => {
    const lines = enrolmentLines([
      { grade: 'ป.2', male: 10, female: 12, rooms: 1 },
      { grade: 'อ.2', male: 5, female: 6, rooms: 1 },
      { grade: 'ป.1', male: 9, female: 8, rooms: 1 },
      { grade: 'อ.3', male: 4, female: 4, rooms: 1 },
      { grade: 'ม.1', male: 20, female: 18, rooms: 2 },
    ]);
    expect(lines.map((l) => [l.role, l.label, l.total, l.rooms])).toEqual([
      ['body', 'อ.2', 11, 1],
      ['body', 'อ.3', 8, 1],
      ['subtotal', 'รวมก่อนประถมศึกษา', 19, 2],
      ['body', 'ป.1', 17, 1],
      ['body', 'ป.2', 22, 1],
      ['subtotal', 'รวมประถมศึกษา', 39, 2],
      ['body', 'ม.1', 38, 2],
      ['total', 'รวมทั้งสิ้น', 96, 6],
    ]);
  });

  it('labels a grade by its full name when the server sends one', () => {
    const lines = enrolmentLines([{ grade: 'ป.1', grade_name: 'ประถมศึกษาปีที่ 1', male: 1, female: 2, rooms: 1 }]);
    expect(lines.map((l) => l.label)).toEqual(['ประถมศึกษาปีที่ 1', 'รวมทั้งสิ้น']);
  });

  it('has no lines for a school without enrolment', () => {
    expect(enrolmentLines([])).toEqual([]);
  });
});

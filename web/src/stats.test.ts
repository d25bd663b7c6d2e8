import { describe, expect, it } from 'vitest';
import type { StatTable } from './api';
import { cellNumber, chartFor, districtStudents } from './stats';

const table3: StatTable = {
  id: 'table3',
  caption: 'ตารางที่ 3 อัตราส่วนครู : นักเรียน และอัตราส่วนนักเรียน : ห้อง',
  columns: [
    { key: 'district', header: 'อำเภอ', kind: 'text' },
    { key: 'students', header: 'จำนวนนักเรียน', kind: 'integer' },
    { key: 'rooms', header: 'จำนวนห้อง', kind: 'integer' },
    { key: 'teachers', header: 'จำนวนครู', kind: 'integer' },
    { key: 'teacher_ratio', header: 'ครู : นักเรียน', kind: 'ratio' },
    { key: 'room_ratio', header: 'ห้อง : นักเรียน', kind: 'ratio' },
  ],
  rows: [
    { role: 'body', cells: [{ text: 'คลองเขื่อน', value: null }, { text: '691', value: 691 }, { text: '64', value: 64 }, { text: '40', value: 40 }, { text: '1:17.28', value: 17.275 }, { text: '1:10.80', value: null }] },
    { role: 'body', cells: [{ text: 'ท่าตะเกียบ', value: null }, { text: '5,728', value: 5728 }, { text: '252', value: 252 }, { text: '276', value: 276 }, { text: '1:20.75', value: 20.75 }, { text: '1:22.73', value: 22.73 }] },
    { role: 'total', cells: [{ text: 'รวมทั้งสิ้น', value: null }, { text: '6,419', value: 6419 }, { text: '316', value: 316 }, { text: '316', value: 316 }, { text: '1:20.31', value: 20.31 }, { text: '1:20.31', value: 20.31 }] },
  ],
};

describe('cell numbers', () => {
  it('prefers the value the server sent and reads the text otherwise', () => {
    expect(cellNumber({ text: '1:17.28', value: 17.275 }, table3.columns[4])).toBe(17.275);
    expect(cellNumber({ text: '1:10.80', value: null }, table3.columns[5])).toBe(10.8);
    expect(cellNumber({ text: '5,728', value: null }, table3.columns[1])).toBe(5728);
    expect(cellNumber({ text: '-', value: null }, table3.columns[1])).toBe(0);
    expect(cellNumber({ text: '-', value: null }, table3.columns[4])).toBeNull();
  });
});

describe('chart choice', () => {
  it('draws table 3 as bars of both ratios by district, without the total row', () => {
    const spec = chartFor(table3)!;
    expect(spec.type).toBe('bar');
    expect(spec.ratio).toBe(true);
    expect(spec.labels).toEqual(['คลองเขื่อน', 'ท่าตะเกียบ']);
    expect(spec.series.map((s) => s.label)).toEqual(['ครู : นักเรียน', 'ห้อง : นักเรียน']);
    expect(spec.series[1].values).toEqual([10.8, 22.73]);
  });

  it('draws table 2 as a doughnut of schools by size group', () => {
    const spec = chartFor({
      id: 'table2',
      caption: 'ตารางที่ 2',
      // As the server sends it: the running number is an integer column, and so are the students.
      columns: [
        { key: 'no', header: 'ที่', kind: 'integer' },
        { key: 'size_group', header: 'ขนาดโรงเรียน', kind: 'text' },
        { key: 'students', header: 'จำนวนนักเรียน', kind: 'integer' },
        { key: 'schools', header: 'จำนวนโรงเรียน', kind: 'integer' },
      ],
      rows: [
        { role: 'body', cells: [{ text: '1', value: 1 }, { text: 'ขนาดเล็ก (1–120 คน)', value: null }, { text: '4,146', value: 4146 }, { text: '64', value: 64 }] },
        { role: 'body', cells: [{ text: '2', value: 2 }, { text: 'ขนาดกลาง (121–600 คน)', value: null }, { text: '17,318', value: 17318 }, { text: '76', value: 76 }] },
        { role: 'total', cells: [{ text: '', value: null }, { text: 'รวมทั้งสิ้น', value: null }, { text: '21,464', value: 21464 }, { text: '140', value: 140 }] },
      ],
    })!;
    expect(spec.type).toBe('doughnut');
    expect(spec.labels).toEqual(['ขนาดเล็ก (1–120 คน)', 'ขนาดกลาง (121–600 คน)']);
    expect(spec.series[0].values).toEqual([64, 76]);
  });

  it('draws table 4 as bars of boys and girls by grade', () => {
    const spec = chartFor({
      id: 'table4',
      caption: 'ตารางที่ 4',
      columns: [
        { key: 'grade', header: 'ระดับชั้น', kind: 'text' },
        { key: 'male', header: 'ชาย', kind: 'integer' },
        { key: 'female', header: 'หญิง', kind: 'integer' },
        { key: 'total', header: 'รวม', kind: 'integer' },
      ],
      rows: [
        { role: 'body', cells: [{ text: 'อนุบาล 1', value: null }, { text: '75', value: 75 }, { text: '81', value: 81 }, { text: '156', value: 156 }] },
        { role: 'subtotal', cells: [{ text: 'รวมก่อนประถมศึกษา', value: null }, { text: '75', value: 75 }, { text: '81', value: 81 }, { text: '156', value: 156 }] },
        { role: 'body', cells: [{ text: 'ประถมศึกษาปีที่ 1', value: null }, { text: '1,604', value: 1604 }, { text: '1,467', value: 1467 }, { text: '3,071', value: 3071 }] },
      ],
    })!;
    expect(spec.labels).toEqual(['อนุบาล 1', 'ประถมศึกษาปีที่ 1']);
    expect(spec.series).toEqual([
      { label: 'ชาย', values: [75, 1604] },
      { label: 'หญิง', values: [81, 1467] },
    ]);
  });

  it('never charts the running number', () => {
    const spec = chartFor({
      id: 'table2',
      caption: 'ตารางที่ 2',
      columns: [
        { key: 'no', header: 'ที่', kind: 'integer' },
        { key: 'size_group', header: 'ขนาดโรงเรียน', kind: 'text' },
        { key: 'count', header: 'โรงเรียน', kind: 'integer' },
      ],
      rows: [{ role: 'body', cells: [{ text: '1', value: 1 }, { text: 'ขนาดเล็ก', value: null }, { text: '64', value: 64 }] }],
    })!;
    expect(spec.series[0].values).toEqual([64]);
  });

  it('leaves the other tables as tables', () => {
    expect(chartFor({ ...table3, id: 'table8' })).toBeNull();
  });
});

describe('students by district from table 3', () => {
  it('reads the body rows for readers who may not list schools', () => {
    expect(districtStudents(table3)).toEqual([
      { district: 'คลองเขื่อน', students: 691 },
      { district: 'ท่าตะเกียบ', students: 5728 },
    ]);
  });
});

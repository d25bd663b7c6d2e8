import { describe, expect, it } from 'vitest';
import { apiUrl } from './api';
import { splitFieldError } from './errors';

describe('field errors', () => {
  it('splits the server field path into file, row and column', () => {
    expect(splitFieldError({ field: 'census.csv:row 12:male', message: 'ต้องไม่ติดลบ' })).toEqual({ file: 'census.csv', row: 12, column: 'male', message: 'ต้องไม่ติดลบ' });
  });

  it('prefers the explicit row and column the server sends', () => {
    expect(splitFieldError({ field: 'census.csv:row 12:male', row: 13, column: 'female', message: 'x' })).toMatchObject({ row: 13, column: 'female' });
  });

  it('keeps a field that is not a file row as the column', () => {
    expect(splitFieldError({ field: 'round', message: 'รอบข้อมูลไม่ถูกต้อง' })).toEqual({ file: '', row: null, column: 'round', message: 'รอบข้อมูลไม่ถูกต้อง' });
    expect(splitFieldError({ field: 'staff.xlsx:header', message: 'ไม่มีคอลัมน์ rank' })).toMatchObject({ file: 'staff.xlsx', row: null, column: 'header' });
  });
});

describe('api urls', () => {
  it('builds encoded query strings and leaves out empty values', () => {
    const url = new URL(apiUrl('offices/2402/statistics/table3', { round: '2564/2', scheme: undefined, format: 'pdf' }));
    expect(url.pathname).toBe('/api/v1/offices/2402/statistics/table3');
    expect(url.searchParams.get('round')).toBe('2564/2');
    expect(url.searchParams.has('scheme')).toBe(false);
    expect(url.searchParams.get('format')).toBe('pdf');
  });
});

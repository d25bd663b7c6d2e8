import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './pages/password';
import { grantText, scopeInputs } from './pages/users';

describe('a new password', () => {
  it('must be typed the same twice and be at least 10 characters', () => {
    expect(checkNewPassword('old-secret', 'short', 'short')).toEqual([{ field: 'new_password', message: 'รหัสผ่านใหม่ต้องยาวอย่างน้อย 10 ตัวอักษร' }]);
    expect(checkNewPassword('old-secret', 'long-enough-1', 'long-enough-2').map((e) => e.field)).toEqual(['confirm_password']);
    expect(checkNewPassword('', '', '').map((e) => e.field)).toEqual(['current_password', 'new_password']);
    expect(checkNewPassword('old-secret', 'รหัสผ่านไทยยาวพอ', 'รหัสผ่านไทยยาวพอ')).toEqual([]);
    expect(checkNewPassword('same-secret-1', 'same-secret-1', 'same-secret-1').map((e) => e.field)).toEqual(['new_password']);
  });
});

describe('the users page', () => {
  it('asks for the scope each role needs', () => {
    expect(scopeInputs('office')).toEqual({ office: true, school: false, group: false });
    expect(scopeInputs('group')).toEqual({ office: true, school: false, group: true });
    expect(scopeInputs('school')).toEqual({ office: false, school: true, group: false });
    expect(scopeInputs('none')).toEqual({ office: false, school: false, group: false });
  });

  it('writes a grant in words', () => {
    expect(grantText({ role: 'planner', role_label: 'กลุ่มนโยบายและแผน', office: '2402', school: '', group: '' })).toBe('กลุ่มนโยบายและแผน · 2402');
    expect(grantText({ role: 'school_officer', role_label: 'เจ้าหน้าที่โรงเรียน', office: '2402', school: '1024050001', group: '' })).toBe('เจ้าหน้าที่โรงเรียน · โรงเรียน 1024050001');
    expect(grantText({ role: 'system_admin', role_label: 'ผู้ดูแลระบบ', office: '', school: '', group: '' })).toBe('ผู้ดูแลระบบ');
  });
});

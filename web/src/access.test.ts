import { describe, expect, it } from 'vitest';
import { canForSchool, landingHref, navItems, roleLabels, routeAllowed } from './access';
import type { Permission, Session } from './api';
import type { Route } from './router';

/** The permissions of each role in its office, as the contract lists them. */
const ROLE_PERMISSIONS: Record<string, Permission[]> = {
  office_admin: ['read_published', 'read_school_data', 'edit_school', 'import', 'manage_users', 'read_audit', 'edit_plan', 'report_results'],
  planner: ['read_published', 'read_school_data', 'edit_school', 'import', 'edit_plan', 'report_results'],
  group_staff: ['read_published'],
  supervisor: ['read_published', 'read_school_data'],
  executive: ['read_published', 'read_school_data', 'read_audit'],
  public: ['read_published'],
};

function officeSession(role: string, office = '2402'): Session {
  return {
    user: { id: 1, login: `${role}.${office}`, display_name: 'ทดสอบ', must_change_password: false, demo: true, grants: [{ role, role_label: role, office, school: '', group: '' }] },
    csrf_token: 't',
    expires_at: '2026-11-23T22:00:00+07:00',
    idle_minutes: 120,
    system_admin: false,
    offices: [{ code: office, short_name: 'สพป.ฉะเชิงเทรา เขต 2', permissions: ROLE_PERMISSIONS[role] }],
    schools: [],
  };
}

const schoolOfficer: Session = {
  ...officeSession('public'),
  user: { id: 9, login: 'school.1024050001', display_name: 'ครูโรงเรียน', must_change_password: false, demo: true, grants: [{ role: 'school_officer', role_label: 'เจ้าหน้าที่โรงเรียน', office: '2402', school: '1024050001', group: '' }] },
  offices: [],
  schools: [{ code: '1024050001', name: 'วัดบางกระดาน', office: '2402', permissions: ['read_school_data', 'edit_school', 'import'] }],
};

const sysadmin: Session = { ...officeSession('public'), system_admin: true, offices: [] };

const labels = (s: Session) => navItems(s, '2402').map((i) => i.label);

describe('navigation by role', () => {
  it('offers each office role only the pages its permissions open', () => {
    expect(labels(officeSession('office_admin'))).toEqual(['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'นำเข้าข้อมูล', 'ผู้ใช้', 'บันทึกการใช้งาน']);
    expect(labels(officeSession('planner'))).toEqual(['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'นำเข้าข้อมูล']);
    expect(labels(officeSession('group_staff'))).toEqual(['ภาพรวม', 'แผน', 'สถิติ']);
    expect(labels(officeSession('supervisor'))).toEqual(['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ']);
    expect(labels(officeSession('executive'))).toEqual(['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'บันทึกการใช้งาน']);
    expect(labels(officeSession('public'))).toEqual(['ภาพรวม', 'แผน', 'สถิติ']);
  });

  it('gives a system admin everything in any office', () => {
    expect(navItems(sysadmin, '9999').map((i) => i.key)).toEqual(['overview', 'plans', 'schools', 'statistics', 'import', 'users', 'audit']);
  });

  it('shows nothing in an office the user has no grant in', () => {
    expect(navItems(officeSession('office_admin', '2402'), '1001')).toEqual([]);
  });

  it('gives a school officer their school and its import, and lands them on it', () => {
    const items = navItems(schoolOfficer, '2402');
    expect(items.map((i) => [i.label, i.href])).toEqual([
      ['โรงเรียนของฉัน', '#/schools/1024050001'],
      ['นำเข้าข้อมูล', '#/import'],
    ]);
    expect(landingHref(schoolOfficer, '2402')).toBe('#/schools/1024050001');
    expect(landingHref(officeSession('public'), '2402')).toBe('#/');
  });
});

describe('page access', () => {
  const pages: Route[] = [
    { page: 'overview' },
    { page: 'schools' },
    { page: 'school', code: '1024050001' },
    { page: 'statistics', table: 'table1' },
    { page: 'import' },
    { page: 'users' },
    { page: 'audit' },
  ];
  const allowed = (s: Session) => pages.filter((r) => routeAllowed(s, r, '2402')).map((r) => r.page);

  it('matches the menu for every office role', () => {
    expect(allowed(officeSession('public'))).toEqual(['overview', 'statistics']);
    expect(allowed(officeSession('supervisor'))).toEqual(['overview', 'schools', 'school', 'statistics']);
    expect(allowed(officeSession('executive'))).toEqual(['overview', 'schools', 'school', 'statistics', 'audit']);
  });

  it('opens plans to every reader of published data and the editor to those who edit plans', () => {
    const editor: Route = { page: 'plan', year: 2565, part: 'edit' };
    const table: Route = { page: 'plan', year: 2565, part: 'kpis' };
    for (const role of ['public', 'group_staff', 'executive', 'planner']) {
      expect(routeAllowed(officeSession(role), { page: 'plans' }, '2402')).toBe(true);
      expect(routeAllowed(officeSession(role), table, '2402')).toBe(true);
    }
    expect(routeAllowed(officeSession('planner'), editor, '2402')).toBe(true);
    expect(routeAllowed(officeSession('office_admin'), editor, '2402')).toBe(true);
    expect(routeAllowed(officeSession('executive'), editor, '2402')).toBe(false);
    expect(routeAllowed(officeSession('group_staff'), editor, '2402')).toBe(false);
    expect(routeAllowed(schoolOfficer, { page: 'plans' }, '2402')).toBe(false);
  });

  it('lets a school officer open only their own school and the import', () => {
    expect(allowed(schoolOfficer)).toEqual(['school', 'import']);
    expect(routeAllowed(schoolOfficer, { page: 'school', code: '1024050002' }, '2402')).toBe(false);
  });

  it('always lets a signed-in user change their password', () => {
    expect(routeAllowed(officeSession('public'), { page: 'password' }, '2402')).toBe(true);
  });

  it('checks school permissions through the office or the school grant', () => {
    expect(canForSchool(officeSession('planner'), 'edit_school', '1024050009', '2402')).toBe(true);
    expect(canForSchool(officeSession('supervisor'), 'edit_school', '1024050009', '2402')).toBe(false);
    expect(canForSchool(schoolOfficer, 'edit_school', '1024050001', '2402')).toBe(true);
    expect(canForSchool(schoolOfficer, 'edit_school', '1024050009', '2402')).toBe(false);
  });
});

describe('role labels', () => {
  it('lists each role once, in Thai', () => {
    const s = officeSession('planner');
    s.user.grants = [
      { role: 'planner', role_label: 'กลุ่มนโยบายและแผน', office: '2402', school: '', group: '' },
      { role: 'planner', role_label: 'กลุ่มนโยบายและแผน', office: '2403', school: '', group: '' },
      { role: 'executive', role_label: 'ผู้บริหาร', office: '2402', school: '', group: '' },
    ];
    expect(roleLabels(s)).toEqual(['กลุ่มนโยบายและแผน', 'ผู้บริหาร']);
  });
});

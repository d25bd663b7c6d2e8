// Who may see what: pure functions over the session the server hands out. The server checks every
// call itself; these only decide which links, buttons and pages the UI offers, so that it never
// shows something the user cannot use.

import { ALL_PERMISSIONS, type Permission, type Session, type SessionSchool } from './api';
import type { Route } from './router';

/** The user's permissions over one office as a whole (a system admin has all of them everywhere). */
export function officePermissions(session: Session, office: string): Permission[] {
  if (session.system_admin) return [...ALL_PERMISSIONS];
  return session.offices.find((o) => o.code === office)?.permissions ?? [];
}

export function can(session: Session, permission: Permission, office: string): boolean {
  return officePermissions(session, office).includes(permission);
}

/**
 * Whether the user may do `permission` for one school: through a grant over its office (the school
 * is taken to be of `office`, the office the page is showing), or a school officer's own grant.
 */
export function canForSchool(session: Session, permission: Permission, school: string, office: string): boolean {
  if (office && can(session, permission, office)) return true;
  return session.schools.some((s) => s.code === school && s.permissions.includes(permission));
}

/** A school officer: signed in for one (or a few) schools and no office. */
export function isSchoolOnly(session: Session): boolean {
  return !session.system_admin && session.offices.length === 0 && session.schools.length > 0;
}

/** The schools the user may import for on their own school grants. */
export function importSchools(session: Session): SessionSchool[] {
  return session.schools.filter((s) => s.permissions.includes('import'));
}

export interface NavItem {
  key: 'overview' | 'plans' | 'schools' | 'school' | 'statistics' | 'import' | 'users' | 'audit';
  href: string;
  label: string;
  /** The route pages that light this item up. */
  pages: Route['page'][];
  /** For a school officer's item: the school it opens. */
  school?: string;
}

const OFFICE_NAV: (NavItem & { needs: Permission })[] = [
  { key: 'overview', href: '#/', label: 'ภาพรวม', pages: ['overview'], needs: 'read_published' },
  { key: 'plans', href: '#/plans', label: 'แผน', pages: ['plans', 'plan'], needs: 'read_published' },
  { key: 'schools', href: '#/schools', label: 'โรงเรียน', pages: ['schools', 'school'], needs: 'read_school_data' },
  { key: 'statistics', href: '#/statistics/table1', label: 'สถิติ', pages: ['statistics'], needs: 'read_published' },
  { key: 'import', href: '#/import', label: 'นำเข้าข้อมูล', pages: ['import'], needs: 'import' },
  { key: 'users', href: '#/users', label: 'ผู้ใช้', pages: ['users'], needs: 'manage_users' },
  { key: 'audit', href: '#/audit', label: 'บันทึกการใช้งาน', pages: ['audit'], needs: 'read_audit' },
];

/** The main menu for the office being shown: only what the session allows there. */
export function navItems(session: Session, office: string): NavItem[] {
  if (isSchoolOnly(session)) {
    const readable = session.schools.filter((s) => s.permissions.includes('read_school_data'));
    const items: NavItem[] = readable.map((s) => ({
      key: 'school',
      href: `#/schools/${encodeURIComponent(s.code)}`,
      label: readable.length === 1 ? 'โรงเรียนของฉัน' : s.name,
      pages: ['school'],
      school: s.code,
    }));
    if (importSchools(session).length) items.push({ key: 'import', href: '#/import', label: 'นำเข้าข้อมูล', pages: ['import'] });
    return items;
  }
  const permissions = officePermissions(session, office);
  return OFFICE_NAV.filter((item) => permissions.includes(item.needs)).map(({ needs: _needs, ...item }) => item);
}

/** Whether the user may open a route while `office` is the office shown. */
export function routeAllowed(session: Session, route: Route, office: string): boolean {
  switch (route.page) {
    case 'overview':
    case 'statistics':
      return can(session, 'read_published', office);
    case 'schools':
      return can(session, 'read_school_data', office);
    case 'plans':
      return can(session, 'read_published', office);
    case 'plan':
      return can(session, route.part === 'edit' ? 'edit_plan' : 'read_published', office);
    case 'school':
      return canForSchool(session, 'read_school_data', route.code, office);
    case 'import':
      return can(session, 'import', office) || importSchools(session).length > 0;
    case 'users':
      return can(session, 'manage_users', office);
    case 'audit':
      return can(session, 'read_audit', office);
    case 'password':
    case 'not-found':
      return true;
  }
}

/** Where the user starts: the overview, or a school officer's own school, or the first page allowed. */
export function landingHref(session: Session, office: string): string | null {
  return navItems(session, office)[0]?.href ?? null;
}

/** "ผู้ดูแลสำนักงานเขต, กลุ่มนโยบายและแผน": the user's roles in Thai, each once. */
export function roleLabels(session: Pick<Session, 'user'>): string[] {
  return [...new Set(session.user.grants.map((g) => g.role_label || g.role))];
}

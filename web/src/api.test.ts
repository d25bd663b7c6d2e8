import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  addUser,
  auditUrl,
  changePassword,
  getCsrfToken,
  getSession,
  listUsers,
  postImport,
  resetPassword,
  setAuthHandlers,
  setCsrfToken,
  signIn,
  signOut,
  updateSchool,
} from './api';

const SESSION = {
  user: { id: 3, login: 'planner', display_name: 'นางสาวแผน ดี', must_change_password: false, demo: true, grants: [] },
  csrf_token: 'csrf-from-session',
  expires_at: '2026-11-23T22:00:00+07:00',
  idle_minutes: 120,
  system_admin: false,
  offices: [],
  schools: [],
};

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

let fetchMock: ReturnType<typeof vi.fn>;

/** The method, CSRF header and credentials of the n-th call fetch got. */
function call(n = 0): { url: string; method: string; csrf: string | null; credentials: RequestCredentials | undefined; body: unknown } {
  const [url, init] = fetchMock.mock.calls[n] as [string, RequestInit];
  const headers = new Headers(init.headers);
  return { url, method: init.method ?? 'GET', csrf: headers.get('X-CSRF-Token'), credentials: init.credentials, body: init.body };
}

beforeEach(() => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  setCsrfToken('');
  setAuthHandlers({});
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the CSRF token', () => {
  it('is kept from the session and sent on every state-changing call, never on reads', async () => {
    fetchMock.mockResolvedValueOnce(json(200, SESSION));
    await getSession();
    expect(getCsrfToken()).toBe('csrf-from-session');
    expect(call(0).csrf).toBeNull();

    fetchMock.mockResolvedValueOnce(json(200, { users: [] }));
    await listUsers('2402');
    expect(call(1)).toMatchObject({ method: 'GET', csrf: null, credentials: 'same-origin' });

    fetchMock.mockResolvedValueOnce(json(200, { school: { code: '1024050001', name: 'x', version: 5 } }));
    await updateSchool('1024050001', 4, { name: 'x', district: '', zone_code: '', level_span: '', active: true });
    expect(call(2)).toMatchObject({ method: 'PUT', csrf: 'csrf-from-session', credentials: 'same-origin' });
    expect(JSON.parse(call(2).body as string)).toEqual({ version: 4, name: 'x', district: '', zone_code: '', level_span: '', active: true });

    fetchMock.mockResolvedValueOnce(json(201, { user: SESSION.user, one_time_password: 'abc' }));
    await addUser({ login: 'a', display_name: 'b', role: 'planner', office: '2402', school: '', group: '' });
    expect(call(3)).toMatchObject({ method: 'POST', csrf: 'csrf-from-session' });

    fetchMock.mockResolvedValueOnce(json(200, { user: SESSION.user, one_time_password: 'abc' }));
    await resetPassword(7);
    expect(call(4)).toMatchObject({ method: 'POST', csrf: 'csrf-from-session' });
    expect(call(4).url).toMatch(/\/api\/v1\/users\/7\/password-reset$/);

    fetchMock.mockResolvedValueOnce(json(200, { kind: 'census', dry_run: true, rows: 1 }));
    await postImport('2402', 'census', '2564/2', { name: 'a.csv', bytes: new Uint8Array([65]) }, true);
    expect(call(5)).toMatchObject({ method: 'POST', csrf: 'csrf-from-session' });
    expect(new Headers((fetchMock.mock.calls[5] as [string, RequestInit])[1].headers).get('Content-Type')).toBe('application/octet-stream');

    fetchMock.mockResolvedValueOnce(json(204, null));
    await signOut();
    expect(call(6)).toMatchObject({ method: 'DELETE', csrf: 'csrf-from-session' });
    expect(getCsrfToken()).toBe('');
  });

  it('takes the new token from sign-in and from a password change', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ...SESSION, csrf_token: 'first' }));
    await signIn('planner', 'secret');
    expect(call(0).method).toBe('POST');
    expect(JSON.parse(call(0).body as string)).toEqual({ login: 'planner', password: 'secret' });
    expect(getCsrfToken()).toBe('first');
    fetchMock.mockResolvedValueOnce(json(200, { ...SESSION, csrf_token: 'second' }));
    await changePassword('secret', 'a-new-secret-1');
    expect(call(1).csrf).toBe('first');
    expect(JSON.parse(call(1).body as string)).toEqual({ current_password: 'secret', new_password: 'a-new-secret-1' });
    expect(getCsrfToken()).toBe('second');
  });
});

describe('errors', () => {
  it('reports a lost session (401) to the app, but not a wrong password at sign-in', async () => {
    const lost = vi.fn();
    setAuthHandlers({ unauthenticated: lost });
    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'กรุณาเข้าสู่ระบบ' } }));
    await expect(listUsers('2402')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(lost).toHaveBeenCalledTimes(1);

    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง' } }));
    await expect(signIn('planner', 'wrong')).rejects.toMatchObject({ status: 401, message: 'ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง' });
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it('tells the app when the password must change first', async () => {
    const mustChange = vi.fn();
    setAuthHandlers({ mustChangePassword: mustChange });
    fetchMock.mockResolvedValueOnce(json(403, { error: { code: 'permission_denied', message: 'ต้องเปลี่ยนรหัสผ่านก่อน', fields: [{ field: 'password', message: 'ต้องเปลี่ยนรหัสผ่านก่อน' }] } }));
    await expect(listUsers('2402')).rejects.toBeInstanceOf(ApiError);
    expect(mustChange).toHaveBeenCalledTimes(1);
  });

  it('carries the status, code, fields and, on a conflict, the record as it is now', async () => {
    const current = { code: '1024050001', name: 'บ้านใหม่', version: 5, updated_by: 'นายสมชาย ใจดี', updated_at: '2026-11-23T10:42:00+07:00' };
    fetchMock.mockResolvedValueOnce(json(409, { error: { code: 'conflict', message: 'นายสมชาย ใจดี แก้ไขแล้ว', fields: [], current } }));
    const error = await updateSchool('1024050001', 4, { name: 'x', district: '', zone_code: '', level_span: '', active: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', current });

    fetchMock.mockResolvedValueOnce(json(400, { error: { code: 'invalid_argument', message: 'x', fields: [{ field: 'name', message: 'ต้องมีชื่อ' }] } }));
    const invalid = (await updateSchool('1024050001', 4, { name: '', district: '', zone_code: '', level_span: '', active: true }).catch((e: unknown) => e)) as ApiError;
    expect(invalid.fieldMessage('name')).toBe('ต้องมีชื่อ');
    expect(invalid.current).toBeNull();
  });

  it('says in Thai when the server cannot be reached', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('network'));
    await expect(listUsers('2402')).rejects.toMatchObject({ status: 0, code: 'unavailable' });
  });
});

describe('audit export urls', () => {
  it('keep the filter and add the format', () => {
    const url = new URL(auditUrl('2402', { user: 'planner', action: 'school.update', from: '2026-11-01', limit: 200 }, 'csv'));
    expect(url.pathname).toBe('/api/v1/offices/2402/audit');
    expect(Object.fromEntries(url.searchParams)).toEqual({ user: 'planner', action: 'school.update', from: '2026-11-01', limit: '200', format: 'csv' });
  });
});

describe('a refused CSRF token', () => {
  it('is refreshed from the session once, and the call tried again', async () => {
    setCsrfToken('stale');
    fetchMock
      .mockResolvedValueOnce(json(403, { error: { code: 'permission_denied', message: 'CSRF', fields: [{ field: 'X-CSRF-Token', message: 'CSRF' }] } }))
      .mockResolvedValueOnce(json(200, { ...SESSION, csrf_token: 'fresh' }))
      .mockResolvedValueOnce(json(200, { user: SESSION.user, one_time_password: 'abc' }));
    await resetPassword(7);
    expect([call(0).csrf, call(1).method, call(2).csrf]).toEqual(['stale', 'GET', 'fresh']);
  });

  it('is not retried twice', async () => {
    setCsrfToken('stale');
    const refused = () => json(403, { error: { code: 'permission_denied', message: 'CSRF', fields: [{ field: 'X-CSRF-Token', message: 'CSRF' }] } });
    fetchMock.mockResolvedValueOnce(refused()).mockResolvedValueOnce(json(200, SESSION)).mockResolvedValueOnce(refused());
    await expect(resetPassword(7)).rejects.toMatchObject({ status: 403 });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });
});

// Hash routes: #/, #/schools, #/schools/{code}, #/statistics/{table}, #/import, #/users, #/audit,
// #/password, #/plans, #/plans/{year}[/kpis|/dashboard|/edit] (an optional ?query follows).

export type Route =
  | { page: 'overview' }
  | { page: 'schools' }
  | { page: 'school'; code: string }
  | { page: 'statistics'; table: string }
  | { page: 'import' }
  | { page: 'users' }
  | { page: 'audit' }
  | { page: 'plans' }
  | { page: 'plan'; year: number; part: 'document' | 'kpis' | 'dashboard' | 'edit' }
  | { page: 'password' }
  | { page: 'not-found'; path: string };

export interface ParsedHash {
  route: Route;
  query: URLSearchParams;
}

export function parseHash(hash: string): ParsedHash {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const parts = pathPart.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const query = new URLSearchParams(queryPart);
  const route = ((): Route => {
    if (parts.length === 0) return { page: 'overview' };
    if (parts[0] === 'schools' && parts.length === 1) return { page: 'schools' };
    if (parts[0] === 'schools' && parts.length === 2) return { page: 'school', code: parts[1] };
    if (parts[0] === 'statistics' && parts.length <= 2) return { page: 'statistics', table: parts[1] ?? 'table1' };
    if (parts[0] === 'plans' && parts.length === 1) return { page: 'plans' };
    if (parts[0] === 'plans' && /^\d{4}$/.test(parts[1] ?? '') && parts.length <= 3) {
      const part = parts[2] ?? 'document';
      if (part === 'document' || part === 'kpis' || part === 'dashboard' || part === 'edit') return { page: 'plan', year: Number(parts[1]), part };
    }
    if (parts.length === 1 && (parts[0] === 'import' || parts[0] === 'users' || parts[0] === 'audit' || parts[0] === 'password')) {
      return { page: parts[0] };
    }
    return { page: 'not-found', path: '/' + parts.join('/') };
  })();
  return { route, query };
}

export function href(path: string, query?: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  const q = params.toString();
  return '#' + path + (q ? '?' + q : '');
}

import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/600.css';
import './style.css';

import { landingHref, navItems, roleLabels, routeAllowed, canForSchool, can, isSchoolOnly } from './access';
import {
  ALL_PERMISSIONS,
  ApiError,
  getOffice,
  getSession,
  listOffices,
  listSizeSchemes,
  setAuthHandlers,
  signOut,
  type OfficeDetail,
  type Session,
  type SessionOffice,
  type SizeScheme,
} from './api';
import { destroyCharts } from './charts';
import { recall, remember, type AppContext } from './context';
import { append, h, loading, select } from './dom';
import { errorBox } from './errors';
import { latestRound, roundContext } from './format';
import { renderAudit } from './pages/audit';
import { renderImport } from './pages/import';
import { renderOverview } from './pages/overview';
import { renderPassword } from './pages/password';
import { renderPlan } from './pages/plan';
import { renderPlans } from './pages/plans';
import { renderSchool, schoolTitle } from './pages/school';
import { renderSchools } from './pages/schools';
import { renderSignIn } from './pages/signin';
import { renderStatistics } from './pages/statistics';
import { renderUsers } from './pages/users';
import { parseHash, type Route } from './router';

const TITLES: Record<Route['page'], string> = {
  overview: 'ภาพรวม',
  schools: 'โรงเรียนในสังกัด',
  school: 'โรงเรียน',
  statistics: 'สถิติ',
  import: 'นำเข้าข้อมูล',
  users: 'ผู้ใช้',
  audit: 'บันทึกการใช้งาน',
  plans: 'แผน',
  plan: 'แผน',
  password: 'เปลี่ยนรหัสผ่าน',
  'not-found': 'ไม่พบหน้า',
};

const state: {
  session: Session | null;
  /** Whether the offices and size schemes of this session have been fetched. */
  loaded: boolean;
  offices: SessionOffice[];
  schemes: SizeScheme[];
  officeCode: string;
  round: string;
  scheme: string;
  detail: Map<string, OfficeDetail>;
} = { session: null, loaded: false, offices: [], schemes: [], officeCode: '', round: '', scheme: '', detail: new Map() };

const app = document.getElementById('app')!;
const officeName = h('span', { class: 'brand-office' });
const selectors = h('div', { class: 'selectors' });
const userBox = h('div', { class: 'userbox', 'data-testid': 'userbox' });
const navInner = h('div', { class: 'mainnav-inner' });
const nav = h('nav', { class: 'mainnav', 'aria-label': 'เมนูหลัก', 'data-testid': 'mainnav' }, navInner);
const main = h('main', { id: 'main', tabindex: -1 });

app.append(
  h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h('a', { class: 'brand', href: '#/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'ข'), h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, 'Khet ระบบสารสนเทศเขตพื้นที่การศึกษา'), officeName)),
      h('div', { class: 'topbar-tools' }, selectors, userBox),
    ),
    nav,
  ),
  main,
  h('footer', { class: 'footer' }, h('p', null, 'Khet · ระบบสารสนเทศสำนักงานเขตพื้นที่การศึกษา · ที่มาของข้อมูลแต่ละชุดแสดงไว้ที่หน้าภาพรวมและใต้ตารางสถิติ')),
);

/** Forgets everything the last user saw (another user may sign in next). */
function forget(): void {
  state.session = null;
  state.loaded = false;
  state.offices = [];
  state.schemes = [];
  state.officeCode = '';
  state.detail.clear();
}

/** The top bar with nothing of a user: the sign-in and the loading screens. */
function bareShell(): void {
  destroyCharts();
  app.classList.add('bare');
  selectors.replaceChildren();
  userBox.replaceChildren();
  navInner.replaceChildren();
  nav.hidden = true;
  officeName.textContent = '';
}

// Invalidates whatever page is drawing (its late answers must not draw over the new screen).
let renderToken = 0;

function showSignIn(notice?: string): void {
  ++renderToken;
  forget();
  bareShell();
  renderSignIn(main, (session) => start(session), notice);
}

setAuthHandlers({
  unauthenticated() {
    // A call answered 401: the session ran out (or was ended elsewhere). The address stays, so
    // signing in again goes back to the same page.
    if (state.session) showSignIn('หมดเวลาการใช้งานหรือออกจากระบบแล้ว กรุณาเข้าสู่ระบบอีกครั้ง');
  },
  mustChangePassword() {
    // The server says the password must change first (an admin reset it meanwhile): ask again.
    void boot();
  },
});

function drawUser(session: Session, forced: boolean): void {
  app.classList.toggle('bare', forced);
  const roles = roleLabels(session);
  const logout = h('button', { type: 'button', class: 'button button-light', 'data-testid': 'sign-out' }, 'ออกจากระบบ');
  logout.addEventListener('click', () => {
    logout.disabled = true;
    signOut()
      .catch(() => {
        // Gone already, or the server is away: either way this page forgets the session.
      })
      .finally(() => {
        history.replaceState(null, '', location.pathname + location.search + '#/');
        showSignIn();
      });
  });
  userBox.replaceChildren();
  append(userBox, [
    h(
      'div',
      { class: 'user-id' },
      h('span', { class: 'user-name', 'data-testid': 'user-name' }, session.user.display_name || session.user.login),
      h(
        'span',
        { class: 'user-meta' },
        session.user.demo ? h('span', { class: 'badge badge-demo', 'data-testid': 'demo-badge', title: 'บัญชีสำหรับทดลองใช้ระบบด้วยข้อมูลสาธิต' }, 'บัญชีสาธิต') : null,
        h('span', { class: 'user-roles', 'data-testid': 'user-roles' }, roles.join(', ')),
      ),
    ),
    forced ? null : h('a', { class: 'user-link', href: '#/password', 'data-testid': 'change-password-link' }, 'เปลี่ยนรหัสผ่าน'),
    logout,
  ]);
}

/** A new session (just signed in, or found on load): start the app with it. */
function start(session: Session): void {
  forget();
  state.session = session;
  if (session.user.must_change_password) {
    showForcedPassword(session);
    return;
  }
  void render();
}

function showForcedPassword(session: Session): void {
  ++renderToken;
  bareShell();
  drawUser(session, true);
  renderPassword(main, {
    forced: true,
    displayName: session.user.display_name,
    onChanged(next) {
      start(next);
    },
  });
}

async function boot(): Promise<void> {
  const token = ++renderToken;
  bareShell();
  main.replaceChildren(loading('กำลังตรวจสอบการเข้าสู่ระบบ…'));
  try {
    const session = await getSession();
    if (token === renderToken) start(session);
  } catch (error) {
    if (token !== renderToken) return;
    if (error instanceof ApiError && error.status === 401) {
      showSignIn();
      return;
    }
    const retry = h('button', { type: 'button', class: 'button', onclick: () => void boot() }, 'ลองอีกครั้ง');
    main.replaceChildren(errorBox(error, 'ติดต่อระบบไม่ได้'), retry);
  }
}

/** The offices the user may choose: the session's, and for a system admin every office there is. */
async function loadOffices(session: Session): Promise<void> {
  const offices = [...session.offices];
  if (session.system_admin) {
    const all = await listOffices();
    for (const office of all) {
      if (!offices.some((o) => o.code === office.code)) offices.push({ code: office.code, short_name: office.short_name, permissions: [...ALL_PERMISSIONS] });
    }
  }
  state.offices = offices;
  const schemes = await listSizeSchemes().catch((error: unknown) => {
    if (error instanceof ApiError && (error.status === 401 || error.status === 0)) throw error;
    return [] as SizeScheme[];
  });
  state.schemes = schemes;
  if (isSchoolOnly(session)) {
    state.officeCode = session.schools[0].office;
  } else {
    const remembered = recall('office');
    state.officeCode = offices.find((o) => o.code === remembered)?.code ?? offices[0]?.code ?? '';
  }
  state.round = recall('round') ?? '';
  const rememberedScheme = recall('scheme');
  state.scheme = schemes.find((s) => s.code === rememberedScheme)?.code ?? schemes[0]?.code ?? '';
}

async function officeDetail(session: Session): Promise<OfficeDetail> {
  const key = `${state.officeCode}|${state.round}`;
  let detail = state.detail.get(key);
  if (!detail) {
    try {
      detail = await getOffice(state.officeCode, state.round || undefined);
    } catch (error) {
      // A school officer may not read the office's own pages: the school page needs only a little
      // of it (the round is then the server's default, the zones those of the school itself).
      if (!(error instanceof ApiError && error.status === 403 && isSchoolOnly(session))) throw error;
      const school = session.schools[0];
      detail = { code: state.officeCode, name: school.name, short_name: school.name, rounds: [], districts: [], zones: [] };
      state.round = '';
    }
    if (detail.rounds.length && (!state.round || !detail.rounds.includes(state.round))) {
      // The first visit (or a remembered round the office no longer has): take the newest round.
      state.round = latestRound(detail.rounds) ?? detail.summary?.round ?? '';
    }
    state.detail.set(`${state.officeCode}|${state.round}`, detail);
  }
  return detail;
}

/** "2564/2" → "2564/2 (10 พ.ย. 2564)": the round as offices write it, with its census day. */
function roundLabel(round: string): string {
  const context = roundContext(round);
  if (!context) return round;
  const [day, month, year] = context.snapshotDate.split(' ');
  const short: Record<string, string> = { มิถุนายน: 'มิ.ย.', พฤศจิกายน: 'พ.ย.', มีนาคม: 'มี.ค.' };
  return `${round} (${day} ${short[month] ?? month} ${year})`;
}

function drawSelectors(session: Session, detail: OfficeDetail): void {
  const controls: HTMLElement[] = [];
  if (state.offices.length > 1) {
    controls.push(
      h(
        'label',
        null,
        h('span', null, 'สำนักงานเขต'),
        select({ 'data-testid': 'office' }, state.offices.map((o) => [o.code, o.short_name] as const), state.officeCode, (v) => {
          state.officeCode = v;
          state.round = '';
          remember('office', v);
          void render();
        }),
      ),
    );
  }
  const rounds = [...detail.rounds].reverse();
  if (rounds.length === 0 && state.round) rounds.push(state.round);
  if (rounds.length) {
    controls.push(
      h(
        'label',
        null,
        h('span', null, 'รอบข้อมูล'),
        select({ 'data-testid': 'round' }, rounds.map((r) => [r, roundLabel(r)] as const), state.round, (v) => {
          state.round = v;
          remember('round', v);
          void render();
        }),
      ),
    );
  }
  selectors.replaceChildren(...controls);
  officeName.textContent = isSchoolOnly(session) ? session.schools.map((s) => schoolTitle(s.name)).join(', ') : detail.short_name;
}

function drawNav(session: Session, route: Route): void {
  const items = navItems(session, state.officeCode);
  navInner.replaceChildren(
    ...items.map((item) => {
      const current = item.pages.includes(route.page) && (!item.school || (route.page === 'school' && route.code === item.school));
      return h('a', { href: item.href, 'aria-current': current ? 'page' : null, 'data-nav': item.key }, item.label);
    }),
  );
  nav.hidden = items.length === 0;
}

function noAccess(session: Session): HTMLElement {
  const home = landingHref(session, state.officeCode);
  return h(
    'section',
    { class: 'panel no-access', 'data-testid': 'no-access' },
    h('h1', null, 'ไม่มีสิทธิ์เข้าถึงหน้านี้'),
    h('p', null, `บัญชีของคุณ (${roleLabels(session).join(', ') || 'ยังไม่มีบทบาท'}) ไม่มีสิทธิ์เปิดหน้านี้ หากจำเป็นต้องใช้ โปรดติดต่อผู้ดูแลสำนักงานเขตพื้นที่`),
    home ? h('p', null, h('a', { href: home }, 'กลับหน้าแรกของคุณ')) : null,
  );
}

async function render(): Promise<void> {
  const session = state.session;
  if (!session) {
    showSignIn();
    return;
  }
  if (session.user.must_change_password) {
    showForcedPassword(session);
    return;
  }
  const token = ++renderToken;
  const isCurrent = () => token === renderToken;
  let { route, query } = parseHash(location.hash);
  destroyCharts();
  drawUser(session, false);
  main.replaceChildren(loading());
  try {
    if (!state.loaded) {
      await loadOffices(session);
      if (!isCurrent()) return;
      state.loaded = true;
    }
    if (!state.officeCode) {
      nav.hidden = true;
      main.replaceChildren(
        session.system_admin
          ? errorBox('ยังไม่มีสำนักงานเขตพื้นที่ในระบบ ให้ผู้ดูแลนำเข้าข้อมูลก่อน', 'ยังไม่มีข้อมูล')
          : errorBox('บัญชีนี้ยังไม่ได้รับสิทธิ์ในสำนักงานเขตหรือโรงเรียนใด โปรดติดต่อผู้ดูแลระบบ', 'ยังไม่มีสิทธิ์ใช้งาน'),
      );
      return;
    }
    // The address of the start page ("#/") takes the user to their own first page.
    if (route.page === 'overview' && !routeAllowed(session, route, state.officeCode)) {
      const home = landingHref(session, state.officeCode);
      if (home && home !== '#/') {
        history.replaceState(history.state, '', home);
        ({ route, query } = parseHash(home));
      }
    }
    drawNav(session, route);
    if (route.page === 'password') {
      document.title = `${TITLES.password} · Khet`;
      renderPassword(main, {
        forced: false,
        displayName: session.user.display_name,
        onChanged(next) {
          state.session = next;
        },
      });
      return;
    }
    const detail = await officeDetail(session);
    if (!isCurrent()) return;
    drawSelectors(session, detail);
    document.title = `${TITLES[route.page]} · ${detail.short_name} · Khet`;
    if (!routeAllowed(session, route, state.officeCode)) {
      main.replaceChildren(noAccess(session));
      return;
    }
    main.replaceChildren();
    const ctx: AppContext = {
      session,
      offices: state.offices,
      office: detail,
      round: state.round,
      schemes: state.schemes,
      scheme: state.scheme,
      can: (permission) => can(session, permission, state.officeCode),
      canSchool: (permission, school, office) => canForSchool(session, permission, school, office || state.officeCode),
      reload() {
        if (isCurrent()) void render();
      },
      setScheme(code) {
        state.scheme = code;
        remember('scheme', code);
        void render();
      },
      isCurrent,
      query,
      invalidate() {
        state.detail.clear();
      },
      replaceQuery(values) {
        if (!isCurrent()) return;
        const [path] = location.hash.split('?', 1);
        const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
        for (const [key, value] of Object.entries(values)) {
          if (value) params.set(key, value);
          else params.delete(key);
        }
        const q = params.toString();
        history.replaceState(history.state, '', (path || '#/') + (q ? '?' + q : ''));
      },
    };
    switch (route.page) {
      case 'overview':
        await renderOverview(ctx, main);
        break;
      case 'schools':
        await renderSchools(ctx, main);
        break;
      case 'school':
        await renderSchool(ctx, main, route.code);
        break;
      case 'statistics':
        await renderStatistics(ctx, main, route.table);
        break;
      case 'import':
        renderImport(ctx, main);
        break;
      case 'users':
        await renderUsers(ctx, main);
        break;
      case 'audit':
        await renderAudit(ctx, main);
        break;
      case 'plans':
        await renderPlans(ctx, main);
        break;
      case 'plan':
        await renderPlan(ctx, main, route.year, route.part);
        break;
      case 'not-found': {
        const home = landingHref(session, state.officeCode);
        main.append(h('header', { class: 'page-head' }, h('h1', null, 'ไม่พบหน้าที่ต้องการ')), h('p', null, `ไม่มีหน้า ${route.path} `, home ? h('a', { href: home }, 'กลับหน้าแรก') : null));
        break;
      }
    }
  } catch (error) {
    if (!isCurrent()) return;
    const retry = h('button', { type: 'button', class: 'button', onclick: () => void render() }, 'ลองอีกครั้ง');
    main.replaceChildren(errorBox(error), retry);
  }
}

let lastPath = '';
window.addEventListener('hashchange', () => {
  const path = location.hash.split('?')[0];
  // A new path is a new page: start it at the top. (Filters rewrite the query with replaceState,
  // which fires no hashchange.)
  if (path !== lastPath) window.scrollTo(0, 0);
  lastPath = path;
  if (state.session) void render();
});
lastPath = location.hash.split('?')[0];
void boot();

import '@fontsource/sarabun/400.css';
import '@fontsource/sarabun/600.css';
import './style.css';

import { getOffice, listOffices, listSizeSchemes, type Office, type OfficeDetail, type SizeScheme } from './api';
import { destroyCharts } from './charts';
import { recall, remember, type AppContext } from './context';
import { h, loading, select } from './dom';
import { errorBox } from './errors';
import { latestRound, roundContext } from './format';
import { renderImport } from './pages/import';
import { renderOverview } from './pages/overview';
import { renderSchool } from './pages/school';
import { renderSchools } from './pages/schools';
import { renderStatistics } from './pages/statistics';
import { parseHash, type Route } from './router';

const NAV: { page: Route['page'][]; href: string; label: string }[] = [
  { page: ['overview'], href: '#/', label: 'ภาพรวม' },
  { page: ['schools', 'school'], href: '#/schools', label: 'โรงเรียน' },
  { page: ['statistics'], href: '#/statistics/table1', label: 'สถิติ' },
  { page: ['import'], href: '#/import', label: 'นำเข้าข้อมูล' },
];

const TITLES: Record<Route['page'], string> = {
  overview: 'ภาพรวม',
  schools: 'โรงเรียนในสังกัด',
  school: 'โรงเรียน',
  statistics: 'สถิติ',
  import: 'นำเข้าข้อมูล',
  'not-found': 'ไม่พบหน้า',
};

const state: {
  offices: Office[];
  schemes: SizeScheme[];
  officeCode: string;
  round: string;
  scheme: string;
  detail: Map<string, OfficeDetail>;
} = { offices: [], schemes: [], officeCode: '', round: '', scheme: '', detail: new Map() };

const app = document.getElementById('app')!;
const officeName = h('span', { class: 'brand-office' });
const selectors = h('div', { class: 'selectors' });
const navLinks = NAV.map((item) => h('a', { href: item.href }, item.label));
const main = h('main', { id: 'main', tabindex: -1 });

app.append(
  h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h('a', { class: 'brand', href: '#/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'ข'), h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, 'Khet ระบบสารสนเทศเขตพื้นที่การศึกษา'), officeName)),
      selectors,
    ),
    h('nav', { class: 'mainnav', 'aria-label': 'เมนูหลัก' }, h('div', { class: 'mainnav-inner' }, navLinks)),
  ),
  main,
  h('footer', { class: 'footer' }, h('p', null, 'Khet · ระบบสารสนเทศสำนักงานเขตพื้นที่การศึกษา · ที่มาของข้อมูลแต่ละชุดแสดงไว้ที่หน้าภาพรวมและใต้ตารางสถิติ')),
);

async function officeDetail(): Promise<OfficeDetail> {
  const key = `${state.officeCode}|${state.round}`;
  let detail = state.detail.get(key);
  if (!detail) {
    detail = await getOffice(state.officeCode, state.round || undefined);
    if (!state.round || !detail.rounds.includes(state.round)) {
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

function drawSelectors(detail: OfficeDetail): void {
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
  selectors.replaceChildren(...controls);
  officeName.textContent = detail.short_name;
}

let renderToken = 0;

async function render(): Promise<void> {
  const token = ++renderToken;
  const isCurrent = () => token === renderToken;
  const { route, query } = parseHash(location.hash);
  destroyCharts();
  for (const [i, item] of NAV.entries()) {
    if (item.page.includes(route.page)) navLinks[i].setAttribute('aria-current', 'page');
    else navLinks[i].removeAttribute('aria-current');
  }
  main.replaceChildren(loading());
  try {
    if (state.offices.length === 0) {
      const [offices, schemes] = await Promise.all([listOffices(), listSizeSchemes()]);
      state.offices = offices;
      state.schemes = schemes;
      const remembered = recall('office');
      state.officeCode = offices.find((o) => o.code === remembered)?.code ?? offices[0]?.code ?? '';
      state.round = recall('round') ?? '';
      const rememberedScheme = recall('scheme');
      state.scheme = schemes.find((s) => s.code === rememberedScheme)?.code ?? schemes[0]?.code ?? '';
    }
    if (!state.officeCode) {
      main.replaceChildren(errorBox('ยังไม่มีสำนักงานเขตพื้นที่ในระบบ ให้ผู้ดูแลนำเข้าข้อมูลก่อน', 'ยังไม่มีข้อมูล'));
      return;
    }
    const detail = await officeDetail();
    if (!isCurrent()) return;
    drawSelectors(detail);
    document.title = `${TITLES[route.page]} · ${detail.short_name} · Khet`;
    main.replaceChildren();
    const ctx: AppContext = {
      offices: state.offices,
      office: detail,
      round: state.round,
      schemes: state.schemes,
      scheme: state.scheme,
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
      case 'not-found':
        main.append(h('header', { class: 'page-head' }, h('h1', null, 'ไม่พบหน้าที่ต้องการ')), h('p', null, `ไม่มีหน้า ${route.path} `, h('a', { href: '#/' }, 'กลับหน้าภาพรวม')));
        break;
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
  void render();
});
lastPath = location.hash.split('?')[0];
void render();

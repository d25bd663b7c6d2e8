// End-to-end tests of the browser UI against a running `khet serve` (base URL in KHET_URL), whose
// demo accounts are in the JSON file KHET_ACCOUNTS (`khet demo --accounts-file FILE` writes it).
// Drives Debian's chromium through playwright-core from web/node_modules; never downloads a browser.
// Usage: KHET_URL=http://127.0.0.1:8080 KHET_ACCOUNTS=accounts.json node tests/e2e/run.mjs [name-filter]
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const require = createRequire(path.join(repo, 'web', 'package.json'));
const { chromium } = require('playwright-core');

const BASE = (process.env.KHET_URL ?? '').replace(/\/+$/, '');
if (!BASE) {
  console.error('e2e: set KHET_URL to the server, e.g. KHET_URL=http://127.0.0.1:8080');
  process.exit(2);
}
const ACCOUNTS_FILE = process.env.KHET_ACCOUNTS ?? '';
if (!ACCOUNTS_FILE) {
  console.error('e2e: set KHET_ACCOUNTS to the demo accounts file (khet demo --accounts-file FILE)');
  process.exit(2);
}
/** One demo account per role: {login, password, role, office, school, display_name}. */
const ACCOUNTS = JSON.parse(readFileSync(ACCOUNTS_FILE, 'utf8')).accounts;
const SHOTS = path.join(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
for (const name of readdirSync(SHOTS)) if (name.startsWith('failed-')) rmSync(path.join(SHOTS, name));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 15_000;
const THAI_FONTS = ['Sarabun', 'TH Sarabun New', 'Laksaman', 'Noto Sans Thai'];
const only = process.argv[2];

// ---------------------------------------------------------------------------------------------
// A tiny runner: each test gets a fresh page in a fresh context, signed in (through the API) as the
// office admin unless the test says `as: 'role'` or `as: null` (nobody); failures are collected,
// not thrown past the runner.

const tests = [];
const test = (name, fn, options = {}) => tests.push({ name, fn, options: { as: 'office_admin', ...options } });

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, message) {
  if (actual !== expected) throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function api(request, apiPath) {
  const response = await request.get(`${BASE}/api/v1/${apiPath}`);
  assert(response.ok(), `GET /api/v1/${apiPath} answered ${response.status()}`);
  return response.json();
}

/** The demo account of a role (as the accounts file lists it). */
function account(role) {
  const found = ACCOUNTS.find((a) => a.role === role);
  assert(found, `the accounts file has no ${role} account`);
  return found;
}

/** Signs in through the API: the answer's Set-Cookie lands in the context the request belongs to. */
async function signInApi(request, who) {
  const response = await request.post(`${BASE}/api/v1/session`, { data: { login: who.login, password: who.password } });
  assert(response.ok(), `POST /api/v1/session as ${who.login} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

/** A state-changing API call as the signed-in user: the session's CSRF token goes in the header. */
async function apiSend(request, method, apiPath, data) {
  const { csrf_token: csrf } = await api(request, 'session');
  return request.fetch(`${BASE}/api/v1/${apiPath}`, { method, data, headers: { 'X-CSRF-Token': csrf } });
}

async function signInForm(page) {
  const form = page.locator('[data-testid="signin-form"]');
  await form.waitFor({ state: 'visible', timeout: TIMEOUT });
  return form;
}

/** Signs in by filling the form, as a person would. */
async function signInUi(page, login, password) {
  await signInForm(page);
  await page.locator('[data-testid="signin-login"]').fill(login);
  await page.locator('[data-testid="signin-password"]').fill(password);
  await page.locator('[data-testid="signin-submit"]').click();
}

async function navLabels(page) {
  await page.locator('[data-testid="mainnav"] a').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  return page.locator('[data-testid="mainnav"] a').allInnerTexts();
}

/** A Thai date and time with a Buddhist-era year: "23 พ.ย. 2569 10:42 น.". */
const THAI_DATE_TIME = /\d{1,2} (ม\.ค\.|ก\.พ\.|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|ส\.ค\.|ก\.ย\.|ต\.ค\.|พ\.ย\.|ธ\.ค\.) 25\d\d \d\d:\d\d น\./;

/** The office and round the UI opens with: the first office, its newest round. */
async function officeAndRound(request) {
  const { offices } = await api(request, 'offices');
  assert(offices.length > 0, 'the server lists no office');
  const office = await api(request, `offices/${offices[0].code}`);
  const rounds = [...office.rounds].sort((a, b) => a.localeCompare(b));
  const round = rounds.at(-1) ?? office.summary?.round;
  return { office, round };
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function heading(page, text) {
  const h1 = page.locator('main h1');
  await h1.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: TIMEOUT });
  return h1.first();
}

/**
 * Asks chromium which real fonts drew an element's text. Thai drawn as boxes would show a
 * fallback font (or none) here; we want a Thai face with glyphs, and no .notdef tofu.
 */
async function renderedFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    assert(nodeId, `no element ${selector}`);
    // The text node's fonts: an element's own node reports its direct text children.
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts;
  } finally {
    await cdp.detach();
  }
}

async function expectThaiFont(page, selector) {
  await page.evaluate(() => document.fonts.ready);
  const fonts = await renderedFonts(page, selector);
  assert(fonts.length > 0, `${selector}: chromium reports no font for its text`);
  const thai = fonts.filter((f) => THAI_FONTS.some((name) => f.familyName.includes(name)));
  assert(
    thai.reduce((n, f) => n + f.glyphCount, 0) > 0,
    `${selector}: Thai text drawn with ${fonts.map((f) => `${f.familyName}×${f.glyphCount}`).join(', ')}, not a Thai font`,
  );
  return fonts;
}

async function noHorizontalScroll(page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  assert(scroll <= inner + 1, `the page is wider (${scroll}px) than the screen (${inner}px)`);
}

async function rowsOf(page, selector) {
  return page.locator(`${selector} tbody tr`).allInnerTexts();
}

// ---------------------------------------------------------------------------------------------

test('overview shows the office, its figures, the data note, the chart and the warnings', async (page, request) => {
  const { office, round } = await officeAndRound(request);
  await page.goto(`${BASE}/#/`);
  const h1 = await heading(page, 'สำนักงานเขตพื้นที่การศึกษา');
  equal((await h1.innerText()).trim(), office.name, 'the heading is the office name');
  await page.locator('[data-testid="stat-students"] .stat-value').waitFor({ timeout: TIMEOUT });
  const students = await page.locator('[data-testid="stat-students"] .stat-value').innerText();
  assert(/^\d{1,3}(,\d{3})*$/.test(students), `the student count "${students}" has thousands separators`);
  const teacherRatio = await page.locator('[data-testid="stat-teacher-ratio"] .stat-value').innerText();
  assert(/^1:\d+\.\d{2}$/.test(teacherRatio), `the teacher ratio "${teacherRatio}" reads 1:x.xx`);
  if (office.data_note) {
    const note = await page.locator('[data-testid="data-note"]').innerText();
    assert(note.includes('ที่มาของข้อมูล'), 'the data note is titled');
  }
  await page.locator('canvas').first().waitFor({ state: 'visible', timeout: TIMEOUT });
  const roundOptions = await page.locator('[data-testid="round"] option').count();
  equal(roundOptions, Math.max(office.rounds.length, 1), 'the round selector lists the office rounds');
  await page.locator('.warnings, .ok').first().waitFor({ timeout: TIMEOUT });
  const warnings = await page.locator('[data-testid="validation-warnings"] > li').count();
  const { warnings: expected } = await api(request, `offices/${office.code}/validation?round=${encodeURIComponent(round)}`);
  equal(warnings, expected.length, 'every validation warning is listed');
  await expectThaiFont(page, 'main h1');
  await shot(page, 'overview');
});

test('schools: search by name and by code filters the list and the count', async (page, request) => {
  const { office, round } = await officeAndRound(request);
  const { schools } = await api(request, `offices/${office.code}/schools?round=${encodeURIComponent(round)}`);
  assert(schools.length > 1, 'the office has schools');
  await page.goto(`${BASE}/#/schools`);
  await heading(page, 'โรงเรียนในสังกัด');
  await page.locator('[data-testid="schools-table"] tbody tr').first().waitFor({ timeout: TIMEOUT });
  const count = page.locator('[data-testid="school-count"]');
  const all = schools.length.toLocaleString('en-US');
  equal(await count.innerText(), `แสดง ${all} จาก ${all} โรงเรียน`, 'the count before searching');
  equal((await rowsOf(page, '[data-testid="schools-table"]')).length, schools.length, 'every school is listed');
  await expectThaiFont(page, '[data-testid="schools-table"] thead th:nth-child(2)');
  await shot(page, 'schools');

  const target = schools[Math.floor(schools.length / 2)];
  const sameName = schools.filter((s) => s.name.includes(target.name)).length;
  await page.locator('[data-testid="school-search"]').fill(target.name);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="schools-table"] tbody tr').length === n, sameName, { timeout: TIMEOUT });
  const rows = await rowsOf(page, '[data-testid="schools-table"]');
  assert(rows.every((r) => r.includes(target.name)), `every row shown contains "${target.name}"`);
  equal(await count.innerText(), `แสดง ${sameName.toLocaleString('en-US')} จาก ${all} โรงเรียน`, 'the count after searching');
  await shot(page, 'schools-search');

  await page.locator('[data-testid="school-search"]').fill(target.code);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="schools-table"] tbody tr').length === 1, null, { timeout: TIMEOUT });
  assert((await rowsOf(page, '[data-testid="schools-table"]'))[0].includes(target.code), 'the code finds its school');

  await page.locator('[data-testid="school-search"]').fill('ไม่มีโรงเรียนชื่อนี้แน่นอน');
  await page.locator('td.empty').waitFor({ timeout: TIMEOUT });
  equal(await count.innerText(), `แสดง 0 จาก ${all} โรงเรียน`, 'the count of a search that finds nothing');
});

test('schools: district filter and Thai sort by name', async (page, request) => {
  const { office, round } = await officeAndRound(request);
  const { schools } = await api(request, `offices/${office.code}/schools?round=${encodeURIComponent(round)}`);
  const district = schools[0].district;
  const inDistrict = schools.filter((s) => s.district === district).length;
  await page.goto(`${BASE}/#/schools`);
  await page.locator('[data-testid="schools-table"] tbody tr').first().waitFor({ timeout: TIMEOUT });
  await page.locator('[data-testid="filter-district"]').selectOption(district);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="schools-table"] tbody tr').length === n, inDistrict, { timeout: TIMEOUT });
  const names = await page.locator('[data-testid="schools-table"] tbody tr td:nth-child(2) a').allInnerTexts();
  const sorted = [...names].sort(new Intl.Collator('th').compare);
  assert(JSON.stringify(names) === JSON.stringify(sorted), 'names are in Thai order');
  await page.locator('[data-testid="sort"]').selectOption('students-desc');
  const students = (await page.locator('[data-testid="schools-table"] tbody tr td:nth-child(6)').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')) || 0);
  assert(students.every((n, i) => i === 0 || students[i - 1] >= n), 'sorted by students, most first');
});

test('a school page shows codes, enrolment by grade and sex, staff and ratios', async (page, request) => {
  const { office, round } = await officeAndRound(request);
  const { schools } = await api(request, `offices/${office.code}/schools?round=${encodeURIComponent(round)}`);
  const target = schools.find((s) => s.active && (s.students ?? 0) > 0) ?? schools[0];
  await page.goto(`${BASE}/#/schools`);
  await page.locator(`a[href="#/schools/${target.code}"]`).first().click();
  await heading(page, target.name);
  const facts = await page.locator('dl.facts').first().innerText();
  assert(facts.includes(target.code), 'the 10-digit code is shown');
  if (target.smis_code) assert(facts.includes(target.smis_code), 'the SMIS code is shown');
  assert(facts.includes(target.district), 'the district is shown');
  if ((target.students ?? 0) > 0) {
    const total = await page.locator('[data-testid="enrolment"] tr.total').innerText();
    assert(total.includes(target.students.toLocaleString('en-US')), `the enrolment total shows ${target.students}`);
  }
  const ratioText = await page.locator('[data-testid="school-teacher-ratio"]').innerText();
  assert(/^(1:[\d,]+\.\d{2}|–)$/.test(ratioText), `the teacher ratio "${ratioText}" reads 1:x.xx`);
  await expectThaiFont(page, 'main h1');
  await shot(page, 'school');
});

test('statistics table 3 shows คลองเขื่อน with its ratio 1:17.28, and a chart', async (page) => {
  await page.goto(`${BASE}/#/statistics/table3`);
  await heading(page, 'สถิติข้อมูลพื้นฐานการศึกษา');
  const table = page.locator('[data-testid="stat-table"]');
  await table.waitFor({ timeout: TIMEOUT });
  const row = table.locator('tbody tr', { hasText: 'คลองเขื่อน' });
  await row.first().waitFor({ timeout: TIMEOUT });
  const text = await row.first().innerText();
  assert(text.includes('1:17.28'), `the คลองเขื่อน row reads "${text}" and should include 1:17.28`);
  assert((await table.locator('caption').innerText()).startsWith('ตารางที่ 3'), 'the caption is the table 3 caption');
  const totalWeight = await table.locator('tr.total td, tr.total th').first().evaluate((el) => Number(getComputedStyle(el).fontWeight));
  assert(totalWeight >= 600, 'the total row is bold');
  await page.locator('.chart canvas').waitFor({ state: 'visible', timeout: TIMEOUT });
  await expectThaiFont(page, '[data-testid="stat-table"] caption');
  await shot(page, 'statistics-table3');
});

for (const id of ['table1', 'table2', 'table4', 'table6', 'table7', 'table8']) {
  test(`statistics ${id} renders its caption, headers and rows`, async (page) => {
    await page.goto(`${BASE}/#/statistics/${id}`);
    const table = page.locator(`[data-testid="stat-table"][data-table="${id}"]`);
    await table.waitFor({ timeout: TIMEOUT });
    const caption = await table.locator('caption').innerText();
    assert(caption.startsWith(`ตารางที่ ${id.slice(5)}`), `the caption "${caption}" names table ${id.slice(5)}`);
    assert((await table.locator('thead th').count()) > 1, 'the table has headers');
    assert((await table.locator('tbody tr').count()) > 0, 'the table has rows');
    if (id === 'table2') {
      assert((await page.locator('[data-testid="scheme"] option').count()) > 0, 'table 2 offers the size schemes');
    }
    if (id === 'table2' || id === 'table4') await page.locator('.chart canvas').waitFor({ state: 'visible', timeout: TIMEOUT });
    if (id === 'table2') {
      // The chart describes its data in its accessible name; it must be the school counts, not the row numbers.
      const keys = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.dataset.key));
      const cells = await table.locator('tbody tr.body').first().locator('td, th').allInnerTexts();
      const label = cells[keys.indexOf('size_group')];
      const schools = cells[keys.indexOf('schools')];
      const description = await page.locator('.chart canvas').getAttribute('aria-label');
      assert(description.includes(`${label} ${schools}`), `the chart says "${description}", not "${label} ${schools}"`);
    }
    await shot(page, `statistics-${id}`);
  });
}

async function download(page, format) {
  await page.goto(`${BASE}/#/statistics/table3`);
  const link = page.locator(`[data-testid="downloads"] a[data-format="${format}"]`);
  await link.waitFor({ timeout: TIMEOUT });
  const href = await link.evaluate((a) => a.href);
  assert(new URL(href).searchParams.get('format') === format, `the ${format} link asks for format=${format}`);
  const response = await page.request.get(href);
  assert(response.ok(), `${href} answered ${response.status()}`);
  return response.body();
}

test('the PDF download of table 3 is a PDF', async (page) => {
  const body = await download(page, 'pdf');
  equal(body.subarray(0, 4).toString('latin1'), '%PDF', 'the file starts with %PDF');
});

test('the XLSX download is a workbook and the CSV holds the rows', async (page) => {
  const xlsx = await download(page, 'xlsx');
  equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'the XLSX file is a zip');
  const csv = (await download(page, 'csv')).toString('utf8');
  assert(csv.includes('คลองเขื่อน'), 'the CSV has the คลองเขื่อน row in UTF-8');
});

test('import: a census file with -3 boys shows its row errors and imports nothing', async (page, request) => {
  const { office, round } = await officeAndRound(request);
  const { schools } = await api(request, `offices/${office.code}/schools?round=${encodeURIComponent(round)}`);
  const target = schools[0];
  const before = await api(request, `schools/${target.code}?round=${encodeURIComponent(round)}`);

  await page.goto(`${BASE}/#/import`);
  await heading(page, 'นำเข้าข้อมูล');
  await page.locator('[data-testid="import-kind"]').selectOption('census');
  await page.locator('[data-testid="import-round"]').fill(round);
  const csv = `school_code,grade,male,female,rooms\n${target.code},ป.1,-3,4,1\n`;
  await page.locator('[data-testid="import-file"]').setInputFiles({ name: 'census.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const posted = page.waitForRequest((r) => r.url().includes('/imports/census') && r.method() === 'POST');
  await page.locator('[data-testid="import-check"]').click();
  const request1 = await posted;
  const url = new URL(request1.url());
  equal(url.searchParams.get('dry_run'), 'true', 'the first post is a dry run');
  equal(url.searchParams.get('round'), round, 'the round is sent');
  equal(url.searchParams.get('filename'), 'census.csv', 'the file name is sent');
  equal(request1.postData(), csv, 'the body is the file itself, not multipart');

  const errors = page.locator('[data-testid="import-errors"]');
  await errors.waitFor({ timeout: TIMEOUT });
  const rows = await errors.locator('tbody tr').all();
  assert(rows.length >= 1, 'at least one row error is listed');
  const cells = await Promise.all(rows.map((r) => r.locator('td').allInnerTexts()));
  const male = cells.find((c) => c[2] === 'male');
  assert(male, `an error names the column male: ${JSON.stringify(cells)}`);
  equal(male[0], 'census.csv', 'the error names the file');
  equal(male[1], '2', 'the error names row 2 (the header is row 1)');
  assert(male[3].trim().length > 0, 'the error has a message');
  equal(await page.locator('[data-testid="import-confirm"]').count(), 0, 'there is no confirm button for a file with errors');
  await expectThaiFont(page, '[data-testid="import-output"] h2');
  await shot(page, 'import-errors');

  const after = await api(request, `schools/${target.code}?round=${encodeURIComponent(round)}`);
  equal(JSON.stringify(after.enrolment), JSON.stringify(before.enrolment), 'the school enrolment is unchanged');
});

test('import: an EMIS per-school student file is previewed, confirmed, and replaces that school', async (page, request) => {
  const { office, round } = await officeAndRound(request);
  const { schools } = await api(request, `offices/${office.code}/schools?round=${encodeURIComponent(round)}`);
  const target = schools.find((s) => s.active && s.affiliation === 'สพฐ.' && s.students > 0);
  const file = path.resolve(here, '../../../shared/data/emis-samples/1020080005_student.csv');
  const bytes = readFileSync(file);

  await page.goto(`${BASE}/#/import`);
  await heading(page, 'นำเข้าข้อมูล');
  await page.locator('[data-testid="import-kind"]').selectOption('census');
  await page.locator('[data-testid="import-round"]').fill(round);
  await page.locator('[data-testid="import-school"]').fill(target.code);
  await page.locator('[data-testid="import-file"]').setInputFiles({ name: '1020080005_student.csv', mimeType: 'text/csv', buffer: bytes });
  await page.locator('[data-testid="import-check"]').click();
  const confirm = page.locator('[data-testid="import-confirm"]');
  await confirm.waitFor({ timeout: TIMEOUT });
  const preview = await page.locator('[data-testid="import-output"]').innerText();
  assert(preview.includes('EMIS') && preview.includes('ตรวจแถวรวม'), `the preview names the EMIS layout and its checked subtotals: ${preview}`);
  const untouched = await api(request, `schools/${target.code}?round=${encodeURIComponent(round)}`);
  equal(untouched.school.students, target.students, 'the dry run wrote nothing');

  await confirm.click();
  await page.getByText('นำเข้าข้อมูลเรียบร้อยแล้ว').waitFor({ timeout: TIMEOUT });
  const after = await api(request, `schools/${target.code}?round=${encodeURIComponent(round)}`);
  equal(after.school.students, 59, 'the school now holds the file’s 59 students (its รวมทั้งหมด row)');
  equal(after.school.rooms, 8, 'and its 8 rooms');
  await shot(page, 'import-emis-confirmed');
});

test('on a phone the overview, schools and a table fit the screen', async (page) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/#/`);
  await heading(page, 'สำนักงานเขตพื้นที่การศึกษา');
  await page.locator('[data-testid="stat-students"]').waitFor({ timeout: TIMEOUT });
  await page.locator('canvas').first().waitFor({ timeout: TIMEOUT });
  await noHorizontalScroll(page);
  await shot(page, 'phone-overview');
  await page.goto(`${BASE}/#/schools`);
  await page.locator('[data-testid="schools-table"] tbody tr').first().waitFor({ timeout: TIMEOUT });
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(SHOTS, 'phone-schools.png') });
  await page.goto(`${BASE}/#/statistics/table3`);
  await page.locator('[data-testid="stat-table"]').waitFor({ timeout: TIMEOUT });
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(SHOTS, 'phone-statistics.png') });
});

// ---------------------------------------------------------------------------------------------
// Accounts: signing in and out, roles, editing with versions, users, the audit trail.

test('an anonymous visit shows the sign-in page, and signing in returns to the page asked for', async (page) => {
  await page.goto(`${BASE}/#/schools`);
  const form = await signInForm(page);
  const text = await form.innerText();
  for (const words of ['เข้าสู่ระบบ', 'ชื่อผู้ใช้หรืออีเมล', 'รหัสผ่าน']) assert(text.includes(words), `the sign-in form says ${words}`);
  equal(await page.locator('[data-testid="mainnav"] a').count(), 0, 'no menu before signing in');
  equal(await page.locator('[data-testid="sign-out"]').count(), 0, 'no sign-out button before signing in');
  await expectThaiFont(page, '[data-testid="signin-form"] h1');
  await shot(page, 'signin');

  const planner = account('planner');
  await signInUi(page, planner.login, planner.password);
  await heading(page, 'โรงเรียนในสังกัด');
  equal(new URL(page.url()).hash, '#/schools', 'the user is back where they were');
  await page.locator('[data-testid="schools-table"] tbody tr').first().waitFor({ timeout: TIMEOUT });
  equal((await page.locator('[data-testid="user-name"]').innerText()).includes(planner.display_name), true, 'the top bar names the user');
  assert((await page.locator('[data-testid="user-roles"]').innerText()).includes('กลุ่มนโยบายและแผน'), 'the top bar shows the role in Thai');
  await page.locator('[data-testid="demo-badge"]').waitFor({ state: 'visible', timeout: TIMEOUT });
  equal((await page.locator('[data-testid="demo-badge"]').innerText()).trim(), 'บัญชีสาธิต', 'a demo account is marked');
  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
}, { as: null });

test('a wrong password shows the server’s Thai message and signs nobody in', async (page, request) => {
  await page.goto(`${BASE}/#/`);
  await signInUi(page, account('supervisor').login, 'not-the-password-1');
  const error = page.locator('[data-testid="signin-error"]');
  await error.waitFor({ state: 'visible', timeout: TIMEOUT });
  equal(await error.getAttribute('data-status'), '401', 'the server answered 401');
  const message = await error.innerText();
  assert(/[\u0E00-\u0E7F]/.test(message), `the message is in Thai: ${message}`);
  equal(await page.locator('[data-testid="signin-password"]').inputValue(), '', 'the password field is emptied');
  const session = await request.get(`${BASE}/api/v1/session`);
  equal(session.status(), 401, 'GET /api/v1/session without a session');
  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await shot(page, 'phone-signin-error');
}, { as: null });

test('repeated wrong passwords are throttled, and the page shows the server’s Thai message (429)', async (page, request) => {
  // A login of nobody: the server throttles by login, so no real account is locked out.
  const login = `ghost.${Date.now().toString(36)}`;
  let status = 0;
  for (let i = 0; i < 10 && status !== 429; i++) {
    status = (await request.post(`${BASE}/api/v1/session`, { data: { login, password: 'wrong-password-1' } })).status();
  }
  equal(status, 429, 'the server throttles after some failures');
  await page.goto(`${BASE}/#/`);
  await signInUi(page, login, 'wrong-password-1');
  const error = page.locator('[data-testid="signin-error"]');
  await error.waitFor({ state: 'visible', timeout: TIMEOUT });
  equal(await error.getAttribute('data-status'), '429', 'the page got 429');
  assert(/[\u0E00-\u0E7F]/.test(await error.innerText()), 'the message is in Thai');
  await shot(page, 'signin-throttled');
}, { as: null });

/** What each role's menu holds, a page it must not open, and an API call the server must refuse. */
const ROLE_VIEWS = [
  { role: 'system_admin', nav: ['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'นำเข้าข้อมูล', 'ผู้ใช้', 'บันทึกการใช้งาน'] },
  { role: 'office_admin', nav: ['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'นำเข้าข้อมูล', 'ผู้ใช้', 'บันทึกการใช้งาน'] },
  { role: 'planner', nav: ['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'นำเข้าข้อมูล'], page: '#/users', denied: (o) => `users?office=${o}` },
  { role: 'group_staff', nav: ['ภาพรวม', 'แผน', 'สถิติ'], page: '#/schools', denied: (o) => `offices/${o}/schools` },
  { role: 'supervisor', nav: ['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ'], page: '#/import', denied: (o) => `offices/${o}/audit` },
  { role: 'executive', nav: ['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ', 'บันทึกการใช้งาน'], page: '#/users', denied: (o) => `users?office=${o}` },
  { role: 'public', nav: ['ภาพรวม', 'แผน', 'สถิติ'], page: '#/audit', denied: (o) => `offices/${o}/validation` },
  { role: 'school_officer', nav: ['โรงเรียนของฉัน', 'นำเข้าข้อมูล'], page: '#/statistics/table1', denied: (o) => `offices/${o}/schools` },
];

for (const view of ROLE_VIEWS) {
  test(`role ${view.role} sees exactly its menu, and the server refuses what it may not`, async (page, request) => {
    const who = account(view.role);
    const office = who.office || '2402';
    // A system admin sees every office, the plans' offices without census data among them: the
    // demo office is the one with figures.
    if (view.role === 'system_admin') await page.addInitScript(() => localStorage.setItem('khet.ui.office', '2402'));
    await page.goto(`${BASE}/#/`);
    const labels = await navLabels(page);
    equal(JSON.stringify(labels), JSON.stringify(view.nav), `the menu of ${view.role}`);
    assert((await page.locator('[data-testid="user-name"]').innerText()).includes(who.display_name), 'the top bar names the user');
    await page.locator('[data-testid="sign-out"]').waitFor({ state: 'visible', timeout: TIMEOUT });
    if (view.role === 'school_officer') {
      equal(new URL(page.url()).hash, `#/schools/${who.school}`, 'a school officer lands on their school');
      await page.locator('[data-testid="enrolment"], main .panel').first().waitFor({ timeout: TIMEOUT });
      equal(await page.locator('main a[href="#/schools"]').count(), 0, 'no link to the office school list');
      await page.goto(`${BASE}/#/import`);
      await heading(page, 'นำเข้าข้อมูล');
      const school = page.locator('[data-testid="import-school"]');
      equal(await school.inputValue(), who.school, 'the import is for their school');
      equal(await school.getAttribute('readonly'), '', 'and its code cannot be changed');
      // A dry run of an EMIS file for their school goes through (and writes nothing).
      const emis = readFileSync(path.resolve(here, '../../../shared/data/emis-samples/1020080005_student.csv'));
      await page.locator('[data-testid="import-kind"]').selectOption('census');
      await page.locator('[data-testid="import-round"]').fill('2564/2');
      await page.locator('[data-testid="import-file"]').setInputFiles({ name: '1020080005_student.csv', mimeType: 'text/csv', buffer: emis });
      const posted = page.waitForRequest((r) => r.url().includes('/imports/census') && r.method() === 'POST');
      await page.locator('[data-testid="import-check"]').click();
      equal(new URL((await posted).url()).searchParams.get('school'), who.school, 'the import names their school');
      await page.locator('[data-testid="import-confirm"]').waitFor({ timeout: TIMEOUT });
    } else {
      await heading(page, 'สำนักงานเขตพื้นที่การศึกษา');
      await page.locator('[data-testid="stat-students"]').waitFor({ timeout: TIMEOUT });
      const schoolData = view.nav.includes('โรงเรียน');
      equal(await page.locator('[data-testid="validation-warnings"], main .ok').count() > 0 || !schoolData, true, 'readers of school data see the validation result');
      if (!schoolData) equal(await page.locator('main a[href^="#/schools"]').count(), 0, `${view.role} sees no link to school pages`);
    }
    if (view.page) {
      await page.goto(`${BASE}/${view.page}`);
      const denied = page.locator('[data-testid="no-access"]');
      await denied.waitFor({ state: 'visible', timeout: TIMEOUT });
      assert((await denied.innerText()).includes('ไม่มีสิทธิ์เข้าถึงหน้านี้'), 'the page says the user may not see it');
    }
    if (view.denied) {
      const response = await request.get(`${BASE}/api/v1/${view.denied(office)}`);
      equal(response.status(), 403, `GET /api/v1/${view.denied(office)} as ${view.role}`);
      const body = await response.json();
      equal(body.error?.code, 'permission_denied', 'the error code');
    }
    if (view.role === 'public' || view.role === 'executive') await shot(page, `role-${view.role}`);
  }, { as: view.role });
}

/** An active school of the office that the other tests leave alone (the list's last). */
async function schoolToEdit(request) {
  const { office, round } = await officeAndRound(request);
  const { schools } = await api(request, `offices/${office.code}/schools?round=${encodeURIComponent(round)}`);
  const active = schools.filter((s) => s.active);
  return { office, round, school: active.at(-1), other: active.at(-2) };
}

test('two people edit one school: the second gets the conflict explanation and can apply theirs on top', async (page, request, env) => {
  const { school } = await schoolToEdit(request);
  const admin = account('office_admin');
  const before = (await api(request, `schools/${school.code}`)).school;
  assert(Number.isInteger(before.version), `the school has a version: ${JSON.stringify(before.version)}`);

  // Both open the form on the same version.
  await page.goto(`${BASE}/#/schools/${school.code}`);
  await page.locator('[data-testid="school-edit"]').click();
  await page.locator('[data-testid="school-form"]').waitFor({ timeout: TIMEOUT });
  const planner = await env.pageAs('planner');
  await planner.goto(`${BASE}/#/schools/${school.code}`);
  await planner.locator('[data-testid="school-edit"]').click();
  await planner.locator('[data-testid="school-form"]').waitFor({ timeout: TIMEOUT });

  // The office admin saves first.
  const adminName = `${before.name} (ชื่อใหม่)`;
  await page.locator('[data-testid="edit-name"]').fill(adminName);
  await page.locator('[data-testid="edit-save"]').click();
  await page.locator('[data-testid="school-notice"]').waitFor({ timeout: TIMEOUT });
  assert((await page.locator('main h1').innerText()).includes(adminName), 'the page shows the new name');
  const saved = (await api(request, `schools/${school.code}`)).school;
  equal(saved.version, before.version + 1, 'the save made a new version');
  equal(saved.updated_by, admin.display_name, 'the server records who saved');

  // The planner, still on the old version, changes the levels and saves.
  const levels = before.level_span === 'อนุบาล-มัธยมศึกษาตอนต้น' ? 'อนุบาล-ประถมศึกษา' : 'อนุบาล-มัธยมศึกษาตอนต้น';
  await planner.locator('[data-testid="edit-level"]').fill(levels);
  await planner.locator('[data-testid="edit-save"]').click();
  const conflict = planner.locator('[data-testid="conflict"]');
  await conflict.waitFor({ state: 'visible', timeout: TIMEOUT });
  const who = await planner.locator('[data-testid="conflict-who"]').innerText();
  assert(who.includes(admin.display_name), `the conflict names who saved: ${who}`);
  assert(THAI_DATE_TIME.test(who), `the conflict says when, in Thai with a BE year: ${who}`);
  const nameRow = await planner.locator('[data-testid="conflict-table"] tr[data-key="name"]').innerText();
  assert(nameRow.includes(adminName) && nameRow.includes(before.name), `their name beside mine: ${nameRow}`);
  equal(await planner.locator('[data-testid="conflict-table"] tr.changed[data-key="level_span"]').count(), 1, 'the levels differ and are marked');
  await expectThaiFont(planner, '[data-testid="conflict"] strong');
  await shot(planner, 'school-conflict');

  // Mine on top of theirs: the planner's levels, and (from the form) the name the planner had.
  await planner.locator('[data-testid="conflict-apply-mine"]').click();
  await planner.locator('[data-testid="school-notice"]').waitFor({ timeout: TIMEOUT });
  const after = (await api(request, `schools/${school.code}`)).school;
  equal(after.version, before.version + 2, 'the second save is on top of the first');
  equal(after.level_span, levels, 'the planner’s levels are saved');
  equal(after.updated_by, account('planner').display_name, 'and the planner is the last to save');

  // Field errors come back next to their field.
  await page.goto(`${BASE}/#/schools/${school.code}`);
  await page.locator('[data-testid="school-edit"]').click();
  await page.locator('[data-testid="edit-name"]').fill('');
  await page.locator('[data-testid="edit-save"]').click();
  await page.locator('[data-error-for="name"]:not([hidden])').waitFor({ timeout: TIMEOUT });
  // The district is the server's rule (required): its 400 names the field, shown under it.
  await page.locator('[data-testid="edit-name"]').fill(before.name);
  await page.locator('[data-testid="edit-district"]').fill('');
  await page.locator('[data-testid="edit-save"]').click();
  const districtError = page.locator('[data-error-for="district"]:not([hidden])');
  await districtError.waitFor({ timeout: TIMEOUT });
  assert(/[\u0E00-\u0E7F]/.test(await districtError.innerText()), `the server's Thai message is under the district: ${await districtError.innerText()}`);

  // The planner's form still held the old name, so "mine on top" put it back.
  equal(after.name, before.name, 'the name is the planner’s (the one they saw)');
});

test('a stale version sent to the API is refused with 409 and the current school; a save without CSRF is refused', async (page, request) => {
  const { other: school } = await schoolToEdit(request);
  const current = (await api(request, `schools/${school.code}`)).school;
  const body = { version: current.version - 1, name: current.name, district: current.district, zone_code: current.zone_code ?? '', level_span: current.level_span ?? '', active: current.active };
  if (current.version > 0) {
    const stale = await apiSend(request, 'PUT', `schools/${school.code}`, body);
    equal(stale.status(), 409, 'PUT with an old version');
    const error = (await stale.json()).error;
    equal(error.code, 'conflict', 'the error code');
    equal(error.current?.version, current.version, 'error.current is the school as it is now');
  }
  const noCsrf = await request.put(`${BASE}/api/v1/schools/${school.code}`, { data: { ...body, version: current.version } });
  assert(noCsrf.status() === 403, `PUT without X-CSRF-Token answered ${noCsrf.status()}, expected 403`);
  equal((await api(request, `schools/${school.code}`)).school.version, current.version, 'nothing was saved');
});

test('the office admin adds a user, who signs in with the one-time password and must change it first', async (page, request, env) => {
  await page.goto(`${BASE}/#/users`);
  await heading(page, 'ผู้ใช้');
  await page.locator('[data-testid="users-table"] tbody tr').first().waitFor({ timeout: TIMEOUT });
  const rows = await rowsOf(page, '[data-testid="users-table"]');
  assert(rows.some((r) => r.includes(account('planner').login)), 'the office’s users are listed');
  await expectThaiFont(page, '[data-testid="users-table"] thead th:nth-child(3)');
  await shot(page, 'users');
  await page.setViewportSize({ width: 390, height: 844 });
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(SHOTS, 'phone-users.png') });
  await page.setViewportSize({ width: 1280, height: 900 });

  const login = `e2e.${Date.now().toString(36)}`;
  await page.locator('[data-testid="user-login"]').fill(login);
  await page.locator('[data-testid="user-display-name"]').fill('นางสาวทดสอบ ระบบ');
  await page.locator('[data-testid="user-role"]').selectOption('supervisor');
  assert(await page.locator('[data-testid="user-office"]').isVisible(), 'an office role asks for the office');
  assert(!(await page.locator('[data-testid="user-school"]').isVisible()), 'and not for a school');
  await page.locator('[data-testid="user-add"]').click();
  const box = page.locator('[data-testid="otp-box"]');
  await box.waitFor({ state: 'visible', timeout: TIMEOUT });
  assert((await box.innerText()).includes('แสดงเพียงครั้งเดียว'), 'the box says the password is shown once');
  const otp = (await page.locator('[data-testid="one-time-password"]').innerText()).trim();
  assert(otp.length >= 8, `a one-time password is shown: "${otp}"`);
  await page.locator(`[data-testid="users-table"] tr[data-login="${login}"] [data-testid="must-change"]`).waitFor({ timeout: TIMEOUT });
  await shot(page, 'users-one-time-password');

  // The new user signs in, and sees only the change-password page.
  const fresh = await env.pageAs(null);
  await fresh.goto(`${BASE}/#/schools`);
  await signInUi(fresh, login, otp);
  await fresh.locator('[data-testid="password-forced"]').waitFor({ state: 'visible', timeout: TIMEOUT });
  equal(await fresh.locator('[data-testid="mainnav"] a').count(), 0, 'no menu until the password is changed');
  const forbidden = await fresh.request.get(`${BASE}/api/v1/offices/${account('office_admin').office}/schools`);
  equal(forbidden.status(), 403, 'the server refuses everything else until then');
  await fresh.locator('[data-testid="password-current"]').fill(otp);
  await fresh.locator('[data-testid="password-new"]').fill('short');
  await fresh.locator('[data-testid="password-confirm"]').fill('short');
  await fresh.locator('[data-testid="password-submit"]').click();
  await fresh.locator('[data-error-for="new_password"]:not([hidden])').waitFor({ timeout: TIMEOUT });
  const newPassword = 'รหัสใหม่-e2e-2569';
  await fresh.locator('[data-testid="password-new"]').fill(newPassword);
  await fresh.locator('[data-testid="password-confirm"]').fill(newPassword + 'x');
  await fresh.locator('[data-testid="password-submit"]').click();
  await fresh.locator('[data-error-for="confirm_password"]:not([hidden])').waitFor({ timeout: TIMEOUT });
  await shot(fresh, 'password-forced');
  await fresh.locator('[data-testid="password-confirm"]').fill(newPassword);
  await fresh.locator('[data-testid="password-submit"]').click();
  await heading(fresh, 'โรงเรียนในสังกัด');
  equal(JSON.stringify(await navLabels(fresh)), JSON.stringify(['ภาพรวม', 'แผน', 'โรงเรียน', 'สถิติ']), 'a supervisor’s menu');
  const session = await api(fresh.request, 'session');
  equal(session.user.must_change_password, false, 'the session no longer asks for a new password');

  // Changing it again from the top bar: a wrong current password is the server's field error.
  await fresh.locator('[data-testid="change-password-link"]').click();
  await fresh.locator('[data-testid="password-form"]').waitFor({ timeout: TIMEOUT });
  await fresh.locator('[data-testid="password-current"]').fill('not-my-password-1');
  await fresh.locator('[data-testid="password-new"]').fill('อีกรหัสหนึ่ง-2569-e2e');
  await fresh.locator('[data-testid="password-confirm"]').fill('อีกรหัสหนึ่ง-2569-e2e');
  await fresh.locator('[data-testid="password-submit"]').click();
  await fresh.locator('[data-error-for="current_password"]:not([hidden])').waitFor({ timeout: TIMEOUT });
  await fresh.locator('[data-testid="password-current"]').fill(newPassword);
  await fresh.locator('[data-testid="password-submit"]').click();
  await fresh.locator('[data-testid="password-changed"]').waitFor({ timeout: TIMEOUT });
  equal(await fresh.locator('[data-testid="mainnav"] a').count(), 4, 'the menu stays');

  // The admin resets that password: a new one-time password, and the user must change it again.
  const row = page.locator(`[data-testid="users-table"] tr[data-login="${login}"]`);
  await row.locator('[data-testid="reset-password"]').click();
  await row.locator('[data-testid="reset-confirm"]').click();
  await page.locator('[data-testid="one-time-password"]').filter({ hasNotText: otp }).waitFor({ timeout: TIMEOUT });
  await row.locator('[data-testid="must-change"]').waitFor({ timeout: TIMEOUT });
});

test('the audit page shows a school edit with before and after, and exports CSV and XLSX', async (page, request) => {
  const { other: school } = await schoolToEdit(request);
  const admin = account('office_admin');
  const current = (await api(request, `schools/${school.code}`)).school;
  const levels = current.level_span === 'ประถมศึกษา' ? 'อนุบาล-ประถมศึกษา' : 'ประถมศึกษา';
  const put = await apiSend(request, 'PUT', `schools/${school.code}`, { version: current.version, name: current.name, district: current.district, zone_code: current.zone_code ?? '', level_span: levels, active: current.active });
  assert(put.ok(), `PUT /api/v1/schools/${school.code} answered ${put.status()}: ${await put.text()}`);

  await page.goto(`${BASE}/#/audit?action=school.update`);
  await heading(page, 'บันทึกการใช้งาน');
  const row = page.locator(`[data-testid="audit-row"][data-entity-id="${school.code}"]`).first();
  await row.waitFor({ timeout: TIMEOUT });
  const text = await row.innerText();
  assert(THAI_DATE_TIME.test(text), `the time is in Thai with a BE year: ${text}`);
  assert(text.includes(admin.display_name) || text.includes(admin.login), 'the row names who edited');
  assert(text.includes('แก้ไขข้อมูลโรงเรียน'), 'the action is in Thai');
  const change = await row.locator('tr.changed[data-key="level_span"]').first().innerText();
  assert(change.includes(current.level_span || '–') && change.includes(levels), `levels before → after: ${change}`);
  equal(await page.locator('[data-testid="audit-action"]').inputValue(), 'school.update', 'the filter shows in the form');
  await expectThaiFont(page, '[data-testid="audit-table"] thead th:first-child');
  await shot(page, 'audit');

  // The CSV downloads as a file, with the same query.
  const link = page.locator('[data-testid="audit-export-csv"]');
  equal(new URL(await link.evaluate((a) => a.href)).searchParams.get('action'), 'school.update', 'the export keeps the filter');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), link.click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert(csv.includes(school.code), 'the CSV has the edited school');
  assert(/[\u0E00-\u0E7F]/.test(csv.split('\n')[0]), `the CSV header is in Thai: ${csv.split('\n')[0]}`);
  const xlsx = await page.request.get(await page.locator('[data-testid="audit-export-xlsx"]').evaluate((a) => a.href));
  assert(xlsx.ok(), `the XLSX export answered ${xlsx.status()}`);
  assert(/attachment/i.test(xlsx.headers()['content-disposition'] ?? ''), 'the XLSX is an attachment');
  equal((await xlsx.body()).subarray(0, 2).toString('latin1'), 'PK', 'the XLSX file is a zip');

  // Filtering by a user who did nothing empties the list.
  await page.locator('[data-testid="audit-user"]').fill('nobody.at.all');
  await page.locator('[data-testid="audit-search"]').click();
  await page.locator('[data-testid="audit-count"]').filter({ hasText: 'ไม่พบบันทึก' }).waitFor({ timeout: TIMEOUT });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/#/audit?action=school.update`);
  await page.locator('[data-testid="audit-row"]').first().waitFor({ timeout: TIMEOUT });
  await noHorizontalScroll(page);
  await page.screenshot({ path: path.join(SHOTS, 'phone-audit.png') });
});

test('a session that ends while in use brings back the sign-in page, then the same page', async (page, request, env) => {
  await page.goto(`${BASE}/#/schools`);
  await page.locator('[data-testid="schools-table"] tbody tr').first().waitFor({ timeout: TIMEOUT });
  await env.context.clearCookies();
  await page.locator('[data-nav="statistics"]').click();
  await signInForm(page);
  const planner = account('planner');
  await signInUi(page, planner.login, planner.password);
  await page.locator('[data-testid="stat-table"]').waitFor({ timeout: TIMEOUT });
  equal(new URL(page.url()).hash, '#/statistics/table1', 'back on the page the user went to');
}, { as: 'planner' });

test('signing out returns to the sign-in page and ends the session', async (page, request) => {
  await page.goto(`${BASE}/#/statistics/table3`);
  await page.locator('[data-testid="stat-table"]').waitFor({ timeout: TIMEOUT });
  await page.locator('[data-testid="sign-out"]').click();
  await signInForm(page);
  equal(await page.locator('[data-testid="sign-out"]').count(), 0, 'no sign-out button once signed out');
  equal((await request.get(`${BASE}/api/v1/session`)).status(), 401, 'the session is gone on the server');
  await page.goto(`${BASE}/#/schools`);
  await signInForm(page);
}, { as: 'planner' });

// ---------------------------------------------------------------------------------------------
// Plans (issue 4): the seed plans are loaded by tools/e2e as `make run` loads them.

/** Opens a page of office `code` as a system admin (the UI opens the office it remembers). */
async function inOffice(page, code, hash) {
  await page.addInitScript((office) => localStorage.setItem('khet.ui.office', office), code);
  await page.goto(`${BASE}/${hash}`);
}

/** The KPI table's lines (not the strategy headings), as their data-key#row. */
async function kpiLines(page) {
  const table = page.locator('[data-testid="kpi-table"]');
  await table.waitFor({ state: 'visible', timeout: TIMEOUT });
  return table.locator('tbody tr[data-key]');
}

test('the public reads the published plan in order, with its links to frameworks', async (page, request) => {
  await page.goto(`${BASE}/#/`);
  assert((await navLabels(page)).includes('แผน'), 'the menu has แผน');
  await page.goto(`${BASE}/#/plans`);
  const list = page.locator('[data-testid="plan-list"]');
  await list.waitFor({ state: 'visible', timeout: TIMEOUT });
  const years = await list.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-year')));
  equal(JSON.stringify(years), JSON.stringify(['2565', '2563', '2562']), 'the office plans, newest first');
  equal(await page.locator('[data-testid="plan-upload"]').count(), 0, 'the public cannot upload');
  await list.locator('a').first().click();
  await heading(page, 'แผนพัฒนาข้าราชการครู');
  const document = page.locator('[data-testid="plan-document"]');
  await document.waitFor({ state: 'visible', timeout: TIMEOUT });
  const text = await document.innerText();
  const order = ['วิสัยทัศน์', 'พันธกิจ', 'เป้าประสงค์', 'กลยุทธ์ที่ 1', 'กลยุทธ์ที่ 2', 'กลยุทธ์ที่ 3'].map((w) => text.indexOf(w));
  assert(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `the plan reads in order: ${order}`);
  await expectThaiFont(page, '[data-testid="plan-document"] h2');
  equal(await page.locator('nav.tabs a[data-part="edit"]').count(), 0, 'the public sees no editor tab');
  const edit = await apiSend(request, 'POST', 'offices/2402/plans/2565/edits', { version: 1, edit: 'status', status: 'draft' });
  equal(edit.status(), 403, 'the public may not edit');
  await shot(page, 'plan-public');
  const pdf = await request.get(`${BASE}/api/v1/offices/2402/plans/2565/document?format=pdf`);
  equal(pdf.headers()['content-type'], 'application/pdf', 'the plan prints as PDF');
}, { as: 'public' });

test('seed 002’s KPI table shows each status in colour and says why; a result changes it', async (page, request) => {
  await inOffice(page, '9202', '#/plans/2562/kpis');
  const lines = await kpiLines(page);
  equal(await lines.count(), 37, 'seed 002 has 37 KPI lines');
  const first = lines.first();
  assert((await first.innerText()).includes('ศาสตร์พระราชา'), 'the first KPI is seed 002’s KPI 1');
  const badge = first.locator('.kpi-status');
  equal(await badge.getAttribute('data-status'), 'achieved', 'KPI 1 reached 100 of 100 in 2561');
  const colours = await page.locator('[data-testid="status-legend"] span').evaluateAll((spans) => spans.map((s) => getComputedStyle(s).backgroundColor));
  equal(new Set(colours.slice(0, 3)).size, 3, `achieved, close and not achieved have their own colours: ${colours}`);
  await first.locator('details.why summary').click();
  const why = await first.locator('details.why').innerText();
  assert(why.includes('เป้าหมาย') && why.includes('100'), `the reason names the target and result: ${why}`);
  await expectThaiFont(page, '[data-testid="kpi-table"] caption');
  await shot(page, 'plan-kpi-table');

  // The group filter keeps the lines of one group.
  await page.locator('[data-testid="group-filter"]').selectOption('ส่งเสริม');
  const kept = await (await kpiLines(page)).allInnerTexts();
  assert(kept.length > 0 && kept.length < 37, `the filter keeps some lines: ${kept.length}`);

  // A result for 2561 recorded from the table: the line shows it and its status follows.
  await page.locator('[data-testid="group-filter"]').selectOption('');
  await (await kpiLines(page)).first().locator('[data-testid="report-result"]').click();
  const form = page.locator('[data-testid="result-form"]');
  // An empty value is not sent (it would remove the result): the form says what to type.
  let sent = false;
  page.on('request', (r) => {
    if (r.url().includes('/results')) sent = true;
  });
  await form.locator('button[type="submit"]').click();
  await form.locator('.alert-error', { hasText: 'ยังไม่ได้กรอกผล' }).waitFor({ timeout: TIMEOUT });
  equal(sent, false, 'nothing is sent for an empty value');
  await form.locator('[data-testid="result-value"]').fill('60');
  await form.locator('[data-testid="result-evidence"]').fill('รายงานผลการนิเทศ');
  await form.locator('button[type="submit"]').click();
  await page.locator('[data-testid="kpi-table"] tbody tr[data-key="kpi-1"] .kpi-status[data-status="not_achieved"]').waitFor({ timeout: TIMEOUT });
  const plan = await api(request, 'offices/9202/plans/2562?year=2561');
  const line = plan.kpi_table.find((l) => l.key === 'kpi-1');
  equal(line.results.find((r) => r.fiscal_year === 2561 && r.round === 12)?.value, '60', 'the result is stored');
  equal(line.status.name, 'not_achieved', '60 of 100 is not achieved');
}, { as: 'system_admin' });

test('the executives’ dashboard counts the KPIs by status, strategy and group', async (page, request) => {
  await inOffice(page, '9202', '#/plans/2562/dashboard');
  const dashboard = page.locator('[data-testid="plan-dashboard"]');
  await dashboard.waitFor({ state: 'visible', timeout: TIMEOUT });
  const plan = await api(request, 'offices/9202/plans/2562');
  const total = plan.dashboard.total;
  equal(total.total, 37, 'every line counted');
  equal(await dashboard.locator('.stat-card[data-status="achieved"] .stat-value').innerText(), String(total.achieved), 'the achieved card');
  const strategies = await page.locator('[data-testid="tally-strategy"] tbody tr').count();
  equal(strategies, plan.dashboard.by_strategy.length, 'one row per strategy');
  await page.locator('[data-testid="tally-group"]').waitFor({ timeout: TIMEOUT });
  await expectThaiFont(page, '[data-testid="tally-strategy"] tbody th');
  await shot(page, 'plan-dashboard');
}, { as: 'system_admin' });

test('the planner edits the plan: inline text, drag and drop, buttons, a new KPI, publishing', async (page, request) => {
  await page.goto(`${BASE}/#/plans/2565/edit`);
  const editor = page.locator('[data-testid="plan-editor"]');
  await editor.waitFor({ state: 'visible', timeout: TIMEOUT });
  const warnings = await page.locator('[data-testid="alignment-warnings"]').innerText();
  assert(warnings.includes('ยังไม่มีตัวชี้วัด'), `the check lists strategies without KPIs: ${warnings}`);
  const strategies = async () => (await api(request, 'offices/2402/plans/2565')).items.filter((i) => i.kind === 'strategy');
  const before = await strategies();
  const [s1, s2, s3] = before.map((s) => s.key);

  // Drag strategy 3 onto the top half of strategy 1: it becomes strategy 1.
  const row = (key) => editor.locator(`.edit-row[data-key="${key}"]`);
  await row(s3).dragTo(row(s1), { targetPosition: { x: 40, y: 3 } });
  await editor.locator(`.edit-row[data-key="${s3}"] .edit-head`).filter({ hasText: 'กลยุทธ์ที่ 1' }).waitFor({ timeout: TIMEOUT });
  equal(JSON.stringify((await strategies()).map((s) => s.key)), JSON.stringify([s3, s1, s2]), 'the order after the drop');

  // The ↓ button moves it back down one place.
  await row(s3).locator('[data-testid="move-down"]').click();
  await editor.locator(`.edit-row[data-key="${s3}"] .edit-head`).filter({ hasText: 'กลยุทธ์ที่ 2' }).waitFor({ timeout: TIMEOUT });

  // Inline edit of a strategy's text.
  await row(s2).locator('[data-testid="item-text"]').click();
  const input = row(s2).locator('[data-testid="item-text-input"]');
  await input.fill('พัฒนาครูและบุคลากรทางการศึกษาด้วยเทคโนโลยีดิจิทัล');
  await input.press('Enter');
  await row(s2).locator('[data-testid="item-text"]').filter({ hasText: 'ด้วยเทคโนโลยีดิจิทัล' }).waitFor({ timeout: TIMEOUT });

  // A KPI added under strategy 1 (now s3) and given a target.
  await row(s3).locator('[data-testid="add-child"]').click();
  const add = editor.locator('[data-testid="add-form"]');
  await add.locator('[data-testid="add-kind"]').selectOption('kpi');
  await add.locator('[data-testid="add-text"]').fill('ร้อยละของครูที่ใช้สื่อดิจิทัลในการสอน');
  await add.locator('button[type="submit"]').click();
  await editor.locator('.edit-head', { hasText: /^ตัวชี้วัดที่ 1$/ }).waitFor({ timeout: TIMEOUT });
  const kpi = editor.locator('li:has(> .edit-row .edit-head:text-is("ตัวชี้วัดที่ 1")) > details.kpi-settings');
  await kpi.locator('summary').click();
  await kpi.locator('[data-testid="kpi-target"]').fill('80');
  await kpi.locator('[data-testid="kpi-target-set"]').click();
  await kpi.locator('summary', { hasText: 'เป้าหมาย ปี 2565: 80' }).waitFor({ timeout: TIMEOUT });
  // A target that does not fit ร้อยละ is refused with the server's reason.
  await kpi.locator('summary').click();
  await kpi.locator('[data-testid="kpi-target"]').fill('มาก');
  await kpi.locator('[data-testid="kpi-target-set"]').click();
  const message = page.locator('[data-testid="edit-message"] .alert-error');
  await message.waitFor({ timeout: TIMEOUT });
  assert(/[\u0E00-\u0E7F]/.test(await message.innerText()), 'the refusal is in Thai');
  await shot(page, 'plan-editor');

  const plan = await api(request, 'offices/2402/plans/2565');
  const added = plan.kpi_table.find((l) => l.text === 'ร้อยละของครูที่ใช้สื่อดิจิทัลในการสอน');
  equal(added?.targets['2565'], '80', 'the new KPI and its target are stored');
  equal(plan.items.find((i) => i.key === s2).text, 'พัฒนาครูและบุคลากรทางการศึกษาด้วยเทคโนโลยีดิจิทัล', 'the edited text is stored');

  // Back to a draft: the public no longer sees the plan.
  await page.locator('[data-testid="toggle-status"]').click();
  await page.locator('[data-testid="plan-status"]', { hasText: 'ร่าง' }).waitFor({ timeout: TIMEOUT });
  await page.locator('[data-testid="toggle-status"]').click();
  await page.locator('[data-testid="plan-status"]', { hasText: 'เผยแพร่แล้ว' }).waitFor({ timeout: TIMEOUT });
}, { as: 'planner' });

test('the planner gives a KPI a formula, and its result is computed from the census with how', async (page, request) => {
  await page.goto(`${BASE}/#/plans/2565/edit`);
  const editor = page.locator('[data-testid="plan-editor"]');
  await editor.waitFor({ state: 'visible', timeout: TIMEOUT });
  await page.locator('[data-testid="measure-help"] summary').click();
  assert((await page.locator('[data-testid="measure-help"]').innerText()).includes('โรงเรียนขนาดเล็ก'), 'the measures are listed in Thai');
  const settings = editor.locator('li[data-key="kpi-2"] > details.kpi-settings');
  await settings.locator('summary').click();
  // A formula naming an unknown measure is refused with the server's reason.
  await settings.locator('[data-testid="kpi-formula"]').fill('100 * pupils / schools');
  await settings.locator('[data-testid="kpi-formula-set"]').click();
  await page.locator('[data-testid="edit-message"] .alert-error', { hasText: 'ไม่รู้จักข้อมูล' }).waitFor({ timeout: TIMEOUT });
  // A refusal leaves the editor as it was, the settings still open.
  await editor.locator('li[data-key="kpi-2"] > details.kpi-settings [data-testid="kpi-formula"]').fill('100 * small_schools / schools');
  await editor.locator('li[data-key="kpi-2"] > details.kpi-settings [data-testid="kpi-formula-set"]').click();
  // The editor is drawn again from the answer: the error is gone and the summary closed.
  await page.locator('[data-testid="edit-message"] .alert-error').waitFor({ state: 'detached', timeout: TIMEOUT });
  let plan = await api(request, 'offices/2402/plans/2565?year=2565');
  equal(plan.kpi_table.find((l) => l.key === 'kpi-2').formula, '100 * small_schools / schools', 'the formula is stored');

  await page.goto(`${BASE}/#/plans/2565/kpis?year=2565`);
  const line = page.locator('[data-testid="kpi-table"] tbody tr[data-key="kpi-2"]');
  await line.locator('[data-testid="formula-badge"]').waitFor({ timeout: TIMEOUT });
  equal((await line.locator('td').nth(4).innerText()).trim(), '-', 'no result before the computation');
  await page.locator('.compute-panel summary').click();
  await page.locator('[data-testid="compute-round"]').selectOption('12');
  await page.locator('[data-testid="compute-run"]').click();
  const done = page.locator('[data-testid="compute-message"] .alert-ok');
  await done.waitFor({ timeout: TIMEOUT });
  assert((await done.innerText()).includes('คำนวณแล้ว 1 ผล'), `the summary says what was computed: ${await done.innerText()}`);
  plan = await api(request, 'offices/2402/plans/2565?year=2565');
  const stored = plan.kpi_table.find((l) => l.key === 'kpi-2').results.find((r) => r.fiscal_year === 2565 && r.round === 12);
  assert(stored && /^\d+\.\d\d$/.test(stored.value), `a percent with two decimals is stored: ${JSON.stringify(stored)}`);
  equal(stored.formula, '100 * small_schools / schools', 'with the formula it was computed by');
  equal((await page.locator('[data-testid="kpi-table"] tbody tr[data-key="kpi-2"] td').nth(4).innerText()).trim(), stored.value, 'the table shows the stored result');
  await page.locator('[data-testid="kpi-table"] tbody tr[data-key="kpi-2"] details.why summary').click();
  const why = await page.locator('[data-testid="kpi-table"] tbody tr[data-key="kpi-2"] details.why').innerText();
  assert(why.includes('ปีการศึกษา 2564 รอบที่ 2') && why.includes(`= ${stored.value}`), `the reason shows the census round and the working: ${why}`);
  await expectThaiFont(page, '[data-testid="compute-message"] strong');
  await shot(page, 'plan-kpi-computed');

  // Computing again keeps the stored result.
  await page.locator('[data-testid="compute-run"]').click();
  await page.locator('[data-testid="compute-message"] .alert-ok', { hasText: 'คงผลเดิม 1 ผล' }).waitFor({ timeout: TIMEOUT });
}, { as: 'planner' });

test('a plan file with errors is refused with its lines; next year’s plan starts from this one', async (page) => {
  await page.goto(`${BASE}/#/plans`);
  const upload = page.locator('[data-testid="plan-upload"]');
  await upload.waitFor({ state: 'visible', timeout: TIMEOUT });
  const broken = [
    'format: khet-plan/1',
    'office: "2402"',
    'fiscal_year: 2567',
    'title: แผนปฏิบัติการ ประจำปีงบประมาณ 2567',
    'items:',
    '  - strategy: พัฒนาคุณภาพผู้เรียน',
    '    items:',
    '      - kpi: ร้อยละของนักเรียนที่อ่านออก',
    '        targets: {2567: "80"}',
    '      - project: โครงการที่ไม่ใช่รายการของแผน',
    '',
  ].join('\n');
  await upload.locator('[data-testid="plan-file"]').setInputFiles({ name: 'plan-2567.yaml', mimeType: 'application/yaml', buffer: Buffer.from(broken) });
  await upload.locator('[data-testid="plan-check"]').click();
  const errors = upload.locator('[data-testid="import-errors"]');
  await errors.waitFor({ state: 'visible', timeout: TIMEOUT });
  const rows = await errors.locator('tbody tr').allInnerTexts();
  assert(rows.some((r) => r.includes('plan-2567.yaml') && /\b8\b/.test(r) && r.includes('หน่วยนับ')), `the KPI without a unit is named at line 8: ${rows.join(' | ')}`);
  assert(rows.some((r) => /\b10\b/.test(r) && r.includes('project')), `the unknown kind is named at line 10: ${rows.join(' | ')}`);
  equal(await upload.locator('[data-testid="plan-import"]').isDisabled(), true, 'nothing to import');
  await shot(page, 'plan-upload-errors');

  const copy = page.locator('[data-testid="copy-plan"]');
  await copy.locator('[data-testid="copy-from"]').selectOption('2565');
  await copy.locator('[data-testid="copy-to"]').fill('2566');
  await copy.locator('button[type="submit"]').click();
  await page.waitForURL(/#\/plans\/2566\/edit$/, { timeout: TIMEOUT });
  await heading(page, '2566');
  await page.locator('[data-testid="plan-status"]', { hasText: 'ร่าง' }).waitFor({ timeout: TIMEOUT });
}, { as: 'planner' });

// ---------------------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;

/** A fresh browser context (1280 px, Thai, Bangkok time) that reports the page's errors. */
async function newContext(problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok', acceptDownloads: true });
  context.setDefaultTimeout(TIMEOUT);
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console error: ${message.text()}`);
    });
  });
  return context;
}

try {
  for (const { name, fn, options } of tests) {
    if (only && !name.includes(only)) continue;
    const problems = [];
    const contexts = [];
    const context = await newContext(problems);
    contexts.push(context);
    const page = await context.newPage();
    // What a test may ask for besides its page: another user's page in a context of its own.
    const env = {
      browser,
      context,
      async pageAs(role) {
        const other = await newContext(problems);
        contexts.push(other);
        if (role) await signInApi(other.request, account(role));
        return other.newPage();
      },
    };
    const started = Date.now();
    try {
      if (options.as) await signInApi(context.request, account(options.as));
      await fn(page, context.request, env);
      if (problems.length) throw new Error(problems.join('\n'));
      passed += 1;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(error?.message ?? error).split('\n').join('\n  ')}`);
      const failedName = `failed-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`;
      for (const [i, c] of contexts.entries()) {
        for (const [j, p] of c.pages().entries()) {
          await p.screenshot({ path: path.join(SHOTS, `${failedName}${i || j ? `-${i}${j}` : ''}.png`), fullPage: true }).catch(() => {});
        }
      }
    } finally {
      for (const c of contexts) await c.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

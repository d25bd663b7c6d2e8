// End-to-end tests of the browser UI against a running `khet serve` (base URL in KHET_URL).
// Drives Debian's chromium through playwright-core from web/node_modules; never downloads a browser.
// Usage: KHET_URL=http://127.0.0.1:8080 node tests/e2e/run.mjs [name-filter]
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
const SHOTS = path.join(here, 'screenshots');
mkdirSync(SHOTS, { recursive: true });
for (const name of readdirSync(SHOTS)) if (name.startsWith('failed-')) rmSync(path.join(SHOTS, name));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT = 15_000;
const THAI_FONTS = ['Sarabun', 'TH Sarabun New', 'Laksaman', 'Noto Sans Thai'];
const only = process.argv[2];

// ---------------------------------------------------------------------------------------------
// A tiny runner: each test gets a fresh page; failures are collected, not thrown past the runner.

const tests = [];
const test = (name, fn, options = {}) => tests.push({ name, fn, options });

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

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let passed = 0;
let failed = 0;
try {
  for (const { name, fn } of tests) {
    if (only && !name.includes(only)) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'th-TH', timezoneId: 'Asia/Bangkok' });
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console error: ${message.text()}`);
    });
    const started = Date.now();
    try {
      await fn(page, context.request);
      if (problems.length) throw new Error(problems.join('\n'));
      passed += 1;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(error?.message ?? error).split('\n').join('\n  ')}`);
      await page.screenshot({ path: path.join(SHOTS, `failed-${name.replace(/[^\w]+/g, '-').slice(0, 60)}.png`), fullPage: true }).catch(() => {});
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

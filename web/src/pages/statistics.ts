import { getStatistics, statisticsUrl, type StatTable } from '../api';
import { chartFigure } from '../charts';
import type { AppContext } from '../context';
import { field, h, loading, select } from '../dom';
import { errorBox } from '../errors';
import { formatDecimal, formatInteger } from '../format';
import { chartFor, STAT_TABLES } from '../stats';

/** Tables whose grouping depends on the size scheme. */
const SCHEME_TABLES = new Set(['table2']);

export function renderStatTable(table: StatTable): HTMLElement {
  const numeric = table.columns.map((c) => c.kind !== 'text');
  return h(
    'table',
    { class: 'data stat-table', 'data-testid': 'stat-table', 'data-table': table.id },
    h('caption', null, table.caption),
    h('thead', null, h('tr', null, table.columns.map((c, i) => h('th', { scope: 'col', class: numeric[i] ? 'num' : null, 'data-key': c.key }, c.header)))),
    h(
      'tbody',
      null,
      table.rows.map((row) =>
        h(
          'tr',
          { class: row.role },
          row.cells.map((cell, i) => (i === 0 && row.role !== 'body' ? h('th', { scope: 'row' }, cell.text) : h('td', { class: numeric[i] ? 'num' : null }, cell.text))),
        ),
      ),
    ),
  );
}

function downloads(ctx: AppContext, tableId: string, scheme: string | undefined): HTMLElement {
  const link = (format: 'xlsx' | 'csv' | 'pdf', label: string) =>
    h('a', { class: 'button button-secondary', href: statisticsUrl(ctx.office.code, tableId, ctx.round, scheme, format), download: `${ctx.office.code}-${tableId}-${ctx.round.replace('/', '-')}.${format}`, 'data-format': format }, label);
  return h('div', { class: 'downloads', 'data-testid': 'downloads' }, h('span', { class: 'muted' }, 'ดาวน์โหลด:'), link('xlsx', 'Excel (XLSX)'), link('csv', 'CSV'), link('pdf', 'PDF'));
}

export async function renderStatistics(ctx: AppContext, main: HTMLElement, tableId: string): Promise<void> {
  const known = STAT_TABLES.find((t) => t.id === tableId);
  main.append(
    h('header', { class: 'page-head' }, h('p', { class: 'eyebrow' }, ctx.office.short_name), h('h1', null, 'สถิติข้อมูลพื้นฐานการศึกษา'), h('p', { class: 'context-line' }, `รอบข้อมูล ${ctx.round}`)),
    h(
      'nav',
      { class: 'tabs', 'aria-label': 'ตารางสถิติ' },
      STAT_TABLES.map((t) =>
        h('a', { href: `#/statistics/${t.id}`, 'aria-current': t.id === tableId ? 'page' : null }, h('span', { class: 'tab-no' }, `ตารางที่ ${t.id.replace('table', '')}`), ' ', t.label),
      ),
    ),
  );
  if (!known) {
    main.append(errorBox(`ไม่มีตาราง ${tableId}`, 'ไม่พบตารางนี้'));
    return;
  }

  const usesScheme = SCHEME_TABLES.has(tableId);
  const scheme = usesScheme ? ctx.scheme : undefined;
  const toolbar = h('div', { class: 'toolbar' });
  if (usesScheme && ctx.schemes.length) {
    toolbar.append(field('เกณฑ์ขนาดโรงเรียน', select({ 'data-testid': 'scheme' }, ctx.schemes.map((s) => [s.code, s.name] as const), ctx.scheme, (v) => ctx.setScheme(v))));
  }
  toolbar.append(downloads(ctx, tableId, scheme));
  const body = h('div', null, loading());
  main.append(toolbar, body);

  let table: StatTable;
  try {
    table = await getStatistics(ctx.office.code, tableId, ctx.round, scheme);
  } catch (error) {
    if (ctx.isCurrent()) body.replaceChildren(errorBox(error));
    return;
  }
  if (!ctx.isCurrent()) return;

  const spec = chartFor(table);
  const parts: HTMLElement[] = [];
  const tablePanel = h('section', { class: 'panel' }, h('div', { class: 'table-wrap' }, renderStatTable(table)));
  if (spec) {
    const description = spec.labels
      .map((label, i) => `${label} ${spec.series.map((s) => (spec.ratio ? formatDecimal(s.values[i]) : formatInteger(s.values[i]))).join(' / ')}`)
      .join(', ');
    // The table keeps its natural width; the chart takes what is left beside it, or goes below.
    parts.push(h('div', { class: 'grid-stat' }, tablePanel, h('section', { class: 'panel' }, chartFigure(spec, description))));
  } else {
    parts.push(tablePanel);
  }
  const notes = (title: string, lines: string[] | undefined, cls: string) =>
    lines?.length ? h('div', { class: cls }, h('h3', null, title), h('ul', null, lines.map((n) => h('li', null, n)))) : null;
  const about = [notes('หมายเหตุ', table.notes, 'notes'), notes('ที่มาของข้อมูล', table.provenance, 'provenance')].filter((x): x is HTMLDivElement => x !== null);
  if (about.length) parts.push(h('section', { class: 'panel panel-quiet' }, about));
  body.replaceChildren(...parts);
}

// Chart.js with only the pieces the pages use, in the page's Thai font and calm colours.

import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { h } from './dom';
import { formatDecimal, formatInteger, formatRatio } from './format';
import type { ChartSpec } from './stats';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, Tooltip);
Chart.defaults.font.family = '"Sarabun", "TH Sarabun New", "Laksaman", "Noto Sans Thai", sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = '#33404d';
// Charts are drawn once per visit; animation only delays the screenshot and the reader.
Chart.defaults.animation = false;

export const PALETTE = ['#1f5f8b', '#c0862d', '#4e8a5b', '#8a4f7d', '#5d6d7e', '#b5523b', '#3c9aa5', '#7a6a2f'];

const live = new Set<Chart>();

/** Destroys the charts of the page being left, so their canvases and listeners go with it. */
export function destroyCharts(): void {
  for (const chart of live) chart.destroy();
  live.clear();
}

export function chartFigure(spec: ChartSpec, description: string): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': `${spec.title}: ${description}` });
  const figure = h(
    'figure',
    { class: 'chart' + (spec.type === 'doughnut' ? ' chart-round' : '') },
    h('figcaption', null, spec.title),
    h('div', { class: 'chart-box' }, canvas),
  );
  const format = (v: number) => (spec.ratio ? formatDecimal(v) : formatInteger(v));
  const config: ChartConfiguration =
    spec.type === 'doughnut'
      ? {
          type: 'doughnut',
          data: {
            labels: spec.labels,
            datasets: spec.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: PALETTE, borderColor: '#fff' })),
          },
          options: {
            maintainAspectRatio: false,
            plugins: {
              legend: { position: 'bottom' },
              tooltip: { callbacks: { label: (c) => `${c.label}: ${formatInteger(c.parsed as number)} โรงเรียน` } },
            },
          },
        }
      : {
          type: 'bar',
          data: {
            labels: spec.labels,
            datasets: spec.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length], borderRadius: 3 })),
          },
          options: {
            maintainAspectRatio: false,
            indexAxis: spec.horizontal ? 'y' : 'x',
            scales: {
              [spec.horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { callback: (v) => format(Number(v)) } },
            },
            plugins: {
              legend: { display: spec.series.length > 1, position: 'bottom' },
              tooltip: {
                callbacks: {
                  label: (c) => {
                    const v = (spec.horizontal ? c.parsed.x : c.parsed.y) as number;
                    return `${c.dataset.label}: ${spec.ratio ? formatRatio(v) : formatInteger(v)}`;
                  },
                },
              },
            },
          },
        };
  // Chart.js waits for a detached canvas to be attached before it measures and draws.
  const chart = new Chart(canvas, config);
  live.add(chart);
  // A canvas keeps the font it was drawn with: draw again once the page's Thai font has arrived.
  void document.fonts?.ready.then(() => {
    if (live.has(chart)) chart.update('none');
  });
  return figure;
}

/**
 * Reading the browser dashboard (local/dashboard) as a user sees it, and what the metric store
 * says the same panels should show, computed independently of the page's own data endpoint.
 */
import type { Page } from 'playwright-core';
import { resolvePeriods, type DashboardQuery, type SingleValuePanel } from '../../lib/catalog/dashboard';
import { evaluateExpression } from '../../local/alarms';
import type { MetricStore } from '../../local/metrics';

/** A panel card on the page. */
export interface ShownPanel {
  readonly id: string;
  readonly title: string;
  readonly view: string;
  /** Canvas elements ECharts drew in the card. */
  readonly canvases: number;
  readonly note: string;
}

/** A single value as shown: the text, and the value and period start the page drew it from. */
export interface ShownValue {
  readonly text: string;
  readonly value: number | undefined;
  readonly time: number | undefined;
}

type DashboardWindow = { __dashboardRendered?: number; __dashboardUpdates: number; DashboardFormat: { value(value: number, unit: string): string } };

/** Opens `url` and waits until every panel has drawn its first data; returns the milliseconds from navigation start. */
export async function openDashboard(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as DashboardWindow).__dashboardRendered !== undefined, null, { timeout: 30_000 });
  return page.evaluate(() => (globalThis as unknown as DashboardWindow).__dashboardRendered as number);
}

/** Waits for a live update that drew the store as of `version` (or later), without reloading. */
export async function waitForStoreVersion(page: Page, version: number, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction((wanted) => Number((globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.storeVersion) >= wanted, version, {
    timeout: timeoutMs,
  });
}

/** The panel cards, in page order. */
export function shownPanels(page: Page): Promise<ShownPanel[]> {
  return page.$$eval('section.panel', (cards) =>
    cards.map((card) => ({
      id: card.getAttribute('data-panel-id') ?? '',
      title: card.querySelector('h2')?.textContent ?? '',
      view: card.getAttribute('data-view') ?? '',
      canvases: card.querySelectorAll('canvas').length,
      note: card.querySelector('.panel-note')?.textContent ?? '',
    })),
  );
}

/** The single value of panel `id`. */
export async function shownValue(page: Page, id: string): Promise<ShownValue> {
  return page.$eval(`section[data-panel-id="${id}"] .single-value`, (node) => {
    const data = (node as unknown as { dataset: Record<string, string> }).dataset;
    return { text: node.textContent ?? '', value: data.value ? Number(data.value) : undefined, time: data.time ? Number(data.time) : undefined };
  });
}

/** How the page writes `value` in `unit` (its own formatter). */
export function formatted(page: Page, value: number, unit: string): Promise<string> {
  return page.evaluate(([v, u]) => (globalThis as unknown as DashboardWindow).DashboardFormat.value(v, u), [value, unit] as [number, string]);
}

/**
 * What the metric store computes for the panel's query in the one period starting at `time`:
 * `MetricStore.query` for a metric, the local metric math over the store's values for an
 * expression (`PERIOD(id)` as the period in seconds).
 */
export function storeValue(store: MetricStore, panel: SingleValuePanel, time: number): number | undefined {
  const query: DashboardQuery = panel.queries[0];
  const range = { end: time + query.periodSeconds * 1000, periodSeconds: query.periodSeconds, count: 1 };
  if (query.kind === 'metric') return store.query(query, range)[0];
  if (query.kind === 'expression') {
    const inputs = Object.fromEntries(Object.entries(query.metrics).map(([id, ref]) => [id, store.query(ref, range)]));
    return evaluateExpression(resolvePeriods(query.expression, query.periodSeconds), inputs)[0];
  }
  throw new Error(`single-value panel ${panel.id} has a search query, which has no single value`);
}

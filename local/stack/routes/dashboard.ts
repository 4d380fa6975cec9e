import type { ServerResponse } from 'node:http';
import { panelsOf } from '../../../lib/catalog/dashboard/expressions';
import type { DashboardDefinition } from '../../../lib/catalog/dashboard/types';
import { dashboardAsset } from '../../dashboard/assets';
import { dashboardPage } from '../../dashboard/page';
import { dashboardData } from '../../dashboard/panel-data';
import { queryRefs } from '../../dashboard/query-lines';
import { parseStatistic } from '../../metrics';
import type { LocalRoute } from './index';
import type { LocalStackView } from './view';

/** The path of the dashboard page. */
export const DASHBOARD_PATH = '/dashboard';
/** How often the page asks for new data. */
export const DASHBOARD_POLL_SECONDS = 5;
/** The longest range the page shows: the local metric store keeps one day. */
export const MAX_RANGE_HOURS = 24;

/**
 * `/dashboard`: every panel of the dashboard definition drawn in the browser from the local
 * metric store, the alarm states and the recent alerts, updating every few seconds.
 * `/dashboard/data.json` is what the page polls; `?hours=N` (1–24) sets the range of both.
 * Apache ECharts and the page's script are served from here: the page works offline.
 */
export function dashboardRoute(view: LocalStackView): LocalRoute {
  if (view.dashboard) keepRawValuesForPercentiles(view, view.dashboard);
  return {
    paths: [`${DASHBOARD_PATH}/`],
    serve: (request, response) => {
      const url = new URL(request.url ?? '/', 'http://local');
      const name = url.pathname.slice(DASHBOARD_PATH.length).replace(/^\/+/, '');
      if (name !== '' && name !== 'data.json') return serveAsset(name, response);
      if (!view.dashboard) return send(response, 404, 'text/plain; charset=utf-8', 'this local stack has no dashboard definition');
      const hours = rangeHours(url.searchParams.get('hours'), view.dashboard);
      if (typeof hours === 'string') return send(response, 400, 'text/plain; charset=utf-8', hours);
      if (name === 'data.json') return serveData(view, view.dashboard, hours, response);
      return send(response, 200, 'text/html; charset=utf-8', page(view.dashboard, hours, url));
    },
  };
}

function page(definition: DashboardDefinition, hours: number, url: URL): string {
  const query = url.searchParams.has('hours') ? `?hours=${hours}` : '';
  return dashboardPage({
    title: `${definition.name} (local)`,
    panels: panelsOf(definition).map((panel) => ({ id: panel.id, title: panel.title, view: panel.view, width: panel.width })),
    dataUrl: `${DASHBOARD_PATH}/data.json${query}`,
    pollSeconds: DASHBOARD_POLL_SECONDS,
  });
}

async function serveData(view: LocalStackView, definition: DashboardDefinition, hours: number, response: ServerResponse): Promise<void> {
  const data = await dashboardData(definition, view, Date.now(), hours * 3600);
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(data), 'no-store');
}

async function serveAsset(name: string, response: ServerResponse): Promise<void> {
  const reading = dashboardAsset(name);
  if (!reading) return send(response, 404, 'text/plain; charset=utf-8', `no dashboard file ${JSON.stringify(name)}`);
  const asset = await reading;
  response.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length, 'cache-control': 'no-cache' });
  response.end(asset.body);
}

/** The range asked for, in hours, or the message saying what is wrong with it. */
export function rangeHours(raw: string | null, definition: DashboardDefinition): number | string {
  if (raw === null || raw.trim() === '') return Math.min(MAX_RANGE_HOURS, Math.max(1, Math.round(definition.defaultRangeSeconds / 3600)));
  const hours = Number(raw);
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_RANGE_HOURS) return `hours must be a whole number from 1 to ${MAX_RANGE_HOURS}, got ${JSON.stringify(raw)}`;
  return hours;
}

function send(response: ServerResponse, status: number, contentType: string, body: string, cache = 'no-cache'): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': cache });
  response.end(body);
}

/** Percentile panels need the raw values of their metric, which the store keeps only for the metrics it is told. */
function keepRawValuesForPercentiles(view: LocalStackView, definition: DashboardDefinition): void {
  for (const panel of panelsOf(definition)) {
    if (!('queries' in panel)) continue;
    for (const query of panel.queries) {
      for (const ref of queryRefs(query)) {
        if (parseStatistic(ref.statistic).kind === 'percentile' && !view.store.keepsRawValues(ref.metricName)) view.store.retainRawValues(ref.metricName);
      }
    }
  }
}

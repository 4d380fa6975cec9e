import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { echartsBundle } from './echarts-bundle';

/** A file the dashboard page loads, served by the local stack itself (the page works offline). */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const CLIENT_DIR = join(__dirname, 'client');
const SCRIPT = 'text/javascript; charset=utf-8';

/** The files under `/dashboard/`, by name: Apache ECharts bundled from node_modules, the page's own script and styles. */
const ASSET_FILES: Readonly<Record<string, { readonly read: () => Promise<Buffer>; readonly contentType: string }>> = {
  'echarts.js': { read: echartsBundle, contentType: SCRIPT },
  'renderers.js': { read: () => readFile(join(CLIENT_DIR, 'renderers.js')), contentType: SCRIPT },
  'dashboard.js': { read: () => readFile(join(CLIENT_DIR, 'dashboard.js')), contentType: SCRIPT },
  'dashboard.css': { read: () => readFile(join(CLIENT_DIR, 'dashboard.css')), contentType: 'text/css; charset=utf-8' },
};

/** The script files in the order the page loads them. */
export const DASHBOARD_SCRIPTS = ['echarts.js', 'renderers.js', 'dashboard.js'] as const;

const cache = new Map<string, Promise<DashboardAsset>>();

/** The asset called `name`, read once; undefined for a name the dashboard does not serve. */
export function dashboardAsset(name: string): Promise<DashboardAsset> | undefined {
  const file = Object.hasOwn(ASSET_FILES, name) ? ASSET_FILES[name] : undefined;
  if (!file) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    asset = file.read().then((body) => ({ contentType: file.contentType, body }));
    asset.catch(() => cache.delete(name));
    cache.set(name, asset);
  }
  return asset;
}

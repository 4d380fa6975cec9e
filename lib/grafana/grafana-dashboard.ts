/**
 * The dashboard definition as a Grafana dashboard for Grafana's CloudWatch data source (Amazon
 * Managed Grafana or any Grafana with the CloudWatch plugin). Import the JSON, pick the
 * CloudWatch data source in the `datasource` variable and the region in `region`.
 */
import { panelsOf, type DashboardDefinition } from '../catalog/dashboard';
import type { GrafanaDashboardJson, GrafanaPanelJson } from './grafana-json';

type VariableJson = NonNullable<NonNullable<GrafanaDashboardJson['templating']>['list']>[number];
import { grafanaPanel } from './grafana-panels';

/** A textbox variable of the dashboard, e.g. a Lambda function name that queries name `$agent_function`. */
export interface GrafanaTextVariable {
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly description: string;
}

export interface GrafanaDashboardOptions {
  /** Textbox variables that the definition's dimension values name (`$name`). @default none */
  readonly variables?: readonly GrafanaTextVariable[];
  /** The region the `region` variable starts at. @default 'default' (the data source's default region) */
  readonly region?: string;
}

/** The schema version of Grafana 10.4 (Amazon Managed Grafana's): newer Grafanas migrate it on load. */
const SCHEMA_VERSION = 39;
const GRID_COLUMNS = 24;

/**
 * The Grafana dashboard JSON of a definition, panels laid out as the definition's rows.
 *
 * @example
 * const json = grafanaDashboard(dashboardDefinition({ serviceName: 'support-bot' }));
 * writeFileSync('dashboard.json', JSON.stringify(json, null, 2));
 */
export function grafanaDashboard(definition: DashboardDefinition, options: GrafanaDashboardOptions = {}): GrafanaDashboardJson {
  return {
    uid: uidOf(definition.name),
    title: definition.name,
    description: `LLM agent monitoring of service ${definition.serviceName} (namespace ${definition.namespace}), from the agent-monitoring kit's dashboard definition.`,
    tags: ['agent-monitoring', definition.serviceName],
    editable: true,
    graphTooltip: 1,
    schemaVersion: SCHEMA_VERSION,
    time: { from: `now-${Math.round(definition.defaultRangeSeconds / 60)}m`, to: 'now' },
    refresh: '1m',
    templating: { list: [datasourceVariable(), regionVariable(options.region ?? 'default'), ...(options.variables ?? []).map(textVariable)] },
    annotations: { list: [] },
    panels: layout(definition),
  };
}

/** Panels left to right in each row, a row starting below the tallest panel of the previous one. */
function layout(definition: DashboardDefinition): GrafanaPanelJson[] {
  const prefix = `${definition.serviceName}-`;
  const panels: GrafanaPanelJson[] = [];
  let y = 0;
  for (const row of definition.rows) {
    let x = 0;
    let rowHeight = 0;
    for (const panel of row.panels) {
      if (x + panel.width > GRID_COLUMNS) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      panels.push(grafanaPanel(panel, { id: panels.length + 1, x, y }, prefix));
      x += panel.width;
      rowHeight = Math.max(rowHeight, panel.height);
    }
    y += rowHeight;
  }
  if (panels.length !== panelsOf(definition).length) throw new Error('grafanaDashboard: a panel of the definition was not laid out');
  return panels;
}

function datasourceVariable(): VariableJson {
  return {
    name: 'datasource',
    label: 'CloudWatch data source',
    type: 'datasource',
    query: 'cloudwatch',
    description: "The CloudWatch data source to read from (the account and credentials of the agent's stack).",
    hide: 0,
    refresh: 1,
    options: [],
  };
}

function regionVariable(region: string): VariableJson {
  return {
    name: 'region',
    label: 'Region',
    type: 'query',
    datasource: { type: 'cloudwatch', uid: '${datasource}' },
    query: 'regions()',
    description: "The AWS region of the agent's stack; `default` is the data source's default region.",
    current: { text: region, value: region },
    hide: 0,
    refresh: 1,
    options: [],
  };
}

function textVariable(variable: GrafanaTextVariable): VariableJson {
  return {
    name: variable.name,
    label: variable.label,
    type: 'textbox',
    query: variable.value,
    description: variable.description,
    current: { text: variable.value, value: variable.value },
    hide: 0,
    options: [],
  };
}

/** Grafana uids are at most 40 characters of letters, digits, `-` and `_`. */
function uidOf(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
}

/**
 * Checks a Grafana dashboard JSON against Grafana's published types (@grafana/schema): writes it
 * as object literals into a TypeScript file in a temp folder and type-checks that file with the
 * TypeScript compiler, strict, so that a misspelt, misplaced or mistyped field is reported
 * (excess-property checks apply to object literals). Besides `Dashboard`, whose panels leave
 * `targets` and `options` open, each query is checked as a CloudWatch query and each panel's
 * options and field config as its panel plugin's (stat, timeseries, text).
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA = '@grafana/schema/dist/types/raw/composable';

interface PanelJson {
  readonly type?: string;
  readonly targets?: readonly unknown[];
  readonly options?: unknown;
  readonly fieldConfig?: { readonly defaults?: { readonly custom?: unknown } };
}

function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function source(dashboard: { readonly panels?: readonly PanelJson[] }): string {
  const panels = dashboard.panels ?? [];
  const ofType = (type: string) => panels.filter((panel) => panel.type === type);
  return [
    `import type { Dashboard } from '@grafana/schema';`,
    `import type { CloudWatchMetricsQuery } from '${SCHEMA}/cloudwatch/dataquery/x/types.gen';`,
    `import type { Options as StatOptions } from '${SCHEMA}/stat/panelcfg/x/types.gen';`,
    `import type { Options as TextOptions } from '${SCHEMA}/text/panelcfg/x/types.gen';`,
    `import type { FieldConfig as TimeSeriesFieldConfig, Options as TimeSeriesOptions } from '${SCHEMA}/timeseries/panelcfg/x/types.gen';`,
    `import type { GrafanaJson } from ${JSON.stringify(path.join(ROOT, 'lib', 'grafana', 'grafana-json'))};`,
    `export const dashboard: GrafanaJson<Dashboard> = ${literal(dashboard)};`,
    `export const targets: GrafanaJson<CloudWatchMetricsQuery>[] = ${literal(panels.flatMap((panel) => panel.targets ?? []))};`,
    `export const statOptions: GrafanaJson<StatOptions>[] = ${literal(ofType('stat').map((panel) => panel.options))};`,
    `export const timeseriesOptions: GrafanaJson<TimeSeriesOptions>[] = ${literal(ofType('timeseries').map((panel) => panel.options))};`,
    `export const timeseriesFieldConfig: GrafanaJson<TimeSeriesFieldConfig>[] = ${literal(ofType('timeseries').map((panel) => panel.fieldConfig?.defaults?.custom))};`,
    `export const textOptions: GrafanaJson<TextOptions>[] = ${literal(ofType('text').map((panel) => panel.options))};`,
    '',
  ].join('\n');
}

/** The compiler's messages for the dashboard, `line: message` (0 for a dashboard Grafana's types accept). */
export function grafanaSchemaDiagnostics(dashboard: { readonly panels?: readonly PanelJson[] }): string[] {
  const folder = mkdtempSync(path.join(tmpdir(), 'grafana-schema-'));
  try {
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
    const file = path.join(folder, 'dashboard.ts');
    writeFileSync(file, source(dashboard));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      skipLibCheck: true,
      types: [],
    });
    return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      if (!diagnostic.file || diagnostic.start === undefined) return message;
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      return `${path.basename(diagnostic.file.fileName)}:${line + 1}: ${message}`;
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Grafana's published types (@grafana/schema) as the JSON a dashboard file holds. The types
 * declare some string fields as TypeScript string enums (`FieldColorModeId`, `ThresholdsMode`,
 * `BigValueColorMode`...), which a JSON string can never be; `GrafanaJson<T>` is `T` with each
 * enum replaced by the union of its values, everything else (names, optionality, nesting)
 * unchanged, so excess-property and type checks still apply.
 */
import type { Dashboard } from '@grafana/schema';
import type { CloudWatchMetricsQuery } from '@grafana/schema/dist/types/raw/composable/cloudwatch/dataquery/x/types.gen';
import type { Options as StatOptions } from '@grafana/schema/dist/types/raw/composable/stat/panelcfg/x/types.gen';
import type { Options as TextOptions } from '@grafana/schema/dist/types/raw/composable/text/panelcfg/x/types.gen';
import type { FieldConfig as TimeSeriesFieldConfig, Options as TimeSeriesOptions } from '@grafana/schema/dist/types/raw/composable/timeseries/panelcfg/x/types.gen';

export type GrafanaJson<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends readonly (infer Item)[]
      ? GrafanaJson<Item>[]
      : T extends object
        ? { [Key in keyof T]: GrafanaJson<T[Key]> }
        : T;

export type GrafanaDashboardJson = GrafanaJson<Dashboard>;
export type GrafanaPanelJson = NonNullable<GrafanaDashboardJson['panels']>[number];
export type CloudWatchQueryJson = GrafanaJson<CloudWatchMetricsQuery>;
export type StatOptionsJson = GrafanaJson<StatOptions>;
export type TextOptionsJson = GrafanaJson<TextOptions>;
export type TimeSeriesOptionsJson = GrafanaJson<TimeSeriesOptions>;
export type TimeSeriesFieldConfigJson = GrafanaJson<TimeSeriesFieldConfig>;

/** The data source every panel and query names: the dashboard's `datasource` variable. */
export const CLOUDWATCH_DATASOURCE = { type: 'cloudwatch', uid: '${datasource}' } as const;
/** The region every query reads: the dashboard's `region` variable. */
export const REGION_VARIABLE = '$region';

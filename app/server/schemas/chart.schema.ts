import { Type, type Static } from '@sinclair/typebox';
import { Chart, ChartData, ChartEncoding, ChartSource, ChartTypeSchema } from '../charts/chart-spec';
import { Timestamp } from './common.schema';

/** The chart shapes themselves (Chart, CreateChartBody, ...) are defined in charts/chart-spec.ts. */
export { Chart, CreateChartBody, DashboardOrderBody, UpdateChartBody } from '../charts/chart-spec';

export const ChartList = Type.Object({ items: Type.Array(Chart, { description: 'In dashboard order' }) }, { title: 'ChartList' });
export type ChartList = Static<typeof ChartList>;

/** What the builder's live preview sends: a chart's spec, not saved. */
export const PreviewChartBody = Type.Object(
  { source: ChartSource, type: ChartTypeSchema, encoding: ChartEncoding },
  { additionalProperties: false, title: 'PreviewChartBody' },
);
export type PreviewChartBody = Static<typeof PreviewChartBody>;

export const ChartDataResponse = Type.Object(
  {
    ...ChartData.properties,
    sourceVersion: Type.String({
      description:
        'The dataset versions the data was computed from, "<datasetId>@<version>" by dataset id, joined by commas ("" for a query that reads no dataset)',
    }),
    computedAt: Timestamp,
  },
  { title: 'ChartDataResponse' },
);
export type ChartDataResponse = Static<typeof ChartDataResponse>;

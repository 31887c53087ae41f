import { createHash } from 'node:crypto';
import type { ChartSource, ChartSpec } from '../charts/chart-spec';
import type { SourceColumn } from '../charts/column-kinds';
import { quoteIdentifier, relationSql } from '../charts/sql-identifiers';
import type { AppContext } from '../context';
import type { DatasetColumn } from '../data-engine/column-types';
import type { DatasetReadSpec } from '../data-engine/dataset-read-spec';
import type { QueryableDataset } from '../data-engine/query-engine';
import { badRequest } from '../errors';
import { findDatasetById } from '../repositories/dataset-repository';
import { listCurrentVersionsOfProject } from '../repositories/dataset-version-repository';
import type { Executor } from '../repositories/executor';
import type { ChartDataKey } from './chart-data-cache';

/** A ready managed dataset of the project at its current version, as a chart source reads it. */
export interface ProjectDataset extends QueryableDataset {
  readonly datasetId: number;
  readonly version: number;
  readonly columns: readonly DatasetColumn[];
}

/**
 * A chart's source made concrete: the rows to select from (SQL over the project's datasets,
 * named as tables), every dataset of the project for the query engine, and the datasets the
 * source reads, whose versions the data depends on.
 */
export interface ResolvedSource {
  readonly projectId: number;
  readonly relation: string;
  readonly datasets: readonly ProjectDataset[];
  readonly reads: readonly ProjectDataset[];
  /** Known without running anything for a dataset; a query's are found by running it with LIMIT 0. */
  readonly columns?: readonly SourceColumn[];
}

export async function projectDatasets(ctx: AppContext, db: Executor, projectId: number): Promise<ProjectDataset[]> {
  const rows = await listCurrentVersionsOfProject(db, projectId);
  return rows.map((row) => ({
    name: row.name,
    datasetId: row.dataset_id,
    version: row.version,
    readSpec: JSON.parse(row.read_spec) as DatasetReadSpec,
    columns: (JSON.parse(row.schema_json) as { columns: DatasetColumn[] }).columns,
    openFile: () => ctx.storage.localFile(row.storage_key),
  }));
}

/** The datasets a source reads, found without running it. 400 when it names none it may read. */
export async function resolveSource(ctx: AppContext, db: Executor, projectId: number, source: ChartSource): Promise<ResolvedSource> {
  const datasets = await projectDatasets(ctx, db, projectId);
  if ('datasetId' in source) {
    const dataset = datasets.find((d) => d.datasetId === source.datasetId);
    if (!dataset) {
      const row = await findDatasetById(db, source.datasetId);
      if (row && row.project_id === projectId && row.kind === 'registered') {
        throw badRequest(
          'registered_dataset',
          `source.datasetId: dataset ${source.datasetId} is registered (an external uri the platform does not read); chart an uploaded (managed) dataset`,
        );
      }
      throw badRequest('unknown_dataset', `source.datasetId: project ${projectId} has no dataset ${source.datasetId}`);
    }
    return {
      projectId,
      relation: `SELECT * FROM ${quoteIdentifier(dataset.name)}`,
      datasets,
      reads: [dataset],
      columns: dataset.columns,
    };
  }
  const relation = relationSql(source.sql);
  return { projectId, relation, datasets, reads: ctx.queries.datasetsNamedBy(relation, datasets) };
}

/** The source's columns: a dataset's from its schema, a query's by running it with LIMIT 0. */
export async function sourceColumns(ctx: AppContext, source: ResolvedSource): Promise<readonly SourceColumn[]> {
  if (source.columns) return source.columns;
  const probe = await ctx.queries.query({
    sql: `SELECT * FROM (\n${source.relation}\n) AS chart_source LIMIT 0`,
    datasets: source.datasets,
    limit: 1,
  });
  return probe.columns;
}

/** "<datasetId>@<version>" of each dataset the source reads, by dataset id. */
export function sourceVersionOf(source: ResolvedSource): string {
  return [...source.reads]
    .sort((a, b) => a.datasetId - b.datasetId)
    .map((d) => `${d.datasetId}@${d.version}`)
    .join(',');
}

/** What names one computation of a chart's data: the same spec over the same versions is the same data. */
export function chartDataKey(spec: ChartSpec, source: ResolvedSource): ChartDataKey {
  const what = JSON.stringify([1, source.projectId, source.relation, spec.type, spec.encoding, sourceVersionOf(source)]);
  return {
    id: createHash('sha256').update(what).digest('base64url'),
    datasetIds: source.reads.map((d) => d.datasetId),
  };
}

import { useEffect, useMemo, useState } from 'react';
import { Button, Link } from 'react-aria-components';
import { useNavigate, useParams } from 'react-router';
import { chartsApi, type Chart, type ChartDataResponse } from '../api/charts';
import type { Dataset, Project } from '../api/client';
import { ApiError, describeError } from '../api/errors';
import { Field, MeasureField, type FieldErrors } from '../charts/BuilderFields';
import { ChartPanel } from '../charts/ChartPanel';
import { EMPTY_BUILDER, builderStateOf, createBody, fieldOfError, previewBody, type BuilderState } from '../charts/builder-spec';
import { AGGREGATES, CHART_SORTS, CHART_TYPES, GRID_COLUMNS } from '../charts/chart-types';
import { ErrorState, Loading } from '../components/states';
import { useApi, useResource, useUser } from '../context';
import { canEditProject } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';

/** The preview waits this long after the last change before asking the server. */
const PREVIEW_DELAY_MS = 300;

const TYPE_LABELS: Record<BuilderState['type'], string> = {
  bar: 'Bar',
  line: 'Line',
  area: 'Area',
  scatter: 'Scatter',
  pie: 'Pie',
  heatmap: 'Heatmap',
  table: 'Table',
  number: 'Number',
};
const SORT_LABELS: Record<(typeof CHART_SORTS)[number], string> = {
  'x-asc': 'By x, ascending',
  'x-desc': 'By x, descending',
  'y-asc': 'By value, ascending',
  'y-desc': 'By value, descending',
};

/** A field's error from a failed preview or save: shown next to that field, or above the form. */
function splitError(error: unknown): { fields: FieldErrors; general?: unknown } {
  if (error === undefined) return { fields: {} };
  const field = fieldOfError(error);
  return field ? { fields: { [field]: (error as ApiError).message } } : { fields: {}, general: error };
}

export default function ChartBuilder() {
  const { id: rawId, chartId: rawChartId } = useParams();
  const projectId = Number(rawId);
  const chartId = rawChartId === undefined ? undefined : Number(rawChartId);
  if (!Number.isInteger(projectId) || projectId <= 0 || (chartId !== undefined && (!Number.isInteger(chartId) || chartId <= 0))) {
    return <ErrorState error={new ApiError(404, 'NOT_FOUND', 'Not found')} what="this chart" />;
  }
  return <BuilderView key={`${projectId}/${chartId ?? 'new'}`} projectId={projectId} chartId={chartId} />;
}

/**
 * The chart builder (new and edit): source (a dataset of the project, or SQL), type,
 * fields from the source's columns, aggregate, sort, limit and width, with a live preview
 * from POST /charts/preview as the fields change; the server's validation errors appear
 * next to the field they name.
 */
function BuilderView({ projectId, chartId }: { projectId: number; chartId: number | undefined }) {
  const api = useApi();
  const navigate = useNavigate();
  const user = useUser();
  const start = useResource<{ project: Project; datasets: Dataset[]; chart?: Chart }>(async () => {
    const [project, datasets, chart] = await Promise.all([
      api.getProject(projectId),
      api.listDatasets(projectId),
      chartId === undefined ? Promise.resolve(undefined) : chartsApi.get(api, chartId),
    ]);
    return { project, datasets, chart };
  }, [api, projectId, chartId]);
  useDocumentTitle(chartId === undefined ? 'New chart' : 'Edit chart');
  if (start.error !== undefined && !start.data) return <ErrorState error={start.error} onRetry={start.reload} what="this chart" />;
  if (!start.data) return <Loading label="Loading the chart builder…" />;
  const { project, datasets, chart } = start.data;
  // Viewers read charts only: the builder would end in a refused save.
  if (!canEditProject(user, project)) {
    return <ErrorState error={new ApiError(403, 'forbidden', 'Only editors of the project build charts')} what="the chart builder" />;
  }
  return (
    <BuilderForm
      projectId={projectId}
      chart={chart}
      datasets={datasets}
      onSaved={() => void navigate(`/projects/${projectId}/dashboard`)}
      cancelHref={`/projects/${projectId}/dashboard`}
      api={api}
    />
  );
}

function BuilderForm({
  projectId,
  chart,
  datasets,
  onSaved,
  cancelHref,
  api,
}: {
  projectId: number;
  chart: Chart | undefined;
  datasets: Dataset[];
  onSaved: () => void;
  cancelHref: string;
  api: ReturnType<typeof useApi>;
}) {
  const [state, setState] = useState<BuilderState>(() => (chart ? builderStateOf(chart) : EMPTY_BUILDER));
  const set = <K extends keyof BuilderState>(key: K, value: BuilderState[K]) => setState((s) => ({ ...s, [key]: value }));
  const [columns, setColumns] = useState<string[]>([]);
  const [preview, setPreview] = useState<{ data?: ChartDataResponse; error?: unknown }>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(undefined);

  // The source's columns: a dataset's schema, or the columns of the query's first row.
  const datasetId = state.sourceKind === 'dataset' ? state.datasetId : '';
  const sql = state.sourceKind === 'sql' ? state.sql.trim() : '';
  useEffect(() => {
    if (!datasetId && !sql) {
      setColumns([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(
      () => {
        const read = datasetId
          ? api.getDataset(Number(datasetId)).then((d) => (d.schema?.columns ?? []).map((c) => c.name))
          : chartsApi
              .preview(api, projectId, { source: { sql }, type: 'table', encoding: { limit: 1 } }, ctrl.signal)
              .then((d) => d.columns.map((c) => c.name));
        read.then(
          (names) => !ctrl.signal.aborted && setColumns(names),
          () => !ctrl.signal.aborted && setColumns([]), // the preview below shows why
        );
      },
      datasetId ? 0 : PREVIEW_DELAY_MS,
    );
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [api, projectId, datasetId, sql]);

  // The live preview, after the fields settle; a newer spec aborts the request of an older one.
  const spec = useMemo(() => previewBody(state), [state]);
  const specKey = JSON.stringify(spec ?? null);
  useEffect(() => {
    const body = JSON.parse(specKey) as ReturnType<typeof previewBody> | null;
    if (!body) {
      setPreview({});
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      chartsApi.preview(api, projectId, body, ctrl.signal).then(
        (data) => !ctrl.signal.aborted && setPreview({ data }),
        (error: unknown) => !ctrl.signal.aborted && setPreview((p) => ({ data: p.data, error })),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [api, projectId, specKey]);

  const previewErrors = splitError(preview.error);
  const saveErrors = splitError(saveError);
  const errors: FieldErrors = { ...previewErrors.fields, ...saveErrors.fields };

  const save = async () => {
    const body = createBody(state);
    setSaveError(undefined);
    if (!body) {
      setSaveError(new ApiError(400, 'invalid_source', 'source: pick a dataset or write a query'));
      return;
    }
    setSaving(true);
    try {
      if (chart) await chartsApi.update(api, chart.id, body);
      else await chartsApi.create(api, projectId, body);
      onSaved();
    } catch (e) {
      setSaveError(e);
    } finally {
      setSaving(false);
    }
  };

  const options = (names: readonly string[], none: string) => [
    <option key="" value="">
      {none}
    </option>,
    ...names.map((c) => (
      <option key={c} value={c}>
        {c}
      </option>
    )),
  ];

  return (
    <section className="page chart-builder" aria-labelledby="builder-title">
      <div className="page-header">
        <h1 id="builder-title">{chart ? `Edit “${chart.title}”` : 'New chart'}</h1>
      </div>
      <div className="builder-layout">
        <form
          className="panel builder-form"
          aria-labelledby="builder-title"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Title" error={errors.title}>
            {(p) => <input {...p} type="text" value={state.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />}
          </Field>
          <fieldset className="field">
            <legend>Source</legend>
            <label className="radio">
              <input type="radio" name="source" checked={state.sourceKind === 'dataset'} onChange={() => set('sourceKind', 'dataset')} /> A
              dataset
            </label>
            <label className="radio">
              <input type="radio" name="source" checked={state.sourceKind === 'sql'} onChange={() => set('sourceKind', 'sql')} /> A SQL
              query
            </label>
          </fieldset>
          {state.sourceKind === 'dataset' ? (
            <Field label="Dataset" error={errors.source}>
              {(p) => (
                <select {...p} value={state.datasetId} onChange={(e) => set('datasetId', e.target.value)}>
                  <option value="">Pick a dataset</option>
                  {datasets.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : (
            <Field label="Query" error={errors.source} hint="One SELECT over the project's datasets.">
              {(p) => <textarea {...p} rows={5} spellCheck={false} value={state.sql} onChange={(e) => set('sql', e.target.value)} />}
            </Field>
          )}
          <Field label="Chart type" error={errors.type}>
            {(p) => (
              <select {...p} value={state.type} onChange={(e) => set('type', e.target.value as BuilderState['type'])}>
                {CHART_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Category (x)" error={errors.x}>
            {(p) => (
              <select {...p} value={state.x} onChange={(e) => set('x', e.target.value)}>
                {options(columns, 'None')}
              </select>
            )}
          </Field>
          <MeasureField columns={columns} value={state.y} onChange={(y) => set('y', y)} error={errors.y} />
          <Field label="Series" error={errors.series}>
            {(p) => (
              <select {...p} value={state.series} onChange={(e) => set('series', e.target.value)}>
                {options(columns, 'None')}
              </select>
            )}
          </Field>
          <Field label="Aggregate" error={errors.aggregate}>
            {(p) => (
              <select {...p} value={state.aggregate} onChange={(e) => set('aggregate', e.target.value as BuilderState['aggregate'])}>
                {options(AGGREGATES, 'None: rows as they are')}
              </select>
            )}
          </Field>
          <Field label="Sort" error={errors.sort}>
            {(p) => (
              <select {...p} value={state.sort} onChange={(e) => set('sort', e.target.value as BuilderState['sort'])}>
                <option value="">Default</option>
                {CHART_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Limit" error={errors.limit} hint="At most this many rows (or x values with a series).">
            {(p) => <input {...p} type="number" inputMode="numeric" value={state.limit} onChange={(e) => set('limit', e.target.value)} />}
          </Field>
          <Field label="Width (columns of 12)" error={errors.width}>
            {(p) => (
              <input {...p} type="number" min={1} max={GRID_COLUMNS} value={state.width} onChange={(e) => set('width', e.target.value)} />
            )}
          </Field>
          {saveErrors.general !== undefined ? (
            <p className="form-error" role="alert">
              The chart could not be saved: {describeError(saveErrors.general)}
            </p>
          ) : null}
          <div className="actions">
            <Button type="submit" className="button primary" isPending={saving}>
              {chart ? 'Save changes' : 'Save chart'}
            </Button>
            <Link className="button" href={cancelHref}>
              Cancel
            </Link>
          </div>
        </form>
        <div className="builder-preview" aria-label="Preview" role="region">
          {spec ? (
            <ChartPanel
              view={{ title: state.title || 'Untitled chart', type: state.type, encoding: spec.encoding }}
              data={preview.data}
              error={previewErrors.general ?? (preview.error !== undefined && !preview.data ? preview.error : undefined)}
              animate={false}
            />
          ) : (
            <p className="muted panel">Pick a source to see a preview.</p>
          )}
        </div>
      </div>
    </section>
  );
}

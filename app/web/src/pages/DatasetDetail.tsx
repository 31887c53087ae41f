import { useCallback, useState } from 'react';
import { Button, Link } from 'react-aria-components';
import { useParams } from 'react-router';
import type { Dataset, DatasetPreview, DatasetProfile, DatasetVersion, Project } from '../api/client';
import { ApiError, describeError } from '../api/errors';
import { downloadBlob } from '../charts/chart-export';
import { Empty, ErrorState, Loading } from '../components/states';
import { useApi, useLiveEvents, useResource, useResync, useUser } from '../context';
import { ProfileView } from '../datasets/ProfileView';
import { ResultTable } from '../datasets/ResultTable';
import { UploadButton } from '../datasets/UploadButton';
import { formatBytes, formatDateTime } from '../lib/format';
import { canEditProject } from '../lib/permissions';
import { useDocumentTitle } from '../lib/title';

const rows = new Intl.NumberFormat();

export default function DatasetDetail() {
  const params = useParams();
  const projectId = Number(params.id);
  const datasetId = Number(params.datasetId);
  if (![projectId, datasetId].every((n) => Number.isInteger(n) && n > 0)) {
    return <ErrorState error={new ApiError(404, 'not_found', 'Not found')} what="this dataset" />;
  }
  return <DatasetView key={`${projectId}/${datasetId}`} projectId={projectId} datasetId={datasetId} />;
}

interface Overview {
  project: Project;
  dataset: Dataset;
  versions: DatasetVersion[];
}

function DatasetView({ projectId, datasetId }: { projectId: number; datasetId: number }) {
  const api = useApi();
  const user = useUser();
  const [deleted, setDeleted] = useState(false);
  const overview = useResource<Overview>(async () => {
    const [project, dataset] = await Promise.all([api.getProject(projectId), api.getDataset(datasetId)]);
    return { project, dataset, versions: dataset.managed ? await api.listVersions(datasetId) : [] };
  }, [api, projectId, datasetId]);
  const managed = overview.data?.dataset.managed ?? false;
  const version = overview.data?.dataset.version;
  const preview = useResource<DatasetPreview | undefined>(
    async () => (managed ? api.previewDataset(datasetId, 100) : undefined),
    [api, datasetId, managed, version],
  );
  const profile = useResource<DatasetProfile | undefined>(
    async () => (managed ? api.profileDataset(datasetId) : undefined),
    [api, datasetId, managed, version],
  );
  const { reload } = overview;
  useDocumentTitle(overview.data?.dataset.name ?? 'Dataset');
  useLiveEvents(
    useCallback(
      (e) => {
        if (e.projectId !== projectId || e.datasetId !== datasetId) return;
        if (e.type === 'dataset.deleted') setDeleted(true);
        else if (e.type === 'dataset.updated') reload();
      },
      [projectId, datasetId, reload],
    ),
  );
  useResync(reload);
  const [downloadError, setDownloadError] = useState<unknown>();

  if (deleted) {
    return (
      <section className="state state-error" role="alert">
        <h1>Dataset deleted</h1>
        <p>This dataset was deleted. It is no longer available.</p>
        <Link href={`/projects/${projectId}`}>Back to the project</Link>
      </section>
    );
  }
  if (overview.error && !overview.data) return <ErrorState error={overview.error} onRetry={reload} what="this dataset" />;
  if (!overview.data) return <Loading label="Loading dataset…" />;
  const { project, dataset, versions } = overview.data;

  const download = async (number?: number) => {
    setDownloadError(undefined);
    try {
      const { blob, fileName } = await api.downloadDataset(datasetId, number);
      downloadBlob(blob, fileName);
    } catch (e) {
      setDownloadError(e);
    }
  };

  return (
    <article className="page" aria-labelledby="dataset-title">
      <p className="breadcrumbs">
        <Link href={`/projects/${projectId}`}>{project.name}</Link> / datasets
      </p>
      <div className="page-header">
        <div>
          <h1 id="dataset-title">{dataset.name}</h1>
          <p className="muted">
            <span className="badge">{dataset.managed ? 'managed' : 'registered'}</span> {dataset.format}
            {dataset.managed
              ? ` · version ${dataset.version} · ${rows.format(dataset.rowCount ?? 0)} rows · ${formatBytes(dataset.sizeBytes)}`
              : ''}
            {' · updated '}
            {formatDateTime(dataset.updatedAt)}
          </p>
        </div>
        <div className="actions">
          <Link className="button" href={`/projects/${projectId}/query`}>
            Query with SQL
          </Link>
          {dataset.managed ? (
            <Button className="button" onPress={() => void download()}>
              Download
            </Button>
          ) : null}
          {dataset.managed && canEditProject(user, project) ? (
            <UploadButton label="Upload new version" datasetId={datasetId} onUploaded={() => reload()} />
          ) : null}
        </div>
      </div>
      {downloadError ? (
        <p className="form-error" role="alert">
          {describeError(downloadError)}
        </p>
      ) : null}

      {!dataset.managed ? (
        <section className="panel">
          <p>
            This dataset is registered: it points at <code className="uri">{dataset.uri}</code>, which the platform does not read. Only
            uploaded (managed) datasets can be previewed, profiled and queried.
          </p>
        </section>
      ) : (
        <>
          <section aria-labelledby="preview-title" className="panel">
            <h2 id="preview-title">Preview</h2>
            {preview.error ? <ErrorState error={preview.error} onRetry={preview.reload} what="the preview" /> : null}
            {preview.data ? (
              <>
                <p className="muted small">
                  First {preview.data.rows.length} of {rows.format(preview.data.rowCount)} rows (version {preview.data.version})
                </p>
                <ResultTable columns={preview.data.columns} rows={preview.data.rows} caption={`First rows of ${dataset.name}`} />
              </>
            ) : preview.error ? null : (
              <Loading label="Loading preview…" />
            )}
          </section>
          <section aria-labelledby="profile-title" className="panel">
            <h2 id="profile-title">Profile</h2>
            {profile.error ? <ErrorState error={profile.error} onRetry={profile.reload} what="the profile" /> : null}
            {profile.data ? <ProfileView profile={profile.data} /> : profile.error ? null : <Loading label="Profiling columns…" />}
          </section>
          <section aria-labelledby="versions-title" className="panel">
            <h2 id="versions-title">Versions</h2>
            {versions.length === 0 ? (
              <Empty>No versions.</Empty>
            ) : (
              <ul className="versions">
                {versions.map((v) => (
                  <li key={v.id}>
                    <strong>Version {v.version}</strong> · {v.format} · {rows.format(v.rowCount)} rows · {formatBytes(v.sizeBytes)} ·{' '}
                    {formatDateTime(v.createdAt)}
                    {v.runId !== null ? ` · from run ${v.runId}` : ''}{' '}
                    <Button className="button small" aria-label={`Download version ${v.version}`} onPress={() => void download(v.version)}>
                      Download
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </article>
  );
}

import { useRef, useState } from 'react';
import { Button, DropZone, FileTrigger, Input, Label, ProgressBar, Text, TextField, type FileDropItem } from 'react-aria-components';
import type { Dataset } from '../api/client';
import { describeError } from '../api/errors';
import { UploadCancelledError, uploadDataset, type UploadProgress } from '../api/upload';
import { useApi } from '../context';
import { formatBytes } from '../lib/format';

type Format = 'csv' | 'json' | 'parquet';
const FORMAT_OF_EXTENSION: Record<string, Format> = { csv: 'csv', json: 'json', jsonl: 'json', ndjson: 'json', parquet: 'parquet' };
const ACCEPTED = ['.csv', '.json', '.jsonl', '.ndjson', '.parquet', 'text/csv', 'application/json'];

function formatOf(file: File): Format | undefined {
  return FORMAT_OF_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''];
}

function nameOf(file: File): string {
  return file.name.replace(/\.[^.]+$/, '').replace(/[/\\]/g, '-');
}

export interface UploadPanelProps {
  /** A new dataset in this project, or (with datasetId) the next version of that dataset. */
  readonly projectId?: number;
  readonly datasetId?: number;
  readonly onUploaded: (dataset: Dataset) => void;
  readonly onCancel: () => void;
}

/**
 * Upload by drag-and-drop or file picker, with a progress bar and a Cancel that aborts the
 * request (the server then keeps nothing of it). Errors the server finds in the file are shown
 * here, naming the problem.
 */
export function UploadPanel({ projectId, datasetId, onUploaded, onCancel }: UploadPanelProps) {
  const api = useApi();
  const [file, setFile] = useState<File | undefined>();
  const [name, setName] = useState('');
  const [progress, setProgress] = useState<UploadProgress | undefined>();
  const [error, setError] = useState<unknown>();
  const controller = useRef<AbortController | undefined>(undefined);
  const uploading = progress !== undefined;

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setError(undefined);
    if (!name) setName(nameOf(chosen));
  };

  const start = async () => {
    if (!file) return;
    const format = formatOf(file);
    controller.current = new AbortController();
    setError(undefined);
    setProgress({ loaded: 0, total: file.size });
    try {
      const dataset = await uploadDataset(api, {
        target: datasetId !== undefined ? { datasetId } : { projectId: projectId!, name: name.trim() },
        file,
        ...(format ? { format } : {}),
        onProgress: setProgress,
        signal: controller.current.signal,
      });
      onUploaded(dataset);
    } catch (e) {
      if (!(e instanceof UploadCancelledError)) setError(e);
    } finally {
      setProgress(undefined);
      controller.current = undefined;
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <div className="upload-panel">
      <DropZone
        className="drop-zone"
        isDisabled={uploading}
        onDrop={async (event) => {
          const item = event.items.find((i): i is FileDropItem => i.kind === 'file');
          if (item) choose(await item.getFile());
        }}
      >
        <Text slot="label">{file ? `${file.name} (${formatBytes(file.size)})` : 'Drop a CSV, JSON or Parquet file here'}</Text>
        <FileTrigger acceptedFileTypes={ACCEPTED} onSelect={(files) => choose(files?.[0])}>
          <Button className="button" isDisabled={uploading}>
            {file ? 'Choose another file' : 'Choose a file'}
          </Button>
        </FileTrigger>
      </DropZone>
      {datasetId === undefined ? (
        <TextField className="field" value={name} onChange={setName} isRequired isDisabled={uploading} maxLength={200}>
          <Label>Dataset name</Label>
          <Input />
          <Text slot="description">The table name in SQL. No / or \.</Text>
        </TextField>
      ) : null}
      {file && !formatOf(file) ? (
        <p className="form-error" role="alert">
          {file.name} has no .csv, .json or .parquet extension: rename it so its format is known.
        </p>
      ) : null}
      {uploading ? (
        <ProgressBar className="progress" value={percent} aria-label="Upload progress">
          {({ valueText }) => (
            <>
              <div className="progress-track">
                <div className="progress-fill" style={{ width: `${percent}%` }} />
              </div>
              <span className="muted small">
                {valueText} · {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
              </span>
            </>
          )}
        </ProgressBar>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
      <div className="form-actions">
        <Button className="button" onPress={() => (uploading ? controller.current?.abort() : onCancel())}>
          {uploading ? 'Cancel upload' : 'Close'}
        </Button>
        <Button
          className="button primary"
          isDisabled={!file || !formatOf(file) || uploading || (datasetId === undefined && name.trim() === '')}
          onPress={() => void start()}
        >
          {uploading ? 'Uploading…' : 'Upload'}
        </Button>
      </div>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../api/errors';
import { runsApi, type Run } from '../api/runs';
import { useApi } from '../context';

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The executed notebook rendered as HTML, in an iframe with an empty sandbox: no script runs
 * and the document gets an opaque origin, so output written by a notebook can neither act
 * nor read the app's storage. The HTML is fetched with the session's token and handed over
 * as srcdoc, since an iframe's own request could not carry it.
 */
export function RunOutput({ run }: { run: Run }) {
  const api = useApi();
  const [html, setHtml] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [downloadError, setDownloadError] = useState<unknown>();

  useEffect(() => {
    if (!run.outputAvailable) return;
    let current = true;
    runsApi.outputHtml(api, run.id).then(
      (body) => current && setHtml(body),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [api, run.id, run.outputAvailable]);

  return (
    <section aria-labelledby="output-title" className="panel">
      <div className="panel-header">
        <h2 id="output-title">Output</h2>
        {run.outputAvailable ? (
          <Button
            className="button small"
            onPress={async () => {
              setDownloadError(undefined);
              try {
                saveBlob(await runsApi.outputNotebook(api, run.id), `run-${run.id}.ipynb`);
              } catch (e) {
                setDownloadError(e);
              }
            }}
          >
            Download notebook (.ipynb)
          </Button>
        ) : null}
      </div>
      {downloadError ? (
        <p className="form-error" role="alert">
          {describeError(downloadError)}
        </p>
      ) : null}
      {!run.outputAvailable ? (
        <p className="muted">
          No rendered output yet{run.status === 'running' || run.status === 'queued' ? ': it appears when the run ends.' : '.'}
        </p>
      ) : error ? (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      ) : html === undefined ? (
        <p className="muted">Loading output…</p>
      ) : (
        <iframe className="run-output" title={`Output of run ${run.number}`} sandbox="" srcDoc={html} referrerPolicy="no-referrer" />
      )}
    </section>
  );
}

import { useState } from 'react';
import { Button } from 'react-aria-components';
import { describeError } from '../api/errors';
import { isFinished, runsApi, type Run } from '../api/runs';
import { useApi } from '../context';

/** Starts a run of the task with its saved parameters. Only rendered for people who may run it. */
export function RunButton({ taskId, title, onStarted }: { taskId: number; title: string; onStarted: (run: Run) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <span className="inline-action">
      <Button
        className="button small primary"
        aria-label={`Run task ${title}`}
        isPending={busy}
        onPress={async () => {
          setBusy(true);
          setError(undefined);
          try {
            onStarted(await runsApi.startRun(api, taskId));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        Run
      </Button>
      {error ? (
        <span className="form-error" role="alert">
          {describeError(error)}
        </span>
      ) : null}
    </span>
  );
}

/** Cancels a queued or running run; nothing for a finished one. */
export function CancelButton({ run, onCancelled }: { run: Run; onCancelled: (run: Run) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (isFinished(run)) return null;
  return (
    <span className="inline-action">
      <Button
        className="button small danger"
        aria-label={`Cancel run ${run.number}`}
        isPending={busy}
        onPress={async () => {
          setBusy(true);
          setError(undefined);
          try {
            onCancelled(await runsApi.cancelRun(api, run.id));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        Cancel
      </Button>
      {error ? (
        <span className="form-error" role="alert">
          {describeError(error)}
        </span>
      ) : null}
    </span>
  );
}

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Switch } from 'react-aria-components';
import { describeError } from '../api/errors';
import { runsApi } from '../api/runs';
import { useApi } from '../context';

/** Lines of log shown: the end of it, which is where a running job's news is. */
export const LOG_TAIL_LINES = 2000;
/** How often the log of a running run is read again. */
export const LOG_POLL_MS = 2000;

/**
 * A run's log: read again every LOG_POLL_MS while the run is live, once more when it ends.
 * "Follow" keeps the view at the newest line; scrolling up turns it off.
 */
export function LogView({ runId, live }: { runId: number; live: boolean }) {
  const api = useApi();
  const [text, setText] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [follow, setFollow] = useState(true);
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const next = await runsApi.logs(api, runId, LOG_TAIL_LINES);
        if (stopped) return;
        setText(next);
        setError(undefined);
      } catch (e) {
        if (!stopped) setError(e);
      }
      // A finished run's log does not change: one read is enough.
      if (!stopped && live) timer = setTimeout(() => void read(), LOG_POLL_MS);
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, runId, live]);

  useLayoutEffect(() => {
    const el = pre.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [text, follow]);

  return (
    <section aria-labelledby="logs-title" className="panel">
      <div className="panel-header">
        <h2 id="logs-title">Logs</h2>
        <Switch className="switch" isSelected={follow} onChange={setFollow}>
          <span className="switch-indicator" aria-hidden="true" />
          Follow
        </Switch>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {describeError(error)}
        </p>
      ) : null}
      <pre
        ref={pre}
        className="log"
        tabIndex={0}
        aria-label="Run log"
        data-testid="run-log"
        onScroll={(ev) => {
          const el = ev.currentTarget;
          // Scrolling away from the bottom is reading back: stop following.
          if (follow && el.scrollHeight - el.scrollTop - el.clientHeight > 24) setFollow(false);
        }}
      >
        {text === undefined ? 'Loading…' : text || (live ? 'No output yet.' : 'This run wrote no log.')}
      </pre>
    </section>
  );
}

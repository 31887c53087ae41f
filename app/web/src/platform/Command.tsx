import { useState, type ReactNode } from 'react';
import { Button } from 'react-aria-components';

/**
 * A shell command to run by hand, with a copy button. The page never runs it: promotion and
 * rollback are reviewed changes in git.
 */
export function Command({ command, label }: { command: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="command">
      <code aria-label={label}>{command}</code>
      <Button
        className="button small"
        aria-label={`Copy: ${label}`}
        onPress={() => {
          navigator.clipboard?.writeText(command).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

/** Green, red or grey text for a status word. */
export function Health({ ok, children }: { ok: boolean | null; children: ReactNode }) {
  return <span className={ok === null ? 'health-unknown' : ok ? 'health-ok' : 'health-bad'}>{children}</span>;
}

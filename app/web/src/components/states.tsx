import type { ReactNode } from 'react';
import { Button, Link } from 'react-aria-components';
import { ApiError, describeError } from '../api/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

/**
 * A failed load, never a blank page: 404 and 403 get their own wording (the API answers
 * 404 for projects you may not see, so both read as "not here for you").
 */
export function ErrorState({ error, onRetry, what = 'this page' }: { error: unknown; onRetry?: () => void; what?: string }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return (
      <section className="state state-error" role="alert" aria-labelledby="error-title">
        <h2 id="error-title">{error.status === 404 ? 'Not found' : 'Not allowed'}</h2>
        <p>
          {error.status === 404
            ? `We could not find ${what}. It may have been deleted, or you may not have access to it.`
            : `You do not have permission to view ${what}.`}
        </p>
        <p>
          <Link href="/projects">Back to projects</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="state state-error" role="alert">
      <h2>Something went wrong</h2>
      <p>{describeError(error)}</p>
      {onRetry ? (
        <Button className="button" onPress={onRetry}>
          Try again
        </Button>
      ) : null}
    </section>
  );
}

/** An error from a form submit that names no field. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {describeError(error)}
    </p>
  );
}

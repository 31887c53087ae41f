import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/errors';
import { TextInput } from '../components/text-input';
import { Loading } from '../components/states';
import { useApi, useSession } from '../context';
import { useDocumentTitle } from '../lib/title';

export function signInMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'The email or password is not correct.';
    if (error.status === 429) {
      const wait = error.retryAfter ? ` Try again in ${error.retryAfter} seconds.` : ' Wait a few minutes and try again.';
      return `Too many failed sign-in attempts.${wait}`;
    }
    if (error.status === 400) return 'Enter a valid email address and your password.';
    return error.message;
  }
  return error instanceof Error ? error.message : 'Sign-in failed.';
}

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignIn() {
  useDocumentTitle('Sign in');
  const api = useApi();
  const session = useSession();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(undefined);
  const [pending, setPending] = useState(false);
  if (session.status === 'restoring') return <Loading label="Checking your session…" />;
  if (session.status === 'signed-in') return <Navigate to={safeNext(params.get('next'))} replace />;
  return (
    <main className="sign-in" id="main">
      <h1>Sign in to datavis</h1>
      {session.reason && !error ? (
        <p className="notice" role="status">
          {session.reason}
        </p>
      ) : null}
      <Form
        className="form"
        aria-label="Sign in"
        validationBehavior="aria"
        onSubmit={async (e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setError(undefined);
          setPending(true);
          try {
            await api.session.login(String(data.get('email') ?? '').trim(), String(data.get('password') ?? ''));
          } catch (err) {
            setError(err);
          } finally {
            setPending(false);
          }
        }}
      >
        <TextInput name="email" label="Email" type="email" isRequired autoComplete="username" autoFocus />
        <TextInput name="password" label="Password" type="password" isRequired autoComplete="current-password" />
        {error ? (
          <p className="form-error" role="alert">
            {signInMessage(error)}
          </p>
        ) : null}
        <div className="form-actions">
          <Button type="submit" className="button primary" isPending={pending}>
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </div>
      </Form>
    </main>
  );
}

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../app/web/src/api/errors';
import { DatasetForm, MemberForm, ProjectForm } from '../../app/web/src/components/forms';
import { signInMessage } from '../../app/web/src/pages/SignIn';
import { apiError, json, project, renderApp, serverFor, users } from './fake-api';

/** The error message tied to a control through aria-describedby. */
function describedErrors(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('forms', () => {
  it('shows an API validation error next to the field it names, and clears it when the field changes', async () => {
    const user = userEvent.setup();
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(
        new ApiError(400, 'validation_failed', 'body/name must NOT have more than 200 characters', { name: 'Name is too long.' }),
      );
    render(<ProjectForm onSubmit={onSubmit} />);
    const name = screen.getByLabelText('Name');
    await user.type(name, 'Quarterly');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrors(name)).toContain('Name is too long.');
    expect(onSubmit).toHaveBeenCalledWith({ name: 'Quarterly', description: '' });
    await user.type(name, 'x');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBeNull());
  });

  it('shows an error that names no field above the buttons', async () => {
    const user = userEvent.setup();
    render(<ProjectForm onSubmit={() => Promise.reject(new ApiError(409, 'conflict', 'a project with this name exists'))} />);
    await user.type(screen.getByLabelText('Name'), 'Dup');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect((await screen.findByRole('alert')).textContent).toBe('a project with this name exists');
  });

  it('sends a dataset size as a number and the chosen format', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<DatasetForm onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Name'), 'events');
    await user.type(screen.getByLabelText('URI'), 's3://lake/events/');
    await user.type(screen.getByLabelText('Size (bytes)'), '123456');
    await user.click(screen.getByRole('button', { name: /Format/ }));
    await user.click(await screen.findByRole('option', { name: 'Csv' }));
    await user.click(screen.getByRole('button', { name: 'Add dataset' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({ name: 'events', uri: 's3://lake/events/', format: 'csv', sizeBytes: 123456 });
  });

  it('asks for a numeric user id when adding a member', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<MemberForm onSubmit={onSubmit} />);
    const id = screen.getByLabelText('User id');
    await user.type(id, 'bob');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(describedErrors(id)).toMatch(/numeric id/));
    await user.clear(id);
    await user.type(id, '12');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith({ userId: 12, role: 'viewer' }));
  });
});

describe('sign in', () => {
  it('words bad credentials and throttling for people', () => {
    expect(signInMessage(new ApiError(401, 'invalid_credentials', 'x'))).toBe('The email or password is not correct.');
    expect(signInMessage(new ApiError(429, 'too_many', 'x', {}, 60))).toBe('Too many failed sign-in attempts. Try again in 60 seconds.');
    expect(signInMessage(new ApiError(429, 'too_many', 'x'))).toMatch(/Wait a few minutes/);
  });

  it('shows the throttling message from a 429, then signs in and lands on the page asked for', async () => {
    const user = userEvent.setup();
    const server = serverFor(users.owner);
    server.on('POST', '/api/auth/refresh', () => apiError(401, 'unauthorized', 'no refresh token'));
    server.on('POST', '/api/auth/login', () => apiError(429, 'too_many_attempts', 'too many failed logins', { 'retry-after': '30' }));
    renderApp(server, '/projects');
    await user.type(await screen.findByLabelText('Email'), 'owner@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong password!');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Too many failed sign-in attempts. Try again in 30 seconds.');

    server.on('POST', '/api/auth/login', () => json(200, { accessToken: 't', refreshToken: 'r', expiresIn: 900, user: users.owner }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Projects' })).toBeTruthy();
    expect(server.callsTo('POST', '/api/auth/login')[1].body).toEqual({ email: 'owner@example.com', password: 'wrong password!' });
  });

  it('signs out through the API and returns to the sign-in page', async () => {
    const user = userEvent.setup();
    const server = serverFor(users.owner);
    renderApp(server, '/projects');
    await screen.findByText('Churn model');
    server.on('POST', '/api/auth/refresh', () => apiError(401, 'unauthorized', 'revoked'));
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to datavis' })).toBeTruthy();
    expect(server.callsTo('POST', '/api/auth/logout')).toHaveLength(1);
  });
});

describe('projects page', () => {
  it('searches through ?q and pages with the cursor', async () => {
    const user = userEvent.setup();
    const server = serverFor(users.owner);
    server.on('GET', '/api/projects', (c) => {
      const q = new URLSearchParams(c.search);
      if (q.get('cursor') === 'p2') return json(200, { items: [{ ...project, id: 8, name: 'Second page project' }], nextCursor: null });
      return json(200, { items: [{ ...project, name: q.get('q') ? `Match for ${q.get('q')}` : 'First page project' }], nextCursor: 'p2' });
    });
    renderApp(server, '/projects');
    expect(await screen.findByText('First page project')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Second page project')).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('First page project')).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'Search projects' }), 'churn');
    expect(await screen.findByText('Match for churn')).toBeTruthy();
    expect(server.calls.some((c) => c.path === '/api/projects' && new URLSearchParams(c.search).get('q') === 'churn')).toBe(true);
  });

  it('shows an empty state and a load error with a retry', async () => {
    const user = userEvent.setup();
    const server = serverFor(users.viewer);
    server.on('GET', '/api/projects', () => apiError(503, 'database_unavailable', 'the database is unreachable; retry shortly'));
    renderApp(server, '/projects');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('the database is unreachable');
    server.on('GET', '/api/projects', () => json(200, { items: [], nextCursor: null }));
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No projects are shared with you yet.')).toBeTruthy();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, renderApp, serverFor, users } from './fake-api';

async function openProject(who: keyof typeof users) {
  const server = serverFor(users[who]);
  renderApp(server, '/projects/7');
  await screen.findByRole('heading', { name: 'Churn model', level: 1 });
  await screen.findByText('Score customers');
  return server;
}

const button = (name: string | RegExp) => screen.queryByRole('button', { name });

describe('role-dependent rendering', () => {
  it('a viewer member sees tasks and datasets but no control to change them', async () => {
    await openProject('viewer');
    expect(screen.getByTestId('project-access').textContent).toBe('viewer');
    for (const name of [
      'Add task',
      'Register dataset',
      'Upload dataset',
      'Edit project',
      'Delete project',
      'Add member',
      /Edit task/,
      /Delete task/,
      /Delete dataset/,
    ]) {
      expect(button(name)).toBeNull();
    }
    expect(screen.getAllByText('view only').length).toBeGreaterThan(0);
    expect(screen.queryByTestId('members')).toBeNull();
  });

  it('an editor member may change tasks and datasets, not delete the project or manage members', async () => {
    await openProject('editor');
    expect(screen.getByTestId('project-access').textContent).toBe('editor');
    expect(button('Add task')).not.toBeNull();
    expect(button('Register dataset')).not.toBeNull();
    expect(button('Upload dataset')).not.toBeNull();
    expect(button('Edit project')).not.toBeNull();
    expect(button('Edit task Score customers')).not.toBeNull();
    expect(button('Delete project')).toBeNull();
    expect(screen.queryByTestId('members')).toBeNull();
  });

  it('the owner also deletes the project and manages its members', async () => {
    await openProject('owner');
    expect(button('Delete project')).not.toBeNull();
    const members = screen.getByTestId('members');
    expect(within(members).getByText('editor@example.com')).toBeTruthy();
    expect(within(members).getByRole('button', { name: 'Remove viewer@example.com' })).toBeTruthy();
  });

  it('an admin has everything, including the Users page in the navigation', async () => {
    await openProject('admin');
    expect(screen.getByTestId('project-access').textContent).toBe('admin');
    expect(button('Delete project')).not.toBeNull();
    expect(screen.getByRole('link', { name: 'Users' })).toBeTruthy();
  });

  it('a non-admin has no Users link, and the Users address explains it is admin-only', async () => {
    renderApp(serverFor(users.owner), '/users');
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
  });

  it('a viewer cannot create projects', async () => {
    renderApp(serverFor(users.viewer), '/projects');
    await screen.findByText('Churn model');
    expect(button('New project')).toBeNull();
    const analyst = serverFor(users.outsider);
    renderApp(analyst, '/projects');
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'New project' })).toHaveLength(1));
  });

  it('a project the API hides (404) reads as not found, not a blank page', async () => {
    const server = serverFor(users.outsider);
    server.on('GET', '/api/projects/:id', () => apiError(404, 'not_found', 'project not found'));
    renderApp(server, '/projects/7');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Not found' })).toBeTruthy();
    expect(alert.textContent).toMatch(/may not have access/);
  });

  it('a 403 from the API reads as not allowed', async () => {
    const server = serverFor(users.admin);
    server.on('GET', '/api/users', () => apiError(403, 'forbidden', 'admins only'));
    renderApp(server, '/users');
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeTruthy();
  });

  it('a signed-out visitor is sent to sign in, keeping where they were going', async () => {
    const server = serverFor(users.owner);
    server.on('POST', '/api/auth/refresh', () => apiError(401, 'unauthorized', 'no refresh token'));
    renderApp(server, '/projects/7');
    expect(await screen.findByRole('heading', { name: 'Sign in to datavis' })).toBeTruthy();
  });
});

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOG_POLL_MS } from '../../app/web/src/runs/LogView';
import { readParameters } from '../../app/web/src/runs/parameters';
import { nextFireTimes } from '../../app/web/src/runs/ScheduleField';
import { TaskForm } from '../../app/web/src/runs/TaskForm';
import type { Run } from '../../app/web/src/api/runs';
import { FakeSocket, apiError, dataset, json, libraryFiles, notebookFile, renderApp, run, serverFor, task, users } from './fake-api';

beforeEach(() => {
  FakeSocket.instances = [];
});
afterEach(() => {
  FakeSocket.instances = [];
});

/** The messages tied to a control through aria-describedby (description and error). */
function described(control: HTMLElement): string {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

const code = { files: [notebookFile()], library: libraryFiles };
const managed = dataset({ id: 30, name: 'scores', managed: true, version: 3, format: 'csv' });

describe('the task form', () => {
  it('offers one input per declared parameter, of its JSON type, prefilled with the defaults', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    render(<TaskForm code={code} datasets={[dataset(), managed]} onSubmit={onSubmit} />);
    const fields = screen.getByTestId('parameter-fields');
    expect((within(fields).getByLabelText('week') as HTMLInputElement).value).toBe('1');
    expect((within(fields).getByLabelText('threshold') as HTMLInputElement).value).toBe('0.5');
    expect((within(fields).getByLabelText('region') as HTMLInputElement).value).toBe('north');
    const dryRun = within(fields).getByRole('checkbox', { name: 'dry_run' }) as HTMLInputElement;
    expect(dryRun.checked).toBe(false);
    expect((within(fields).getByLabelText('columns') as HTMLInputElement).value).toBe('["a","b"]');
    expect(within(fields).getByLabelText('week').getAttribute('inputmode')).toBe('numeric');

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Title'), 'Weekly scores');
    const week = within(fields).getByLabelText('week');
    await user.clear(week);
    await user.type(week, '7');
    await user.click(dryRun);
    await user.click(screen.getByRole('button', { name: /Output dataset/ }));
    await user.click(await screen.findByRole('option', { name: 'scores' }));
    await user.click(screen.getByRole('button', { name: 'Add task' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({
      title: 'Weekly scores',
      kind: 'notebook',
      notebook: 'score.ipynb',
      application: null,
      parameters: { week: 7, threshold: 0.5, region: 'north', dry_run: true, columns: ['a', 'b'] },
      schedule: null,
      timeZone: 'UTC',
      timeoutSeconds: 3600,
      maxRetries: 0,
      retryDelaySeconds: 60,
      outputDatasetId: 30,
    });
  });

  it('starts from the task’s own values when editing, and lists only managed datasets as outputs', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    const initial = { ...task({ parameters: { week: 3, region: 'south' } }), timeoutSeconds: 600, maxRetries: 2, outputDatasetId: 30 };
    render(<TaskForm initial={initial} code={code} datasets={[dataset(), managed]} onSubmit={onSubmit} />);
    expect((screen.getByLabelText('week') as HTMLInputElement).value).toBe('3');
    expect((screen.getByLabelText('region') as HTMLInputElement).value).toBe('south');
    expect((screen.getByLabelText('threshold') as HTMLInputElement).value).toBe('0.5');
    await userEvent.click(screen.getByRole('button', { name: /Output dataset/ }));
    const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
    expect(options).toEqual(['None', 'scores']);
  });

  it('refuses a JSON parameter that is not JSON next to its field, before any request', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    const user = userEvent.setup();
    render(<TaskForm code={code} datasets={[]} onSubmit={onSubmit} />);
    await user.type(screen.getByLabelText('Title'), 'Broken');
    const columns = screen.getByLabelText('columns');
    await user.clear(columns);
    await user.type(columns, 'a, b');
    await user.click(screen.getByRole('button', { name: 'Add task' }));
    await waitFor(() => expect(described(columns)).toMatch(/columns must be JSON/));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('lists project and library notebooks, and shows the parameters of the one picked', async () => {
    const user = userEvent.setup();
    render(<TaskForm code={code} datasets={[]} onSubmit={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: /^score\.ipynb/ }));
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['score.ipynb', 'library/profile.ipynb']);
    await user.click(screen.getByRole('option', { name: 'library/profile.ipynb' }));
    await waitFor(() => expect(screen.queryByLabelText('week')).toBeNull());
    expect(screen.getByLabelText('dataset')).toBeTruthy();
  });

  it('shows the next five fire times of the schedule in its time zone, and why an expression is wrong', async () => {
    const user = userEvent.setup();
    render(<TaskForm code={code} datasets={[]} onSubmit={vi.fn()} />);
    await user.type(screen.getByLabelText('Cron expression'), '30 6 * * *');
    const zone = screen.getByLabelText('Time zone');
    await user.clear(zone);
    await user.type(zone, 'Asia/Tokyo');
    const list = await screen.findByRole('list', { name: 'Next runs' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(5));
    const times = [...list.querySelectorAll('time')].map((t) => t.getAttribute('datetime'));
    // 06:30 in Tokyo (UTC+9, no daylight saving) is 21:30 UTC, one day apart.
    await waitFor(() =>
      expect([...list.querySelectorAll('time')].every((t) => t.getAttribute('datetime')!.endsWith('T21:30:00.000Z'))).toBe(true),
    );
    const instants = [...list.querySelectorAll('time')].map((t) => Date.parse(t.getAttribute('datetime')!));
    expect(instants.slice(1).map((t, i) => t - instants[i])).toEqual([86_400_000, 86_400_000, 86_400_000, 86_400_000]);
    expect(instants[0]).toBeGreaterThan(Date.now());
    expect(times).toHaveLength(5);
    // Shown in the schedule's own time zone: 06:30 there, named.
    expect(list.querySelector('time')!.textContent).toMatch(/06:30.*GMT\+9/);

    const cron = screen.getByLabelText('Cron expression');
    await user.clear(cron);
    await user.type(cron, '61 6 * * *');
    expect((await screen.findByTestId('next-runs')).textContent).toMatch(/minute field '61' is invalid/);
  });

  it('computes fire times with the server’s rules, across a daylight saving change', async () => {
    // Paris moves to summer time on 2026-03-29: 09:00 local is 08:00 UTC before, 07:00 UTC after.
    const { times } = await nextFireTimes('0 9 * * *', 'Europe/Paris', 3, new Date('2026-03-27T12:00:00Z'));
    expect(times.map((t) => t.toISOString())).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    expect((await nextFireTimes('0 9 * * *', 'Mars/Olympus')).error).toMatch(/not an IANA time zone/);
  });
});

describe('reading parameter fields', () => {
  const form = (entries: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(entries)) data.set(k, v);
    return data;
  };

  it('turns each field back into a value of its type: unchecked is false, empty nullable is null', () => {
    const declared = [
      { name: 'n', default: 1, type: 'integer', nullable: false },
      { name: 'on', default: true, type: 'boolean', nullable: false },
      { name: 'label', default: null, type: 'string', nullable: true },
      { name: 'opts', default: { a: 1 }, type: 'object', nullable: false },
    ];
    expect(readParameters(form({ 'parameters.n': '3', 'parameters.label': '', 'parameters.opts': '{"b":2}' }), declared)).toEqual({
      values: { n: 3, on: false, label: null, opts: { b: 2 } },
      errors: {},
    });
  });

  it('names the field of a number that is not one, or not whole for an integer', () => {
    const declared = [
      { name: 'n', default: 1, type: 'integer', nullable: false },
      { name: 'x', default: 0.5, type: 'number', nullable: false },
    ];
    expect(readParameters(form({ 'parameters.n': '1.5', 'parameters.x': '' }), declared).errors).toEqual({
      'parameters.n': 'n must be a whole number.',
      'parameters.x': 'x must be a number.',
    });
  });
});

describe('creating a task on the project page', () => {
  it('shows invalid_parameter next to the parameter it names, and unknown_parameter above the buttons', async () => {
    const server = serverFor(users.editor);
    server.on('POST', '/api/projects/:id/tasks', () =>
      apiError(400, 'invalid_parameter', "parameter 'week' must be an integer like its default (1), got a string"),
    );
    const user = userEvent.setup();
    renderApp(server, '/projects/7');
    await user.click(await screen.findByRole('button', { name: 'Add task' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Title'), 'Scores');
    await user.click(within(dialog).getByRole('button', { name: 'Add task' }));
    const week = within(dialog).getByLabelText('week');
    await waitFor(() => expect(week.getAttribute('aria-invalid')).toBe('true'));
    expect(described(week)).toContain("Parameter 'week' must be an integer like its default");
    expect(server.callsTo('POST', '/api/projects/7/tasks')[0].body).toMatchObject({ notebook: 'score.ipynb', parameters: { week: 1 } });

    server.on('POST', '/api/projects/:id/tasks', () =>
      apiError(400, 'unknown_parameter', "parameter 'weeks' is not declared by score.ipynb"),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Add task' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/'weeks' is not declared/);
  });
});

describe('files and library on the project page', () => {
  it('lists files with their declared parameters and the library, and uploads a notebook as the request body', async () => {
    const server = serverFor(users.owner);
    server.on('POST', '/api/projects/:id/files', (c) =>
      json(201, notebookFile({ id: 32, name: new URLSearchParams(c.search).get('name')!, parameters: [] })),
    );
    renderApp(server, '/projects/7');
    const files = await screen.findByTestId('files-table');
    const row = await within(files).findByRole('row', { name: /score\.ipynb/ });
    expect(row.textContent).toMatch(/week\s*integer\s*=\s*1/);
    expect(screen.getByTestId('library').textContent).toContain('library/compact.py');

    const input = document.querySelector('input[type="file"][accept*=".ipynb"]') as HTMLInputElement;
    const file = new File(['{"nbformat": 4, "cells": []}'], 'clean.ipynb');
    fireEvent.change(input, { target: { files: [file] } });
    expect(await within(files).findByRole('row', { name: /clean\.ipynb/ })).toBeTruthy();
    const call = server.callsTo('POST', '/api/projects/7/files')[0];
    expect(call.search).toBe('?name=clean.ipynb');
    expect(call.body).toEqual({ nbformat: 4, cells: [] });
    expect(call.headers.get('content-type')).toBe('application/octet-stream');
  });

  it('a viewer sees files but cannot upload or delete them', async () => {
    renderApp(serverFor(users.viewer), '/projects/7');
    await within(await screen.findByTestId('files-table')).findByRole('row', { name: /score\.ipynb/ });
    expect(screen.queryByRole('button', { name: 'Upload file' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete file/ })).toBeNull();
  });
});

describe('run permissions', () => {
  it('a viewer sees the runs of a task but no Run or Cancel', async () => {
    const server = serverFor(users.viewer);
    server
      .on('GET', '/api/tasks/:id', () => json(200, task()))
      .on('GET', '/api/tasks/:id/runs', () =>
        json(200, { items: [run({ status: 'running', startedAt: new Date().toISOString() })], nextCursor: null }),
      );
    renderApp(server, '/projects/7/tasks/11');
    expect((await screen.findByTestId('run-status')).textContent).toBe('running');
    expect(screen.queryByRole('button', { name: /^Run task/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Cancel run/ })).toBeNull();
  });

  it('an editor runs a task from the project page and lands on the run page', async () => {
    const server = serverFor(users.editor);
    server
      .on('POST', '/api/tasks/:id/runs', () => json(202, run()))
      .on('GET', '/api/runs/:id', () => json(200, run()))
      .on('GET', '/api/tasks/:id', () => json(200, task()))
      .on('GET', '/api/runs/:id/logs', () => new Response('', { headers: { 'content-type': 'text/plain' } }));
    const user = userEvent.setup();
    renderApp(server, '/projects/7');
    await user.click(await screen.findByRole('button', { name: 'Run task Score customers' }));
    expect(await screen.findByRole('heading', { name: 'Run #1', level: 1 })).toBeTruthy();
    expect(server.callsTo('POST', '/api/tasks/11/runs')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Cancel run 1' })).toBeTruthy();
  });

  it('a viewer has no Run button on the project page', async () => {
    renderApp(serverFor(users.viewer), '/projects/7');
    await screen.findByText('Score customers');
    expect(screen.queryByRole('button', { name: /^Run task/ })).toBeNull();
  });
});

describe('live run status', () => {
  it('updates a run’s status from run.updated and adds new runs from run.created', async () => {
    const server = serverFor(users.owner);
    server
      .on('GET', '/api/tasks/:id', () => json(200, task()))
      .on('GET', '/api/tasks/:id/runs', () => json(200, { items: [run()], nextCursor: null }));
    renderApp(server, '/projects/7/tasks/11');
    expect((await screen.findByTestId('run-status')).textContent).toBe('queued');
    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
    act(() => FakeSocket.last.open());
    act(() =>
      FakeSocket.last.emit({
        type: 'run.updated',
        projectId: 7,
        data: run({ status: 'failed', startedAt: '2024-05-03T10:00:00.000Z', finishedAt: '2024-05-03T10:01:05.000Z' }),
      }),
    );
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toBe('failed'));
    expect(screen.getByRole('row', { name: /#1/ }).textContent).toContain('1 min 5 s');
    act(() => FakeSocket.last.emit({ type: 'run.created', projectId: 7, data: run({ id: 42, number: 2, trigger: 'retry', attempt: 2 }) }));
    await waitFor(() => expect(screen.getAllByTestId('run-status').map((s) => s.textContent)).toEqual(['queued', 'failed']));
    expect(screen.getByRole('row', { name: /#2/ }).textContent).toMatch(/retry\s*2/);
    // Another task's run is not listed here.
    act(() => FakeSocket.last.emit({ type: 'run.created', projectId: 7, data: run({ id: 50, taskId: 12, number: 9 }) }));
    expect(screen.queryByRole('row', { name: /#9/ })).toBeNull();
  });
});

describe('the runs of a task', () => {
  it('loads older runs with the cursor, below the newer ones', async () => {
    const server = serverFor(users.viewer);
    server
      .on('GET', '/api/tasks/:id', () => json(200, task()))
      .on('GET', '/api/tasks/:id/runs', (c) =>
        new URLSearchParams(c.search).get('cursor') === 'c2'
          ? json(200, { items: [run({ id: 40, number: 1, status: 'failed' })], nextCursor: null })
          : json(200, { items: [run({ id: 42, number: 2, status: 'succeeded' })], nextCursor: 'c2' }),
      );
    renderApp(server, '/projects/7/tasks/11');
    await screen.findByRole('row', { name: /#2/ });
    await userEvent.click(screen.getByRole('button', { name: 'Older runs' }));
    await waitFor(() => expect(screen.getAllByTestId('run-status').map((x) => x.textContent)).toEqual(['succeeded', 'failed']));
    expect(screen.queryByRole('button', { name: 'Older runs' })).toBeNull();
  });
});

describe('the run page', () => {
  function runServer(initial = run({ status: 'running', startedAt: new Date().toISOString() })) {
    const server = serverFor(users.owner);
    let log = 'starting\n';
    server
      .on('GET', '/api/runs/:id', () => json(200, initial))
      .on('GET', '/api/tasks/:id', () => json(200, { ...task(), outputDatasetId: 30 }))
      .on('GET', '/api/runs/:id/logs', () => new Response(log, { headers: { 'content-type': 'text/plain' } }))
      .on('GET', '/api/runs/:id/output', (c) =>
        c.search === '?format=ipynb'
          ? json(200, { nbformat: 4 })
          : new Response('<h1>Scores</h1><script>parent.alert(1)</script>', { headers: { 'content-type': 'text/html' } }),
      );
    return { server, appendLog: (line: string) => (log += line) };
  }

  it('polls the log while the run is live, follows its end unless turned off, and stops once the run ends', async () => {
    const { server, appendLog } = runServer();
    renderApp(server, '/runs/41');
    const pre = await screen.findByTestId('run-log');
    await waitFor(() => expect(pre.textContent).toBe('starting\n'));
    expect(server.callsTo('GET', '/api/runs/41/logs')[0].search).toBe('?tail=2000');
    let height = 500;
    Object.defineProperty(pre, 'scrollHeight', { configurable: true, get: () => height });
    Object.defineProperty(pre, 'clientHeight', { configurable: true, get: () => 100 });
    appendLog('step 1\n');
    await waitFor(() => expect(pre.textContent).toContain('step 1'), { timeout: LOG_POLL_MS * 3 });
    expect(pre.scrollTop).toBe(500);

    await userEvent.click(screen.getByRole('switch', { name: 'Follow' }));
    height = 900;
    appendLog('step 2\n');
    await waitFor(() => expect(pre.textContent).toContain('step 2'), { timeout: LOG_POLL_MS * 3 });
    expect(pre.scrollTop).toBe(500);

    await waitFor(() => expect(FakeSocket.instances.length).toBeGreaterThan(0));
    act(() => FakeSocket.last.open());
    act(() =>
      FakeSocket.last.emit({ type: 'run.updated', projectId: 7, data: run({ status: 'succeeded', finishedAt: new Date().toISOString() }) }),
    );
    await waitFor(() => expect(screen.getByTestId('run-status').textContent).toBe('succeeded'));
    const reads = server.callsTo('GET', '/api/runs/41/logs').length;
    await new Promise((r) => setTimeout(r, LOG_POLL_MS * 1.5));
    // One last read when the run ended, then none.
    expect(server.callsTo('GET', '/api/runs/41/logs').length).toBeLessThanOrEqual(reads + 1);
    const settled = server.callsTo('GET', '/api/runs/41/logs').length;
    await new Promise((r) => setTimeout(r, LOG_POLL_MS * 1.5));
    expect(server.callsTo('GET', '/api/runs/41/logs').length).toBe(settled);
  }, 20_000);

  it('renders the output in an iframe sandboxed without scripts or same origin, with its notebook, dataset version and cluster links', async () => {
    const { server } = runServer(
      run({
        status: 'succeeded',
        backend: 'kubernetes',
        startedAt: '2024-05-03T10:00:00.000Z',
        finishedAt: '2024-05-03T10:00:42.000Z',
        outputAvailable: true,
        outputDatasetVersion: 4,
        message: 'done in 42 s',
        // On Kubernetes a run may carry links out of the API besides its own paths.
        links: { ...run().links, sparkUi: 'https://spark.example.com/run-41' } as Run['links'],
      }),
    );
    renderApp(server, '/runs/41');
    const frame = (await screen.findByTitle('Output of run 1')) as HTMLIFrameElement;
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.hasAttribute('sandbox')).toBe(true);
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('src')).toBeNull();
    expect(frame.getAttribute('srcdoc')).toContain('<h1>Scores</h1>');
    expect(screen.getByRole('link', { name: 'Version 4' }).getAttribute('href')).toBe('/projects/7/datasets/30');
    const spark = screen.getByRole('link', { name: 'Spark UI' });
    expect(spark.getAttribute('href')).toBe('https://spark.example.com/run-41');
    expect(spark.getAttribute('rel')).toContain('noopener');
    // The API's own links are not offered as pages to visit.
    expect(screen.queryByRole('link', { name: /Self|Logs/ })).toBeNull();
    expect(screen.getByTestId('run-message').textContent).toBe('done in 42 s');
    expect(screen.getByText(/42 s$/, { selector: 'span' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Cancel run/ })).toBeNull();
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:notebook');
    await userEvent.click(screen.getByRole('button', { name: 'Download notebook (.ipynb)' }));
    await waitFor(() => expect(created).toHaveBeenCalledTimes(1));
    expect(server.calls.filter((c) => c.path === '/api/runs/41/output').map((c) => c.search)).toEqual(['', '?format=ipynb']);
  });
});

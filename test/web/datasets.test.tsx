import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSocket, apiError, dataset, json, renderApp, serverFor, users } from './fake-api';

/** An XMLHttpRequest stand-in the test drives: upload progress, the answer, abort. */
class FakeXhr {
  static last: FakeXhr | undefined;
  readonly upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  readonly headers: Record<string, string> = {};
  method = '';
  url = '';
  body: unknown;
  aborted = false;
  status = 0;
  responseText = '';
  responseType = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader() {
    return 'application/json';
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const original = globalThis.XMLHttpRequest;
beforeEach(() => {
  FakeSocket.instances = [];
  (globalThis as { XMLHttpRequest: unknown }).XMLHttpRequest = FakeXhr;
});
afterEach(() => {
  globalThis.XMLHttpRequest = original;
});

async function openUploadDialog() {
  const server = serverFor(users.owner);
  renderApp(server, '/projects/7');
  await userEvent.click(await screen.findByRole('button', { name: 'Upload dataset' }));
  const dialog = await screen.findByRole('dialog');
  const input = dialog.querySelector('input[type="file"]') as HTMLInputElement;
  const file = new File(['a,b\n1,2\n'], 'orders.csv', { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
  await waitFor(() => expect((within(dialog).getByLabelText(/Dataset name/) as HTMLInputElement).value).toBe('orders'));
  return { server, dialog, file };
}

describe('uploading a dataset', () => {
  it('sends the file as the body with its name and format, shows progress, and lists the new dataset', async () => {
    const { dialog, file } = await openUploadDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.last?.body).toBe(file));
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe('http://ui.test/api/projects/7/datasets/upload?name=orders&format=csv');
    expect(xhr.headers.authorization).toBe('Bearer token-2');
    act(() => xhr.progress(4, 8));
    expect(within(dialog).getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuenow')).toBe('50');
    act(() => xhr.answer(201, dataset({ id: 30, name: 'orders', managed: true, version: 1, format: 'csv' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = screen.getByRole('row', { name: /orders/ });
    expect(row.textContent).toContain('managed');
    expect(within(row).getByRole('link', { name: 'orders' }).getAttribute('href')).toBe('/projects/7/datasets/30');
  });

  it('cancel aborts the request and leaves the dialog ready to try again, without an error', async () => {
    const { dialog } = await openUploadDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.last?.body).toBeDefined());
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel upload' }));
    expect(FakeXhr.last!.aborted).toBe(true);
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeTruthy());
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it("shows the server's reason when it refuses the file", async () => {
    const { dialog } = await openUploadDialog();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(FakeXhr.last?.body).toBeDefined());
    act(() =>
      FakeXhr.last!.answer(400, {
        error: { code: 'invalid_dataset', message: 'CSV error on line 3: Expected Number of Columns: 2 Found: 3' },
      }),
    );
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/CSV error on line 3/);
  });
});

describe('the dataset page', () => {
  it('shows the preview, the profile with a histogram, and the versions', async () => {
    const server = serverFor(users.viewer);
    const managed = dataset({ id: 30, name: 'orders', managed: true, version: 2, rowCount: 2, format: 'csv' });
    server
      .on('GET', '/api/datasets/:id', () => json(200, managed))
      .on('GET', '/api/datasets/:id/versions', () =>
        json(200, {
          items: [2, 1].map((v) => ({
            id: v,
            datasetId: 30,
            version: v,
            format: 'csv',
            sizeBytes: 10,
            rowCount: 2,
            schema: { columns: [] },
            sha256: 'a'.repeat(64),
            runId: v === 2 ? 9 : null,
            createdBy: 2,
            createdAt: '2024-05-01T10:00:00.000Z',
          })),
        }),
      )
      .on('GET', '/api/datasets/:id/preview', () =>
        json(200, { columns: [{ name: 'n', type: 'integer' }], rows: [[1], [null]], rowCount: 2, version: 2 }),
      )
      .on('GET', '/api/datasets/:id/profile', () =>
        json(200, {
          rowCount: 2,
          version: 2,
          columns: [
            {
              name: 'n',
              type: 'integer',
              nullCount: 1,
              distinctCount: 1,
              min: 1,
              max: 1,
              mean: 1,
              top: [{ value: 1, count: 1 }],
              histogram: [{ from: 1, to: 2, count: 1 }],
            },
          ],
        }),
      );
    renderApp(server, '/projects/7/datasets/30');
    const preview = await screen.findByRole('region', { name: 'First rows of orders' });
    expect(within(preview).getAllByRole('row')).toHaveLength(3);
    expect(within(preview).getByText('null').className).toBe('numeric null');
    expect(await screen.findByRole('img', { name: /Histogram of n: 1 bins from 1 to 2/ })).toBeTruthy();
    expect(screen.getByText(/Version 2/).parentElement!.textContent).toContain('from run 9');
    expect(screen.getByRole('button', { name: 'Download version 1' })).toBeTruthy();
    // A viewer may not upload.
    expect(screen.queryByRole('button', { name: 'Upload new version' })).toBeNull();
  });

  it('says a registered dataset is not read by the platform', async () => {
    const server = serverFor(users.owner);
    server.on('GET', '/api/datasets/:id', () => json(200, dataset({ id: 21 })));
    renderApp(server, '/projects/7/datasets/21');
    expect((await screen.findByText(/which the platform does not read/)).textContent).toContain('s3://data/customers/');
    expect(server.calls.some((c) => c.path.endsWith('/preview'))).toBe(false);
  });

  it('a missing dataset reads "Not found"', async () => {
    const server = serverFor(users.owner);
    server.on('GET', '/api/datasets/:id', () => apiError(404, 'not_found', 'dataset 99 not found'));
    renderApp(server, '/projects/7/datasets/99');
    expect(await screen.findByRole('heading', { name: 'Not found' })).toBeTruthy();
  });
});

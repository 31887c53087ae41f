import type { Api } from './client';
import { apiErrorFrom, networkError } from './errors';
import type { Dataset } from './types';

export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

export interface UploadRequest {
  /** A new dataset in the project, or the next version of a dataset. */
  readonly target: { readonly projectId: number; readonly name: string } | { readonly datasetId: number };
  readonly file: File;
  /** @default inferred by the server from the file name */
  readonly format?: 'csv' | 'json' | 'parquet';
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Aborting stops the upload; the server then keeps nothing of it. */
  readonly signal?: AbortSignal;
}

/** Thrown when the upload was cancelled through its signal. */
export class UploadCancelledError extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadCancelledError';
  }
}

/**
 * Uploads a file as the raw request body (streamed by the server, never held whole), with
 * progress from XMLHttpRequest's upload events, which fetch does not give. Resolves with the
 * dataset the server answered; rejects with its ApiError, or UploadCancelledError.
 */
export async function uploadDataset(api: Api, request: UploadRequest): Promise<Dataset> {
  const { target, file } = request;
  const query = new URLSearchParams();
  if ('name' in target) query.set('name', target.name);
  if (request.format) query.set('format', request.format);
  const path =
    'name' in target ? `/api/projects/${target.projectId}/datasets/upload?${query}` : `/api/datasets/${target.datasetId}/versions?${query}`;
  const token = await api.session.freshAccessToken();
  return new Promise<Dataset>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${api.baseUrl}${path}`);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader(
      'content-type',
      file.type === 'text/csv' || file.type === 'application/json' ? file.type : 'application/octet-stream',
    );
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) =>
      request.onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () => {
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (response.ok) void response.json().then((body) => resolve(body as Dataset), reject);
      else void apiErrorFrom(response).then(reject, reject);
    };
    xhr.onerror = () => reject(networkError(new Error('the upload failed: the connection was lost')));
    xhr.onabort = () => reject(new UploadCancelledError());
    if (request.signal?.aborted) {
      reject(new UploadCancelledError());
      return;
    }
    request.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

import { PassThrough, Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, badRequest } from '../../errors';
import type { UploadBody } from '../../services/dataset-upload-service';
import { ObjectTooLargeError } from '../../storage/storage-errors';

/** Media types an upload body may have besides multipart/form-data: the file's bytes as they are. */
export const RAW_UPLOAD_MEDIA_TYPES = [
  'application/octet-stream',
  'text/csv',
  'application/json',
  'application/x-ndjson',
  'application/vnd.apache.parquet',
] as const;

export const UPLOAD_MEDIA_TYPES = [...RAW_UPLOAD_MEDIA_TYPES, 'multipart/form-data'] as const;

function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/**
 * Makes the routes registered after it in this context receive the request body as a stream
 * (never buffered): raw bodies of the upload media types, or multipart/form-data through
 * @fastify/multipart without its own size limit (the storage's byte meter is the one limit).
 * A Content-Length over MAX_UPLOAD_BYTES is refused with 413 before any byte is read, and a 413
 * closes the connection so the client stops sending.
 */
export async function streamUploadBodies(
  app: FastifyInstance,
  maxUploadBytes: number,
  rawMediaTypes: readonly string[] = RAW_UPLOAD_MEDIA_TYPES,
): Promise<void> {
  const accepted = [...rawMediaTypes, 'multipart/form-data'];
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...rawMediaTypes], (_request, payload, done) => done(null, payload));
  app.addContentTypeParser('*', (request, _payload, done) => {
    const sent = request.headers['content-type'];
    done(
      new ApiError(
        415,
        'unsupported_media_type',
        `${sent ? `Content-Type "${sent.slice(0, 100)}" is` : 'a body without a Content-Type is'} not accepted: send the file as ${accepted.join(', ')}`,
      ),
      undefined,
    );
  });
  await app.register(multipart, { limits: { fileSize: Infinity, fields: 20, parts: 40 } });
  app.addHook('onRequest', async (request) => {
    const declared = Number(request.headers['content-length']);
    // Multipart framing adds a few hundred bytes around the file.
    const slack = mediaTypeOf(request.headers['content-type']) === 'multipart/form-data' ? 64 * 1024 : 0;
    if (Number.isFinite(declared) && declared > maxUploadBytes + slack) throw new ObjectTooLargeError(maxUploadBytes);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (reply.statusCode === 413) reply.header('connection', 'close');
  });
}

/**
 * The request body as a stream of its own: a failed upload destroys this stream, never the
 * request, whose socket must stay open for the error answer. A client that goes away fails it.
 */
function detachedBody(raw: Readable): Readable {
  const body = new PassThrough();
  raw.pipe(body);
  raw.once('error', (error) => body.destroy(error));
  raw.once('close', () => {
    if (!raw.readableEnded) body.destroy(new Error('the client disconnected before the end of the body'));
  });
  body.once('close', () => raw.unpipe(body));
  return body;
}

/** The one file of an upload request, opened only when the service asks for it. */
export function uploadBodyOf(request: FastifyRequest): UploadBody {
  if (request.isMultipart()) {
    let files: AsyncIterableIterator<import('@fastify/multipart').MultipartFile> | undefined;
    return {
      async open() {
        files = request.files();
        const first = await files.next();
        if (first.done) throw badRequest('file_required', 'the multipart body has no file: send the dataset as its one file part');
        return { stream: first.value.file, contentType: mediaTypeOf(first.value.mimetype), fileName: first.value.filename };
      },
      async finish() {
        const next = await files?.next();
        if (next && !next.done) {
          next.value.file.resume();
          throw badRequest('one_file_only', 'the multipart body has more than one file: send exactly one');
        }
      },
    };
  }
  return {
    open: async () => ({
      stream: request.body instanceof Readable ? detachedBody(request.body) : Readable.from([]),
      contentType: mediaTypeOf(request.headers['content-type']),
    }),
  };
}

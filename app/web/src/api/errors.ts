/** An error answered by the API ({"error":{"code","message"}}) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field name -> message, for validation errors that name a field. */
  readonly fields: Readonly<Record<string, string>>;
  /** Seconds to wait, from a 429's Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, message: string, fields: Record<string, string> = {}, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }
}

interface ErrorBody {
  error?: {
    code?: unknown;
    message?: unknown;
    details?: unknown;
    fields?: unknown;
  };
}

const FIELD_IN_MESSAGE = /(?:^|\s|\b)(?:body)?[/.]([A-Za-z_][A-Za-z0-9_]*)\b/;
const MUST_HAVE_PROPERTY = /must have (?:required )?(?:the )?property ['"]([A-Za-z_][A-Za-z0-9_]*)['"]/;

/** API error codes that are about one request field. */
const CODE_FIELDS: Readonly<Record<string, string>> = {
  weak_password: 'password',
  email_taken: 'email',
  notebook_required: 'notebook',
  parameters_too_large: 'parameters',
};

/** Errors about one notebook parameter; they name it. */
const PARAMETER_CODES = new Set(['unknown_parameter', 'invalid_parameter']);
const PARAMETER_IN_MESSAGE = /parameter\s+['"`‘“]?([A-Za-z_][A-Za-z0-9_]*)/i;

/** The parameter a parameter error is about: its own field when it has one, else the one its message names. */
function parameterNamed(err: NonNullable<ErrorBody['error']>): string | undefined {
  const own = (err as { parameter?: unknown }).parameter;
  if (typeof own === 'string' && own) return own;
  const details = Array.isArray(err.details) ? (err.details as Array<Record<string, unknown>>) : [];
  for (const item of details) {
    const named = item.parameter ?? item.name;
    if (typeof named === 'string' && named) return named;
  }
  return typeof err.message === 'string' ? PARAMETER_IN_MESSAGE.exec(err.message)?.[1] : undefined;
}

/**
 * Turns the API's error body into field-level messages where it names fields: an explicit
 * `details`/`fields` list when the server sends one, otherwise the JSON-schema style
 * message ("body/name must NOT have fewer than 1 characters") parsed for its field.
 */
export function fieldErrorsOf(body: unknown): Record<string, string> {
  const err = (body as ErrorBody | undefined)?.error;
  if (!err) return {};
  const parameter = PARAMETER_CODES.has(String(err.code)) ? parameterNamed(err) : undefined;
  // A task's parameter fields are named parameters.<name> in its form.
  if (parameter) return { [`parameters.${parameter}`]: capitalize(typeof err.message === 'string' ? err.message : 'Invalid value') };
  const out: Record<string, string> = {};
  const list = Array.isArray(err.details) ? err.details : Array.isArray(err.fields) ? err.fields : undefined;
  if (list) {
    for (const item of list as Array<Record<string, unknown>>) {
      const raw = item.field ?? item.path ?? item.instancePath ?? item.name;
      const msg = item.message;
      if (typeof raw === 'string' && typeof msg === 'string') {
        const name = raw.replace(/^\/?(body[/.])?/, '').split(/[/.]/)[0];
        if (name && !out[name]) out[name] = msg;
      }
    }
    return out;
  }
  if (err.fields && typeof err.fields === 'object' && !Array.isArray(err.fields)) {
    for (const [k, v] of Object.entries(err.fields as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
    }
    return out;
  }
  const message = typeof err.message === 'string' ? err.message : '';
  const codeField = typeof err.code === 'string' ? CODE_FIELDS[err.code] : undefined;
  if (codeField) {
    out[codeField] = capitalize(message);
    return out;
  }
  const required = MUST_HAVE_PROPERTY.exec(message);
  if (required) {
    out[required[1]] = 'This field is required.';
    return out;
  }
  const named = FIELD_IN_MESSAGE.exec(message);
  if (named) {
    const rest = message.slice((named.index ?? 0) + named[0].length).trim();
    out[named[1]] = rest ? capitalize(rest) : message;
  }
  return out;
}

function capitalize(s: string): string {
  const text = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Builds an ApiError from a non-2xx response (reads the body once). */
export async function apiErrorFrom(response: Response, parsedBody?: unknown): Promise<ApiError> {
  let body = parsedBody;
  if (body === undefined) {
    try {
      body = await response.clone().json();
    } catch {
      body = undefined;
    }
  }
  const err = (body as ErrorBody | undefined)?.error;
  const code = typeof err?.code === 'string' ? err.code : statusCode(response.status);
  const message = typeof err?.message === 'string' && err.message ? err.message : defaultMessage(response.status);
  const retryHeader = response.headers.get('retry-after');
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  return new ApiError(response.status, code, message, fieldErrorsOf(body), retryAfter);
}

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return status >= 500 ? 'SERVER_ERROR' : 'ERROR';
  }
}

function defaultMessage(status: number): string {
  switch (status) {
    case 401:
      return 'Your session has ended. Sign in again.';
    case 403:
      return 'You do not have permission to do that.';
    case 404:
      return 'Not found, or you do not have access to it.';
    case 429:
      return 'Too many attempts. Wait a moment and try again.';
    default:
      return status >= 500 ? 'The server could not complete the request. Try again shortly.' : `Request failed (${status}).`;
  }
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? ` (${cause.message})` : '';
  return new ApiError(0, 'NETWORK', `Cannot reach the server${detail}. Check your connection and try again.`);
}

/** A message fit for a person, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError, badRequest } from '../errors';

/**
 * Deepest nesting of arrays and objects a JSON body may have. API bodies nest a few levels;
 * without a limit, a body of a few kilobytes nested thousands of levels deep (`[[[[...]]]]`)
 * makes every recursive walk over it (validation, the Unicode check, serialization) overflow
 * the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `text` nests, counted up to `limit + 1` (enough to know it is too deep). Brackets
 * inside strings do not count. Linear and without recursion, so any input is safe to scan.
 */
export function jsonNestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > limit) return depth;
      deepest = Math.max(deepest, depth);
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    }
  }
  return deepest;
}

/**
 * JSON request bodies: Fastify's own parser (secure-json-parse, which refuses `__proto__` and
 * `constructor.prototype` keys) behind a nesting limit, with errors that say what was wrong.
 * Only JSON is accepted: text/plain, which cross-site HTML forms can send without a CORS
 * preflight, is removed, so such bodies answer 415. Compressed bodies are refused with 415 too:
 * nothing here decompresses them, and reading gzip bytes as JSON would only say "not valid JSON".
 */
async function jsonBody(app: FastifyInstance): Promise<void> {
  app.addHook('preParsing', async (request) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      throw new ApiError(
        415,
        'unsupported_content_encoding',
        `Content-Encoding "${encoding.slice(0, 50)}" is not accepted: send the body uncompressed`,
      );
    }
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    // A body shorter than the limit cannot nest deeper than it: skip the scan.
    if (text.length > MAX_JSON_DEPTH && jsonNestingDepth(text) > MAX_JSON_DEPTH) {
      done(badRequest('json_too_deep', `the JSON body nests more than ${MAX_JSON_DEPTH} levels of arrays and objects`), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if ((error as { code?: string } | null)?.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        done(explainInvalidJson(text), undefined);
        return;
      }
      done(error, value);
    });
  });
}

/** Why secure-json-parse refused `text`: a syntax error (JSON.parse says where), or a forbidden key. */
function explainInvalidJson(text: string): Error {
  try {
    JSON.parse(text);
  } catch (syntax) {
    return badRequest('malformed_json', `the body is not valid JSON: ${(syntax as Error).message}`);
  }
  return badRequest('forbidden_property', 'the JSON body must not contain "__proto__" or "constructor.prototype" keys');
}

export default fp(jsonBody, { name: 'json-body' });

import Ajv, { type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { badRequest } from '../errors';

const COMMON_OPTIONS: Options = { allErrors: false, strict: false, useDefaults: true, removeAdditional: false };

/**
 * Request validation from the route schemas. Bodies are validated strictly: no type coercion
 * ("12" is not a number) and no silent removal of unknown fields. Path and query strings are
 * coerced to the declared types, since they are text on the wire.
 */
async function validation(app: FastifyInstance): Promise<void> {
  const strict = addFormats(new Ajv({ ...COMMON_OPTIONS, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...COMMON_OPTIONS, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));

  // JSON may carry lone UTF-16 surrogates ("\ud800"), which no database can store as text:
  // reject them instead of letting them turn into replacement characters.
  app.addHook('preValidation', async (request) => {
    const path = findMalformedString(request.body, '');
    if (path !== undefined) {
      throw badRequest('invalid_unicode', `body${path} contains a lone UTF-16 surrogate; send well-formed Unicode text`);
    }
  });
}

/** With the u flag a valid surrogate pair is one code point, so this matches only lone halves. */
const LONE_SURROGATE = /\p{Cs}/u;

function findMalformedString(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return !LONE_SURROGATE.test(value) ? undefined : path || '/';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findMalformedString(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  // Only what JSON parses to: an upload's body is a stream, not data to walk.
  if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    for (const [key, child] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return `${path}/${key}`;
      const found = findMalformedString(child, `${path}/${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Turns Ajv's errors into one sentence naming the field and what is allowed, e.g.
 * `body/role must be one of: admin, analyst, viewer` or `body must not have the property "x"`.
 */
export function formatSchemaErrors(errors: ErrorObject[], dataVar: string): Error {
  const informative = errors.find((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null')) ?? errors[0];
  const where = `${dataVar}${informative?.instancePath ?? ''}`;
  if (!informative) return new Error(`${dataVar} is invalid`);
  const { keyword, params } = informative;
  switch (keyword) {
    case 'additionalProperties':
      return new Error(`${where} must not have the property "${String(params.additionalProperty)}" (unknown field)`);
    case 'required':
      return new Error(`${where} must have the property "${String(params.missingProperty)}"`);
    case 'enum':
      return new Error(`${where} must be one of: ${(params.allowedValues as unknown[]).join(', ')}`);
    case 'pattern':
      return new Error(
        `${where} has an invalid format${informative.parentSchema?.description ? ` (expected: ${String(informative.parentSchema.description)})` : ''}`,
      );
    case 'minProperties':
      return new Error(`${where} must have at least ${String(params.limit)} field(s) to change`);
    default:
      return new Error(`${where} ${informative.message ?? 'is invalid'}`);
  }
}

export default fp(validation, { name: 'validation' });

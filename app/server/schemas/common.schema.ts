import { Type, type ObjectOptions, type Static, type TObject, type TSchema, type TUnsafe } from '@sinclair/typebox';

/** Largest id the API accepts (ids are signed 32-bit integers in both databases). */
export const MAX_ID = 2147483647;

export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID, description: 'Positive integer id' });

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. validation_failed' }),
      message: Type.String({ description: 'What was wrong and what is allowed' }),
    }),
  },
  { title: 'Error' },
);

export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (1..100)' }),
  cursor: Type.Optional(
    Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' }),
  ),
});
export type PageQuery = Static<typeof PageQuery>;

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as ?cursor= for the next page; null at the end' }),
  });
}

/** The error responses a route can give, all with the one error shape. */
export function errorResponses(...statusCodes: number[]): Record<number, typeof ErrorResponse> {
  return Object.fromEntries(statusCodes.map((code) => [code, ErrorResponse]));
}

/** A text field that must contain at least one non-space character. */
export function Name(maxLength: number, description: string) {
  return Type.String({ minLength: 1, maxLength, pattern: '\\S', description });
}

/**
 * A string from a fixed list, as a JSON-schema `enum` (one clear error naming the allowed
 * values, and an enum in the OpenAPI document) rather than a union of literals.
 */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/**
 * An object with one required property per value of a vocabulary list, each of `schema`
 * (e.g. a count per task status): adding a value to the list adds the property.
 */
export function PerValue<const K extends readonly string[], S extends TSchema>(
  values: K,
  schema: S,
  options?: ObjectOptions,
): TObject<Record<K[number], S>> {
  const properties = Object.fromEntries(values.map((value) => [value, schema])) as Record<K[number], S>;
  return Type.Object(properties, options);
}

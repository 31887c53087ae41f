import { Type, type Static } from '@sinclair/typebox';
import { DATASET_FORMATS, MANAGED_DATASET_FORMATS } from '../../../schema/vocabulary';
import { DatasetColumnSchema } from '../data-engine/column-types';
import { Id, Name, StringEnum, Timestamp } from './common.schema';

export const DatasetFormat = StringEnum(DATASET_FORMATS);
export const ManagedDatasetFormat = StringEnum(MANAGED_DATASET_FORMATS, 'Format of the uploaded file: csv, json or parquet');

const Uri = Type.String({
  minLength: 4,
  maxLength: 2000,
  pattern: '^[A-Za-z][A-Za-z0-9+.-]*://\\S+$',
  description: 'Location such as s3://bucket/key or https://host/path',
});
const SizeBytes = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Size in bytes' });
const DatasetName = Name(200, "Dataset name (1..200 characters, no '/', '\\' or control characters, not '.' or '..')");

export const DatasetSchema = Type.Object({ columns: Type.Array(DatasetColumnSchema) }, { title: 'DatasetSchema' });
export type DatasetSchema = Static<typeof DatasetSchema>;

export const Dataset = Type.Object(
  {
    id: Id,
    projectId: Id,
    name: Type.String(),
    managed: Type.Boolean({ description: 'true: uploaded and stored in versions; false: a registered external uri' }),
    uri: Type.String({ description: 'Registered: the external location. Managed: where the current version is stored' }),
    format: DatasetFormat,
    sizeBytes: Type.Integer(),
    version: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Current version (managed only)' }),
    rowCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    schema: Type.Union([DatasetSchema, Type.Null()]),
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Dataset' },
);
export type Dataset = Static<typeof Dataset>;

export const CreateDatasetBody = Type.Object(
  {
    name: DatasetName,
    uri: Uri,
    format: DatasetFormat,
    sizeBytes: Type.Optional(SizeBytes),
  },
  { additionalProperties: false },
);
export type CreateDatasetBody = Static<typeof CreateDatasetBody>;

export const UpdateDatasetBody = Type.Object(
  {
    name: Type.Optional(DatasetName),
    uri: Type.Optional(Uri),
    format: Type.Optional(DatasetFormat),
    sizeBytes: Type.Optional(SizeBytes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDatasetBody = Static<typeof UpdateDatasetBody>;

export const UploadQuery = Type.Object({
  name: DatasetName,
  format: Type.Optional(ManagedDatasetFormat),
});
export type UploadQuery = Static<typeof UploadQuery>;

export const NewVersionQuery = Type.Object({
  format: Type.Optional(ManagedDatasetFormat),
});
export type NewVersionQuery = Static<typeof NewVersionQuery>;

export const DatasetVersion = Type.Object(
  {
    id: Id,
    datasetId: Id,
    version: Type.Integer({ minimum: 1 }),
    format: ManagedDatasetFormat,
    sizeBytes: Type.Integer(),
    rowCount: Type.Integer(),
    schema: DatasetSchema,
    sha256: Type.String({ description: 'SHA-256 of the stored bytes, lower-case hex' }),
    runId: Type.Union([Id, Type.Null()], { description: 'The run whose output this version is' }),
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
  },
  { title: 'DatasetVersion' },
);
export type DatasetVersion = Static<typeof DatasetVersion>;

export const VersionQuery = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647, description: 'A version number; the current one when absent' })),
});
export type VersionQuery = Static<typeof VersionQuery>;

export const PreviewQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Rows (1..1000)' }),
  version: VersionQuery.properties.version,
});
export type PreviewQuery = Static<typeof PreviewQuery>;

const Rows = Type.Array(Type.Array(Type.Unknown()), { description: 'One array per row, values in column order' });

export const DatasetPreview = Type.Object(
  {
    columns: Type.Array(DatasetColumnSchema),
    rows: Rows,
    rowCount: Type.Integer({ description: 'Rows in the whole version (the preview shows the first `limit`)' }),
    version: Type.Integer(),
  },
  { title: 'DatasetPreview' },
);
export type DatasetPreview = Static<typeof DatasetPreview>;

const Value = Type.Unknown({ description: 'A JSON value of the column type' });

export const ColumnProfile = Type.Object({
  name: Type.String(),
  type: DatasetColumnSchema.properties.type,
  nullCount: Type.Integer(),
  distinctCount: Type.Integer(),
  min: Value,
  max: Value,
  mean: Type.Optional(Type.Union([Type.Number(), Type.Null()], { description: 'Numbers only: mean of the finite values' })),
  top: Type.Array(Type.Object({ value: Value, count: Type.Integer() }), { description: 'Up to 5 most frequent values' }),
  histogram: Type.Optional(
    Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), count: Type.Integer() }), {
      description: 'Numbers only: counts in up to 10 equal-width bins',
    }),
  ),
});

export const DatasetProfile = Type.Object(
  { rowCount: Type.Integer(), version: Type.Integer(), columns: Type.Array(ColumnProfile) },
  { title: 'DatasetProfile' },
);
export type DatasetProfile = Static<typeof DatasetProfile>;

export const QueryBody = Type.Object(
  {
    sql: Type.String({ minLength: 1, maxLength: 100_000, description: 'One SELECT (or WITH ... SELECT) over the project datasets' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, description: 'Most rows returned (default 1000)' })),
  },
  { additionalProperties: false },
);
export type QueryBody = Static<typeof QueryBody>;

export const QueryResult = Type.Object(
  {
    columns: Type.Array(DatasetColumnSchema),
    rows: Rows,
    rowCount: Type.Integer({ description: 'Rows returned' }),
    truncated: Type.Boolean({ description: 'true when the query had more rows than `limit`' }),
    elapsedMs: Type.Integer(),
  },
  { title: 'QueryResult' },
);
export type QueryResult = Static<typeof QueryResult>;

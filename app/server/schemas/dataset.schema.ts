import { Type, type Static } from '@sinclair/typebox';
import { DATASET_FORMATS } from '../../../schema/vocabulary';
import { Id, Name, StringEnum, Timestamp } from './common.schema';

export const DatasetFormat = StringEnum(DATASET_FORMATS);

const Uri = Type.String({
  minLength: 4,
  maxLength: 2000,
  pattern: '^[A-Za-z][A-Za-z0-9+.-]*://\\S+$',
  description: 'Location such as s3://bucket/key or https://host/path',
});
const SizeBytes = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Size in bytes' });

export const Dataset = Type.Object(
  {
    id: Id,
    projectId: Id,
    name: Type.String(),
    uri: Type.String(),
    format: DatasetFormat,
    sizeBytes: Type.Integer(),
    createdBy: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
  },
  { title: 'Dataset' },
);
export type Dataset = Static<typeof Dataset>;

export const CreateDatasetBody = Type.Object(
  {
    name: Name(200, 'Dataset name (1..200 characters)'),
    uri: Uri,
    format: DatasetFormat,
    sizeBytes: Type.Optional(SizeBytes),
  },
  { additionalProperties: false },
);
export type CreateDatasetBody = Static<typeof CreateDatasetBody>;

export const UpdateDatasetBody = Type.Object(
  {
    name: Type.Optional(Name(200, 'Dataset name (1..200 characters)')),
    uri: Type.Optional(Uri),
    format: Type.Optional(DatasetFormat),
    sizeBytes: Type.Optional(SizeBytes),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDatasetBody = Static<typeof UpdateDatasetBody>;

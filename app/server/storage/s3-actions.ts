/**
 * The IAM actions the S3 storage needs, per AWS SDK command it sends (S3ObjectStorage and
 * lib-storage's multipart Upload, which sends PutObject for a body under one part and
 * CreateMultipartUpload / UploadPart / CompleteMultipartUpload / AbortMultipartUpload
 * otherwise; it never lists parts). The web app's IAM role is granted exactly the union
 * (lib/stacks/data-stack.ts), and test/app/storage/s3-permissions.test.ts records the commands a
 * full exercise of the storage sends against S3 to prove the two match. This file has no
 * imports, so the CDK app can take it as it is.
 */
export const S3_ACTIONS_BY_COMMAND = {
  PutObjectCommand: ['s3:PutObject'],
  CreateMultipartUploadCommand: ['s3:PutObject'],
  UploadPartCommand: ['s3:PutObject'],
  CompleteMultipartUploadCommand: ['s3:PutObject'],
  AbortMultipartUploadCommand: ['s3:AbortMultipartUpload'],
  // A copy reads its source and writes its target, both under the app's prefix.
  CopyObjectCommand: ['s3:GetObject', 's3:PutObject'],
  GetObjectCommand: ['s3:GetObject'],
  HeadObjectCommand: ['s3:GetObject'],
  DeleteObjectCommand: ['s3:DeleteObject'],
  DeleteObjectsCommand: ['s3:DeleteObject'],
  ListObjectsV2Command: ['s3:ListBucket'],
} as const;

export type S3CommandName = keyof typeof S3_ACTIONS_BY_COMMAND;

/** Every IAM action the storage needs, sorted: what the web app's role is granted on its prefix. */
export const STORAGE_S3_ACTIONS: readonly string[] = [...new Set(Object.values(S3_ACTIONS_BY_COMMAND).flat())].sort();

/**
 * KMS actions S3 performs with the caller's permissions on an SSE-KMS bucket: Decrypt to read
 * (and to complete a multipart upload), GenerateDataKey to write.
 */
export const STORAGE_KMS_ACTIONS: readonly string[] = ['kms:Decrypt', 'kms:GenerateDataKey'];

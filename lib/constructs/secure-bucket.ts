import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface SecureBucketProps {
  /** Key the objects are encrypted with (SSE-KMS with an S3 bucket key to keep KMS calls cheap). */
  readonly encryptionKey: kms.IKey;
  /** Bucket receiving the server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /** Prefix of this bucket's access logs inside accessLogsBucket. */
  readonly accessLogsPrefix: string;
  /** Keep every object version: for data that cannot be recomputed. */
  readonly versioned: boolean;
  /**
   * Delete current objects this many days after creation.
   * @default - objects never expire
   */
  readonly expireAfter?: Duration;
  /**
   * Delete noncurrent versions this many days after they become noncurrent.
   * @default Duration.days(90) when versioned
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Abort multipart uploads left incomplete this long (their parts are stored and billed).
   * @default Duration.days(7)
   */
  readonly abortIncompleteUploadsAfter?: Duration;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An S3 bucket with the platform's defaults: SSE-KMS, every kind of public access blocked,
 * TLS-only bucket policy, access logging, object ownership enforced and no hard-coded name.
 */
export class SecureBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const lifecycleRules: s3.LifecycleRule[] = [
      { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: props.abortIncompleteUploadsAfter ?? Duration.days(7) },
    ];
    if (props.expireAfter !== undefined) {
      lifecycleRules.push({ id: 'expire-objects', expiration: props.expireAfter });
    }
    if (props.versioned) {
      lifecycleRules.push({
        id: 'expire-noncurrent-versions',
        noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(90),
      });
    }
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.versioned,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: props.accessLogsPrefix,
      lifecycleRules,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
  }
}

import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** One object written at deploy time. */
export interface SeedObject {
  readonly bucket: s3.IBucket;
  /** Key of the object; a key ending in "/" with an empty body is an S3A directory marker. */
  readonly key: string;
  readonly body: string;
  readonly contentType: string;
}

export interface SeedObjectsProps {
  readonly objects: readonly SeedObject[];
  /** Key the buckets encrypt with (PutObject needs to generate data keys under it). */
  readonly encryptionKey: kms.IKey;
}

/**
 * Writes small objects into buckets while the stack deploys, before anything in the cluster
 * stack reads them: the Spark event log "directory" (Spark's S3A client fails at SparkContext
 * start when spark.eventLog.dir does not exist) and the sample dataset the shipped jobs read.
 * Updated when a body changes; left in place when the stack is deleted (they are data).
 */
export class SeedObjects extends Construct {
  /** One custom resource per object, for dependencies and checks. */
  readonly resources: cr.AwsCustomResource[] = [];

  constructor(scope: Construct, id: string, props: SeedObjectsProps) {
    super(scope, id);
    props.objects.forEach((object, index) => {
      const put: cr.AwsSdkCall = {
        service: 'S3',
        action: 'putObject',
        parameters: { Bucket: object.bucket.bucketName, Key: object.key, Body: object.body, ContentType: object.contentType },
        physicalResourceId: cr.PhysicalResourceId.of(`seed:${object.key}`),
      };
      const resource = new cr.AwsCustomResource(this, `Object${index}`, {
        onCreate: put,
        onUpdate: put,
        installLatestAwsSdk: false,
        policy: cr.AwsCustomResourcePolicy.fromStatements([
          new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [object.bucket.arnForObjects(object.key)] }),
          new iam.PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [props.encryptionKey.keyArn] }),
        ]),
      });
      this.resources.push(resource);
    });
  }
}

/** Acknowledges the findings on the function aws-cdk-lib's AwsCustomResource runs, once per stack. */
export function acknowledgeSeedProvider(scope: Construct): void {
  for (const child of scope.node.findAll()) {
    if (child.node.id !== `AWS${cr.AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`) continue;
    Validations.of(child).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'The AwsCustomResource function that writes the seed objects writes its own CloudWatch logs only.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-L1',
        reason: 'aws-cdk-lib pins the AwsCustomResource runtime to one its bundled handler supports.',
      },
    );
  }
}

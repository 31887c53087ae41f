import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface WorkloadRoleProps {
  /** Namespace of the Kubernetes service accounts (created by the cdk8s charts). */
  readonly namespace: string;
  /** Service accounts in that namespace that may assume the role. */
  readonly serviceAccounts: string[];
  /** What the role is for, shown in IAM. */
  readonly description: string;
}

/**
 * An IAM role for pods, assumed through EKS Pod Identity. The trust policy only accepts
 * sessions Pod Identity tagged with the given namespace and service accounts, and every
 * grant is an exact action list in the role's own policy, so the role can live next to
 * the data it reaches while the cluster stack binds it (see PodIdentityBinding).
 */
export class WorkloadRole extends Construct {
  readonly role: iam.Role;
  readonly namespace: string;
  readonly serviceAccounts: string[];

  constructor(scope: Construct, id: string, props: WorkloadRoleProps) {
    super(scope, id);
    this.namespace = props.namespace;
    this.serviceAccounts = props.serviceAccounts;
    const podIdentity = new iam.ServicePrincipal('pods.eks.amazonaws.com').withConditions({
      StringEquals: {
        'aws:RequestTag/kubernetes-namespace': props.namespace,
        'aws:RequestTag/kubernetes-service-account': props.serviceAccounts,
      },
    });
    this.role = new iam.Role(this, 'Role', { description: props.description, assumedBy: podIdentity });
    // Pod Identity passes the namespace and service account as session tags.
    this.role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')], actions: ['sts:TagSession'] }),
    );
  }

  /** Object access to one bucket: exact actions, that bucket's objects only, its key through S3 only. */
  grantBucket(bucket: s3.IBucket, access: 'read' | 'readWrite'): void {
    const objectActions = ['s3:GetObject', 's3:GetObjectVersion'];
    const keyActions = ['kms:Decrypt'];
    if (access === 'readWrite') {
      objectActions.push('s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts');
      keyActions.push('kms:GenerateDataKey');
    }
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
        resources: [bucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: objectActions, resources: [bucket.arnForObjects('*')] }));
    if (bucket.encryptionKey !== undefined) {
      this.grantKeyVia(bucket.encryptionKey, 's3', keyActions);
    }
    const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(cfnBucket).getLogicalId(cfnBucket)}.Arn>/*]`,
      reason: `Objects are addressed by key at run time; the wildcard covers the objects of this one bucket only, with ${access === 'read' ? 'read' : 'read and write'} actions listed exactly.`,
    });
  }

  /**
   * Exactly `actions` on the objects under `prefix/` of one bucket: s3:ListBucket only with an
   * `s3:prefix` condition naming that prefix, every object action on `<bucket>/<prefix>/*`, and
   * the bucket key's Decrypt and GenerateDataKey through S3 only (what SSE-KMS reads and writes
   * need).
   */
  grantObjectPrefix(bucket: s3.IBucket, prefix: string, actions: readonly string[], keyActions: readonly string[]): void {
    if (!/^[A-Za-z0-9_=-][A-Za-z0-9._=-]*$/.test(prefix)) {
      throw new Error(`prefix must be one key segment of letters, digits and ._=- (no '/'), got '${prefix}'`);
    }
    const objectActions = actions.filter((action) => action !== 's3:ListBucket');
    if (actions.includes('s3:ListBucket')) {
      this.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
          conditions: { StringLike: { 's3:prefix': [`${prefix}/*`] } },
        }),
      );
    }
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: objectActions, resources: [bucket.arnForObjects(`${prefix}/*`)] }));
    if (bucket.encryptionKey !== undefined) this.grantKeyVia(bucket.encryptionKey, 's3', [...keyActions]);
    const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(cfnBucket).getLogicalId(cfnBucket)}.Arn>/${prefix}/*]`,
      reason: `Objects are addressed by key at run time; the wildcard covers only the objects under ${prefix}/ of this one bucket, with the actions the code calls listed exactly.`,
    });
  }

  /** Reading one secret, decrypting it through Secrets Manager only. */
  grantSecretRead(secret: secretsmanager.ISecret, key: kms.IKey): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        resources: [secret.secretArn],
      }),
    );
    this.grantKeyVia(key, 'secretsmanager', ['kms:Decrypt']);
  }

  private grantKeyVia(key: kms.IKey, service: string, actions: string[]): void {
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions,
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }
}

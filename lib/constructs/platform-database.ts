import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';

export interface PlatformDatabaseProps {
  readonly vpc: ec2.IVpc;
  /** RDS for MySQL engine version, pinned (e.g. "8.4.10"). */
  readonly engineVersion: string;
  /** Instance class without the "db." prefix. */
  readonly instanceType: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly deletionProtection: boolean;
  readonly backupRetention: Duration;
  /** Key for storage, Performance Insights and the credentials secret. */
  readonly encryptionKey: kms.IKey;
  /**
   * SNAPSHOT keeps a final snapshot when the instance is deleted.
   * @default RemovalPolicy.SNAPSHOT
   */
  readonly removalPolicy?: RemovalPolicy;
  /** How often Secrets Manager rotates the master password. */
  readonly rotationInterval: Duration;
}

export const DATABASE_NAME = 'datavis';
export const DATABASE_ADMIN_USER = 'datavis_admin';
export const MYSQL_PORT = 3306;

/**
 * RDS for MySQL for the web app: isolated subnets, encrypted storage, TLS required by the
 * parameter group, IAM authentication, generated and rotated credentials in Secrets Manager,
 * Performance Insights, enhanced monitoring and log exports.
 */
export class PlatformDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  /** Allows nothing in by default; the cluster stack adds the one rule for its pods. */
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: PlatformDatabaseProps) {
    super(scope, id);
    const [major, minor] = props.engineVersion.split('.');
    const engine = rds.DatabaseInstanceEngine.mysql({
      version: rds.MysqlEngineVersion.of(props.engineVersion, `${major}.${minor}`),
    });
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: 'datavis MySQL: TLS only, utf8mb4',
      parameters: {
        require_secure_transport: 'ON',
        tls_version: 'TLSv1.2,TLSv1.3',
        character_set_server: 'utf8mb4',
        collation_server: 'utf8mb4_0900_ai_ci',
        slow_query_log: '1',
        long_query_time: '1',
      },
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Web app MySQL: reachable from the EKS cluster only',
      allowAllOutbound: false,
    });
    this.instance = new rds.DatabaseInstance(this, 'Instance', {
      engine,
      port: MYSQL_PORT,
      securityGroups: [this.securityGroup],
      instanceType: new ec2.InstanceType(props.instanceType),
      vpc: props.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      databaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromGeneratedSecret(DATABASE_ADMIN_USER, { encryptionKey: props.encryptionKey }),
      parameterGroup,
      storageType: rds.StorageType.GP3,
      allocatedStorage: props.allocatedStorageGiB,
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageEncrypted: true,
      storageEncryptionKey: props.encryptionKey,
      multiAz: props.multiAz,
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.SNAPSHOT,
      backupRetention: props.backupRetention,
      copyTagsToSnapshot: true,
      iamAuthentication: true,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: props.encryptionKey,
      monitoringInterval: Duration.seconds(60),
      cloudwatchLogsExports: ['error', 'general', 'slowquery'],
      cloudwatchLogsRetention: logs.RetentionDays.THREE_MONTHS,
      // The engine version is pinned in the release file; upgrades go through promotion.
      autoMinorVersionUpgrade: false,
      publiclyAccessible: false,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
    });
    this.instance.addRotationSingleUser({ automaticallyAfter: props.rotationInterval });

    Validations.of(this.instance).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
        reason: 'Enhanced monitoring requires this AWS managed role policy; it only writes to the RDSOSMetrics log group.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-RDS11',
        reason:
          "The instance sits in isolated subnets behind a group that admits the cluster only, with TLS and IAM auth; the pods' NetworkPolicies name port 3306.",
      },
    );
    if (!props.multiAz) {
      Validations.of(this.instance).acknowledge({
        id: 'AwsSolutions::AwsSolutions-RDS3',
        reason: 'Single-AZ by design outside prod (cost); prod is Multi-AZ and the config rejects prod without it.',
      });
    }
    if (!props.deletionProtection) {
      Validations.of(this.instance).acknowledge({
        id: 'AwsSolutions::AwsSolutions-RDS10',
        reason: 'dev and staging are torn down freely; prod has deletion protection and the config rejects prod without it.',
      });
    }
    // The log retention function is a stack-wide singleton aws-cdk-lib adds for cloudwatchLogsRetention.
    const logRetention = Stack.of(this).node.tryFindChild('LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a');
    if (logRetention !== undefined) {
      Validations.of(logRetention).acknowledge(
        {
          id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'The log retention function writes its own logs only.',
        },
        {
          id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
          reason: 'logs:PutRetentionPolicy on RDS log groups that exist only once the instance writes to them.',
        },
      );
    }
  }
}

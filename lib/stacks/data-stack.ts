import * as fs from 'fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { STORAGE_KMS_ACTIONS, STORAGE_S3_ACTIONS } from '../../app/server/storage/s3-actions';
import { DEFAULT_EVENT_LOG_PREFIX, WEB_APP_STORAGE_PREFIX } from '../../charts';
import { SAMPLE_SALES_FILE, SAMPLE_SALES_KEY } from '../../notebooks/schedules';
import { EnvironmentConfig } from '../config';
import { EventCache } from '../constructs/event-cache';
import { PlatformDatabase } from '../constructs/platform-database';
import { SecureBucket } from '../constructs/secure-bucket';
import { SeedObjects, acknowledgeSeedProvider } from '../constructs/seed-objects';
import { WORKLOAD_SERVICE_ACCOUNTS, Workload } from '../constructs/workload-service-accounts';
import { WorkloadRole } from '../constructs/workload-role';

export interface DataStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
}

/** Everything that holds data: the web app's MySQL, the live-events Valkey and the S3 buckets. */
export class DataStack extends Stack {
  readonly database: rds.DatabaseInstance;
  readonly databaseSecurityGroup: ec2.ISecurityGroup;
  /** Encrypts the database, its credentials secret and the cache AUTH token secret. */
  readonly databaseKey: kms.IKey;
  readonly eventCache: EventCache;
  /** Key the web app signs access tokens with; replicas share it. */
  readonly jwtSecret: secretsmanager.ISecret;
  readonly datasetsBucket: s3.IBucket;
  readonly notebookOutputsBucket: s3.IBucket;
  readonly sparkEventLogsBucket: s3.IBucket;
  /** IAM roles of the workloads that reach this data, bound to their pods by the cluster stack. */
  readonly workloadRoles: Record<Workload, WorkloadRole>;
  /** Objects written at deploy time: the Spark event log prefix and the sample dataset. */
  readonly seedObjects: SeedObjects;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config, vpc } = props;
    const isProd = config.name === 'prod';
    const removalPolicy = isProd ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const databaseKey = (this.databaseKey = new kms.Key(this, 'DatabaseKey', {
      description: 'Encrypts the web app database, its credentials and the live-events cache',
      enableKeyRotation: true,
      removalPolicy,
    }));
    const storageKey = new kms.Key(this, 'StorageKey', {
      description: 'Encrypts the datasets, notebook outputs and Spark event log buckets',
      enableKeyRotation: true,
      removalPolicy,
    });

    const db = config.database;
    const platformDatabase = new PlatformDatabase(this, 'Database', {
      vpc,
      engineVersion: config.release.rdsEngineVersion,
      instanceType: db.instanceType,
      allocatedStorageGiB: db.allocatedStorageGiB,
      maxAllocatedStorageGiB: db.maxAllocatedStorageGiB,
      multiAz: db.multiAz,
      deletionProtection: db.deletionProtection,
      backupRetention: Duration.days(db.backupRetentionDays),
      encryptionKey: databaseKey,
      removalPolicy: isProd ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      rotationInterval: Duration.days(30),
    });
    this.database = platformDatabase.instance;
    // `npm run platform` finds the instance through this output (lib/promotion/stack-outputs.ts).
    new CfnOutput(this, 'DatabaseInstanceId', { value: this.database.instanceIdentifier, description: 'RDS DB instance identifier' });
    this.databaseSecurityGroup = platformDatabase.securityGroup;

    this.eventCache = new EventCache(this, 'EventCache', {
      vpc,
      nodeType: config.cache.nodeType,
      replicas: config.cache.replicas,
      encryptionKey: databaseKey,
    });

    const jwtSecret = new secretsmanager.Secret(this, 'JwtSecret', {
      description: 'Signing key of the web app access tokens',
      encryptionKey: databaseKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(jwtSecret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'Rotating the signing key would sign out every user at once; it is rotated by a deliberate redeploy that replaces the secret, and access tokens live 15 minutes.',
    });
    this.jwtSecret = jwtSecret;

    // S3 server access logs can only be delivered to an SSE-S3 bucket.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(isProd ? 365 : 90) }],
      removalPolicy,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access log destination itself; logging it to itself would loop.',
    });

    this.datasetsBucket = new SecureBucket(this, 'Datasets', {
      encryptionKey: storageKey,
      accessLogsBucket: accessLogs,
      accessLogsPrefix: 'datasets/',
      // Analysts' source data cannot be recomputed: keep versions.
      versioned: true,
      // The web app aborts the uploads it abandons; a process killed mid-upload leaves parts.
      abortIncompleteUploadsAfter: Duration.days(1),
      removalPolicy,
    }).bucket;
    this.notebookOutputsBucket = new SecureBucket(this, 'NotebookOutputs', {
      encryptionKey: storageKey,
      accessLogsBucket: accessLogs,
      accessLogsPrefix: 'notebook-outputs/',
      // Executed notebooks are reports people cite; keep versions, expire old runs.
      versioned: true,
      expireAfter: Duration.days(isProd ? 365 : 90),
      noncurrentVersionExpiration: Duration.days(30),
      removalPolicy,
    }).bucket;
    this.sparkEventLogsBucket = new SecureBucket(this, 'SparkEventLogs', {
      encryptionKey: storageKey,
      accessLogsBucket: accessLogs,
      accessLogsPrefix: 'spark-event-logs/',
      // Event logs only feed the history server and are rewritten by every run.
      versioned: false,
      expireAfter: Duration.days(isProd ? 90 : 30),
      removalPolicy,
    }).bucket;

    this.seedObjects = new SeedObjects(this, 'Seed', {
      encryptionKey: storageKey,
      objects: [
        // An S3A directory marker: Spark's event log writer and the History Server need the directory to exist.
        { bucket: this.sparkEventLogsBucket, key: `${DEFAULT_EVENT_LOG_PREFIX}/`, body: '', contentType: 'application/x-directory' },
        // The sample the shipped notebook schedules and the profiling SparkApplication read.
        { bucket: this.datasetsBucket, key: SAMPLE_SALES_KEY, body: fs.readFileSync(SAMPLE_SALES_FILE, 'utf8'), contentType: 'text/csv' },
      ],
    });
    acknowledgeSeedProvider(this);

    const workloadRole = (workload: Workload, id: string, description: string) =>
      new WorkloadRole(this, id, {
        description,
        namespace: WORKLOAD_SERVICE_ACCOUNTS[workload].namespace,
        serviceAccounts: [...WORKLOAD_SERVICE_ACCOUNTS[workload].serviceAccounts],
      });
    this.workloadRoles = {
      spark: workloadRole('spark', 'SparkRole', 'Spark drivers and executors: datasets and event logs'),
      sparkHistory: workloadRole('sparkHistory', 'SparkHistoryRole', 'Spark History Server: reads event logs'),
      notebooks: workloadRole('notebooks', 'NotebooksRole', 'Scheduled Papermill runs: read datasets, write notebook outputs'),
      jupyterhub: workloadRole(
        'jupyterhub',
        'JupyterhubRole',
        'JupyterHub single-user servers: read datasets, read and write notebook outputs',
      ),
      webApp: workloadRole('webApp', 'WebAppRole', 'Web app: managed dataset files under its prefix of the datasets bucket'),
      webAppSecrets: workloadRole(
        'webAppSecrets',
        'WebAppSecretsRole',
        'External Secrets: reads the web app database, cache and signing secrets',
      ),
    };
    const { spark, sparkHistory, notebooks, jupyterhub, webApp, webAppSecrets } = this.workloadRoles;
    spark.grantBucket(this.datasetsBucket, 'readWrite');
    spark.grantBucket(this.sparkEventLogsBucket, 'readWrite');
    sparkHistory.grantBucket(this.sparkEventLogsBucket, 'read');
    notebooks.grantBucket(this.datasetsBucket, 'read');
    notebooks.grantBucket(this.notebookOutputsBucket, 'readWrite');
    jupyterhub.grantBucket(this.datasetsBucket, 'read');
    jupyterhub.grantBucket(this.notebookOutputsBucket, 'readWrite');
    // Exactly the actions app/server/storage sends, on the prefix STORAGE_URL names in the WebAppChart.
    webApp.grantObjectPrefix(this.datasetsBucket, WEB_APP_STORAGE_PREFIX, STORAGE_S3_ACTIONS, STORAGE_KMS_ACTIONS);
    webAppSecrets.grantSecretRead(this.database.secret!, databaseKey);
    webAppSecrets.grantSecretRead(this.eventCache.authSecret, databaseKey);
    webAppSecrets.grantSecretRead(this.jwtSecret, databaseKey);
  }
}

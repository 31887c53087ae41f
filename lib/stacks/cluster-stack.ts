import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { PlatformCharts, platformCharts } from '../../charts';
import { ClusterAutoscaler } from '../addons/cluster-autoscaler';
import { EbsCsiDriver, GP3_STORAGE_CLASS } from '../addons/ebs-csi-driver';
import { ExternalSecrets, WebAppSecret } from '../addons/external-secrets';
import { JupyterHub } from '../addons/jupyterhub';
import { SparkOperator } from '../addons/spark-operator';
import { EnvironmentConfig } from '../config';
import { EVENT_CACHE_PORT } from '../constructs/event-cache';
import { PlatformCertificate } from '../constructs/platform-certificate';
import { PlatformCluster } from '../constructs/platform-cluster';
import { MYSQL_PORT } from '../constructs/platform-database';
import { PlatformImages } from '../constructs/platform-images';
import { PodIdentityBinding } from '../constructs/pod-identity-binding';
import { SecurityGroupIngress } from '../constructs/security-group-ingress';
import { DataStack } from './data-stack';

export interface ClusterStackProps extends StackProps {
  readonly config: EnvironmentConfig;
  readonly vpc: ec2.IVpc;
  readonly data: DataStack;
}

/** Kubernetes Secret holding DATABASE_URL, JWT_SECRET and REDIS_URL for the web app. */
export const WEB_APP_SECRET_NAME = 'web-app-secrets';
/** Where the web app image keeps the RDS CA bundle (see app/Dockerfile). */
export const RDS_CA_BUNDLE_PATH = '/etc/ssl/certs/rds-global-bundle.pem';

/** EKS with its add-ons, the workload identities and the Kubernetes workloads. */
export class ClusterStack extends Stack {
  readonly cluster: eks.Cluster;
  readonly certificateArn: string;
  readonly charts: PlatformCharts;

  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id, props);
    const { config, vpc, data } = props;
    const removalPolicy = config.name === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const platformCluster = new PlatformCluster(this, 'Eks', {
      vpc,
      kubernetesVersion: config.release.kubernetesVersion,
      loadBalancerControllerVersion: config.release.charts.awsLoadBalancerController,
      sizing: config.cluster,
      removalPolicy,
    });
    const cluster = (this.cluster = platformCluster.cluster);
    // `npm run platform` finds the cluster through this output (lib/promotion/stack-outputs.ts).
    new CfnOutput(this, 'ClusterName', { value: cluster.clusterName, description: 'EKS cluster name' });
    new EbsCsiDriver(this, 'EbsCsi', { cluster, volumeKey: platformCluster.secretsKey });
    new ClusterAutoscaler(this, 'ClusterAutoscaler', { cluster });
    this.certificateArn = new PlatformCertificate(this, 'Certificate', { domain: config.domain }).certificateArn;

    new SecurityGroupIngress(this, 'MySqlFromPods', {
      target: data.databaseSecurityGroup,
      source: cluster.clusterSecurityGroup,
      port: MYSQL_PORT,
      description: 'MySQL from EKS pods',
    });
    new SecurityGroupIngress(this, 'ValkeyFromPods', {
      target: data.eventCache.securityGroup,
      source: cluster.clusterSecurityGroup,
      port: EVENT_CACHE_PORT,
      description: 'Valkey from EKS pods',
    });
    for (const [workload, role] of Object.entries(data.workloadRoles)) {
      new PodIdentityBinding(this, `${workload}PodIdentity`, { cluster, workload: role });
    }

    const images = new PlatformImages(this, 'Images');
    const charts = (this.charts = platformCharts({
      images: { webApp: images.webApp.imageUri, spark: images.spark.imageUri, notebookRunner: images.notebookRunner.imageUri },
      buckets: {
        datasetsBucket: data.datasetsBucket.bucketName,
        outputsBucket: data.notebookOutputsBucket.bucketName,
        sparkEventLogs: data.sparkEventLogsBucket.bucketName,
      },
      vpcCidr: config.network.vpcCidr,
      webAppSecretName: WEB_APP_SECRET_NAME,
      webAppExposure: { kind: 'alb', certificateArn: this.certificateArn, host: config.domain.appHostname },
      jupyterHubExposure: { kind: 'alb', certificateArn: this.certificateArn, host: config.domain.jupyterHostname },
      userStorageClass: GP3_STORAGE_CLASS,
    }));

    // Order matters: the operators' CRDs before the objects that use them, namespaces before releases into them.
    const sparkOperator = new SparkOperator(this, 'SparkOperator', {
      cluster,
      version: config.release.charts.sparkOperator,
      values: charts.sparkOperatorValues,
    });
    const spark = cluster.addCdk8sChart('SparkChart', charts.spark);
    spark.node.addDependency(sparkOperator.release);

    cluster.addCdk8sChart('NotebooksChart', charts.notebooks);

    const jupyterHubSpark = cluster.addCdk8sChart('JupyterHubSparkChart', charts.jupyterHubSpark);
    const jupyterHub = new JupyterHub(this, 'JupyterHub', {
      cluster,
      version: config.release.charts.jupyterhub,
      namespace: charts.jupyterHubSpark.namespaceName,
      values: charts.jupyterHubValues,
    });
    jupyterHub.release.node.addDependency(jupyterHubSpark);

    const webApp = cluster.addCdk8sChart('WebAppChart', charts.webApp);
    const externalSecrets = new ExternalSecrets(this, 'ExternalSecrets', { cluster });
    const webAppSecret = new WebAppSecret(this, 'WebAppSecret', {
      cluster,
      operator: externalSecrets,
      namespace: charts.webApp.namespaceName,
      targetSecretName: WEB_APP_SECRET_NAME,
      databaseSecret: data.database.secret!,
      databaseCaFile: RDS_CA_BUNDLE_PATH,
      jwtSecret: data.jwtSecret,
      cacheAuthSecret: data.eventCache.authSecret,
      cacheHost: data.eventCache.replicationGroup.attrPrimaryEndPointAddress,
      cachePort: data.eventCache.replicationGroup.attrPrimaryEndPointPort,
    });
    webAppSecret.manifest.node.addDependency(webApp);
  }
}

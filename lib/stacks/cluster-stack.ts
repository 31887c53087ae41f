import { Annotations, CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct, IConstruct } from 'constructs';
import { PlatformCharts, platformCharts } from '../../charts';
import { ClusterAutoscaler } from '../addons/cluster-autoscaler';
import { ExternalDns } from '../addons/external-dns';
import { EbsCsiDriver, GP3_STORAGE_CLASS } from '../addons/ebs-csi-driver';
import { ExternalSecrets, WebAppSecret } from '../addons/external-secrets';
import { Headlamp } from '../addons/headlamp';
import { JupyterHub } from '../addons/jupyterhub';
import { Reloader } from '../addons/reloader';
import { SparkOperator } from '../addons/spark-operator';
import { EnvironmentConfig, sparkVersionOf } from '../config';
import { EVENT_CACHE_PORT } from '../constructs/event-cache';
import { PlatformCertificate } from '../constructs/platform-certificate';
import { PlatformCluster } from '../constructs/platform-cluster';
import { MYSQL_PORT } from '../constructs/platform-database';
import { PlatformImages } from '../constructs/platform-images';
import { PlatformObservability } from '../constructs/platform-observability';
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

/**
 * EKS with its add-ons, the workload identities and the Kubernetes workloads, in the order a
 * first deploy needs: nodes, network policy enforcement, the load balancer controller and
 * storage first; then the namespaces; then the operators (Spark operator, External Secrets,
 * Reloader) whose CRDs, webhooks and namespaced RBAC the charts rely on; then the charts and
 * the Kubernetes dashboard; logs, metrics, the dashboard and alarms alongside.
 */
export class ClusterStack extends Stack {
  readonly cluster: eks.Cluster;
  readonly certificateArn: string;
  readonly charts: PlatformCharts;
  readonly observability: PlatformObservability;

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
    const ebs = new EbsCsiDriver(this, 'EbsCsi', {
      cluster,
      volumeKey: platformCluster.secretsKey,
      after: [platformCluster.nodegroups.system],
    });
    /** Everything a Kubernetes workload, chart or release needs before it is applied. */
    const prerequisites = [...platformCluster.workloadPrerequisites(), ebs.addon, ebs.storageClass];
    const afterPrerequisites = (...workloads: IConstruct[]) => {
      for (const workload of workloads) workload.node.addDependency(...prerequisites);
    };
    const autoscaler = new ClusterAutoscaler(this, 'ClusterAutoscaler', {
      cluster,
      chartVersion: config.release.charts.clusterAutoscaler,
      image: config.release.images.clusterAutoscaler,
    });
    afterPrerequisites(autoscaler.release);
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

    // Unique per account and region (the environment is in it); the dashboard's ALB metrics are found by it.
    const webAppLoadBalancerName = `datavis-${config.name}-web`;
    const images = new PlatformImages(this, 'Images', { release: config.release.images });
    const charts = (this.charts = platformCharts({
      images: {
        webApp: images.webApp.imageUri,
        spark: images.spark.imageUri,
        notebookRunner: images.notebookRunner.imageUri,
        sparkVersion: sparkVersionOf(config.release.images.spark),
        jupyterSingleUser: config.release.images.jupyterSingleUser,
      },
      buckets: {
        datasetsBucket: data.datasetsBucket.bucketName,
        outputsBucket: data.notebookOutputsBucket.bucketName,
        sparkEventLogs: data.sparkEventLogsBucket.bucketName,
      },
      vpcCidr: config.network.vpcCidr,
      environment: config.name,
      webAppSecretName: WEB_APP_SECRET_NAME,
      webAppExposure: {
        kind: 'alb',
        certificateArn: this.certificateArn,
        host: config.domain.appHostname,
        loadBalancerName: webAppLoadBalancerName,
      },
      webAppStorage: { kind: 's3', bucket: data.datasetsBucket.bucketName, region: this.region },
      jupyterHubExposure: { kind: 'alb', certificateArn: this.certificateArn, host: config.domain.jupyterHostname },
      userStorageClass: GP3_STORAGE_CLASS,
      dashboard: { oidcViewerGroups: config.dashboard.oidc?.viewerGroups },
    }));

    const namespaces = cluster.addCdk8sChart('NamespacesChart', charts.namespaces);
    afterPrerequisites(namespaces);
    const afterNamespaces = (...workloads: IConstruct[]) => {
      afterPrerequisites(...workloads);
      for (const workload of workloads) workload.node.addDependency(namespaces);
    };

    // The operator chart renders a Role into every spark.jobNamespaces entry and installs the CRDs
    // and the mutating webhook the Spark chart's objects need.
    const sparkOperator = new SparkOperator(this, 'SparkOperator', {
      cluster,
      version: config.release.charts.sparkOperator,
      values: charts.sparkOperatorValues,
    });
    afterNamespaces(sparkOperator.release);
    const spark = cluster.addCdk8sChart('SparkChart', charts.spark);
    afterNamespaces(spark);
    spark.node.addDependency(sparkOperator.release);

    const notebooks = cluster.addCdk8sChart('NotebooksChart', charts.notebooks);
    afterNamespaces(notebooks);

    const jupyterHubSpark = cluster.addCdk8sChart('JupyterHubSparkChart', charts.jupyterHubSpark);
    afterNamespaces(jupyterHubSpark);
    const jupyterHub = new JupyterHub(this, 'JupyterHub', {
      cluster,
      version: config.release.charts.jupyterhub,
      namespace: charts.jupyterHubSpark.namespaceName,
      values: charts.jupyterHubValues,
    });
    afterNamespaces(jupyterHub.release);
    jupyterHub.release.node.addDependency(jupyterHubSpark);

    const externalSecrets = new ExternalSecrets(this, 'ExternalSecrets', { cluster, chartVersion: config.release.charts.externalSecrets });
    afterPrerequisites(externalSecrets.release);
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
    afterNamespaces(webAppSecret.manifest);
    const reloader = new Reloader(this, 'Reloader', {
      cluster,
      version: config.release.charts.reloader,
      namespaces: [charts.webApp.namespaceName],
    });
    afterNamespaces(reloader.release);
    // The web app starts once its Secret exists, and Reloader watches it from the start. It
    // also comes after the Spark operator: its chart puts the cluster overview's Role into the
    // Spark job namespace, which the operator's fail-closed webhook guards, and it submits
    // SparkApplications, whose CRD the operator installs.
    const webApp = cluster.addCdk8sChart('WebAppChart', charts.webApp);
    afterNamespaces(webApp);
    webApp.node.addDependency(webAppSecret.manifest, reloader.release, sparkOperator.release);

    // The dashboard: network policies (and OIDC viewer bindings) before the release's pods start.
    const headlampAccess = cluster.addCdk8sChart('HeadlampAccessChart', charts.headlampAccess!);
    afterNamespaces(headlampAccess);
    const headlamp = new Headlamp(this, 'Headlamp', {
      cluster,
      version: config.release.charts.headlamp,
      environment: config.name,
      host: config.domain.dashboardHostname,
      certificateArn: this.certificateArn,
      access: config.dashboard,
    });
    afterNamespaces(headlamp.release);
    headlamp.release.node.addDependency(headlampAccess);
    new CfnOutput(this, 'KubernetesDashboardUrl', { value: `https://${config.domain.dashboardHostname}/`, description: 'Headlamp' });

    this.observability = new PlatformObservability(this, 'Observability', {
      config,
      cluster,
      database: data.database,
      webApp: {
        ingressName: charts.webApp.ingressName!,
        namespace: charts.webApp.namespaceName,
        loadBalancerName: webAppLoadBalancerName,
        chart: webApp,
      },
      namespaces: charts.namespaces.namespaceNames,
      after: Object.values(platformCluster.nodegroups),
      removalPolicy,
    });
    new CfnOutput(this, 'DashboardUrl', { value: this.observability.dashboardUrl, description: 'CloudWatch dashboard' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.observability.topic.topic.topicArn,
      description: 'SNS topic the alarms notify (subscribe to it: docs/platform.md)',
    });

    if (config.domain.hostedZone) {
      const externalDns = new ExternalDns(this, 'ExternalDns', {
        cluster,
        version: config.release.charts.externalDns,
        hostedZone: config.domain.hostedZone,
        ownerId: `datavis-${config.name}`,
      });
      afterPrerequisites(externalDns.release);
    } else {
      Annotations.of(this).addInfo(
        `No hosted zone for ${config.name}: create DNS records for ${config.domain.appHostname}, ${config.domain.jupyterHostname} ` +
          `and ${config.domain.dashboardHostname} pointing at the ALBs of the web-app, jupyterhub and headlamp Ingresses (docs/platform.md, "Deploy").`,
      );
    }
  }
}

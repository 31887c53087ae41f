import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readRelease } from '../../lib/config';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';

let synthesized: SynthesizedPlatform;
const template = (env: 'dev' | 'staging' | 'prod', part: 'network' | 'data' | 'cluster'): Template =>
  Template.fromStack(synthesized.platforms.get(env)![part] as Stack);

beforeAll(() => {
  // GIVEN the checked-in configuration; WHEN every AWS environment is synthesized as `npm run synth` does
  synthesized = synthesizePlatform();
});
afterAll(() => removeAssembly(synthesized));

describe('the platform app', () => {
  test('synthesizes dev, staging and prod with stack names that carry the environment', () => {
    const names = [...synthesized.platforms.values()].flatMap((p) => [p.network, p.data, p.cluster].map((s) => s.stackName));
    expect(names).toEqual([
      'Datavis-dev-Network',
      'Datavis-dev-Data',
      'Datavis-dev-Cluster',
      'Datavis-staging-Network',
      'Datavis-staging-Data',
      'Datavis-staging-Cluster',
      'Datavis-prod-Network',
      'Datavis-prod-Data',
      'Datavis-prod-Cluster',
    ]);
  });

  test('cdk-nag AwsSolutions and CloudFormation Validate report no unacknowledged finding', () => {
    const plugins = synthesized.validation.pluginReports.map((r) => r.pluginName).sort();
    expect(plugins).toEqual(['AwsSolutions', 'CloudFormation Validate']);
    for (const report of synthesized.validation.pluginReports) {
      const open = report.violations.map((v) => `${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);
      expect(open).toEqual([]);
      expect(report.conclusion).toBe('success');
    }
  });

  test('every acknowledged finding carries a written reason', () => {
    const acknowledged = synthesized.validation.pluginReports.flatMap((r) => r.suppressedViolations ?? []);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const finding of acknowledged) {
      expect({ id: finding.acknowledgedId, reason: (finding.reason ?? '').length > 30 }).toEqual({
        id: finding.acknowledgedId,
        reason: true,
      });
    }
  });

  test('nothing has a hard-coded physical name, so environments share an account', () => {
    const namedProperties = ['BucketName', 'DBInstanceIdentifier', 'RoleName', 'Name', 'ReplicationGroupId', 'GroupName', 'KeyAlias'];
    for (const env of ['dev', 'prod'] as const) {
      for (const part of ['network', 'data', 'cluster'] as const) {
        const resources = template(env, part).toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
        for (const [id, resource] of Object.entries(resources)) {
          if (['AWS::EKS::Addon', 'AWS::EKS::Nodegroup', 'AWS::RDS::DBParameterGroup'].includes(resource.Type)) continue;
          for (const prop of namedProperties) {
            const value = resource.Properties?.[prop];
            if (typeof value === 'string') throw new Error(`${env}/${part} ${id} (${resource.Type}) hard-codes ${prop}=${value}`);
          }
        }
      }
    }
  });
});

describe('NetworkStack', () => {
  test('dev: two zones, one NAT gateway, public, private and isolated subnets; isolated subnets route neither to a NAT nor to the internet gateway', () => {
    const t = template('dev', 'network');
    t.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    t.resourceCountIs('AWS::EC2::NatGateway', 1);
    const subnets = Object.entries(t.findResources('AWS::EC2::Subnet')).map(([id, s]) => ({
      id,
      type: (s.Properties.Tags as { Key: string; Value: string }[]).find((tag) => tag.Key === 'aws-cdk:subnet-type')!.Value,
      zone: JSON.stringify(s.Properties.AvailabilityZone),
    }));
    expect(subnets.map((s) => s.type).sort()).toEqual(['Isolated', 'Isolated', 'Private', 'Private', 'Public', 'Public']);
    expect(new Set(subnets.map((s) => s.zone)).size).toBe(2);
    const tableOf = (subnet: string) =>
      Object.values(t.findResources('AWS::EC2::SubnetRouteTableAssociation')).find((a) => a.Properties.SubnetId.Ref === subnet)!.Properties
        .RouteTableId.Ref;
    const routes = Object.values(t.findResources('AWS::EC2::Route')).map((r) => r.Properties);
    const egressOf = (type: string) =>
      subnets
        .filter((s) => s.type === type)
        .map((s) =>
          routes.filter((r) => r.RouteTableId.Ref === tableOf(s.id)).map((r) => Object.keys(r).find((k) => /GatewayId$/.test(k))),
        );
    expect(egressOf('Isolated')).toEqual([[], []]);
    expect(egressOf('Private')).toEqual([['NatGatewayId'], ['NatGatewayId']]);
    expect(egressOf('Public')).toEqual([['GatewayId'], ['GatewayId']]);
  });

  test('prod: three zones with one NAT gateway each', () => {
    const t = template('prod', 'network');
    t.resourceCountIs('AWS::EC2::Subnet', 9);
    t.resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  test('S3 gateway endpoint and interface endpoints for ECR, STS, CloudWatch Logs and Secrets Manager', () => {
    const t = template('dev', 'network');
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.s3'])]) }),
    });
    const services = Object.values(t.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } })).map((r) =>
      String(r.Properties.ServiceName).replace(/^com\.amazonaws\.[a-z0-9-]+\./, ''),
    );
    expect(services.sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'sts']);
  });

  test('flow logs of all traffic go to an encrypted log group', () => {
    const t = template('dev', 'network');
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 30 });
  });
});

describe('DataStack', () => {
  test('RDS MySQL 8.4 in isolated subnets: encrypted, IAM auth, Performance Insights, log exports, not public', () => {
    const t = template('dev', 'data');
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      Engine: 'mysql',
      EngineVersion: '8.4.10',
      StorageEncrypted: true,
      EnableIAMDatabaseAuthentication: true,
      EnablePerformanceInsights: true,
      EnableCloudwatchLogsExports: ['error', 'general', 'slowquery'],
      PubliclyAccessible: false,
      BackupRetentionPeriod: 7,
      MultiAZ: false,
      DeletionProtection: false,
    });
    // The subnet group lists exactly the network stack's isolated subnets (no NAT or internet route, checked above).
    const [group] = Object.values(t.findResources('AWS::RDS::DBSubnetGroup'));
    const outputs = (group.Properties.SubnetIds as { 'Fn::GetStackOutput': { OutputName: string } }[]).map(
      (s) => s['Fn::GetStackOutput'].OutputName,
    );
    expect(outputs).toHaveLength(2);
    for (const output of outputs) expect(output).toMatch(/^PublishOutputRefNetworkVpcisolatedSubnet\dSubnet/);
  });

  test('prod: Multi-AZ, deletion protection, 30-day backups and a snapshot on delete', () => {
    const t = template('prod', 'data');
    t.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Snapshot',
      Properties: Match.objectLike({ MultiAZ: true, DeletionProtection: true, BackupRetentionPeriod: 30 }),
    });
  });

  test('the parameter group requires TLS and the credentials are generated and rotated', () => {
    const t = template('dev', 'data');
    t.hasResourceProperties('AWS::RDS::DBParameterGroup', { Parameters: Match.objectLike({ require_secure_transport: 'ON' }) });
    t.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password' }) });
    t.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
  });

  test('the database and cache groups admit nothing in their own stack; the cluster stack admits its pods only', () => {
    const data = template('dev', 'data');
    const groups = Object.values(data.findResources('AWS::EC2::SecurityGroup')).filter((g) =>
      /MySQL|Valkey/.test(g.Properties.GroupDescription),
    );
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(group.Properties.SecurityGroupIngress).toBeUndefined();
    // The only rule in the data stack lets the password rotation function reach the database.
    const dataRules = Object.values(data.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(dataRules).toHaveLength(1);
    expect(dataRules[0].Properties.SourceSecurityGroupId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DatabaseInstanceRotationSingleUserSecurityGroup/), 'GroupId'],
    });
    const cluster = template('dev', 'cluster');
    const rules = Object.values(cluster.findResources('AWS::EC2::SecurityGroupIngress')).filter((r) =>
      [3306, 6379].includes(r.Properties.FromPort),
    );
    expect(rules.map((r) => r.Properties.FromPort).sort()).toEqual([3306, 6379]);
    for (const rule of rules)
      expect(rule.Properties.SourceSecurityGroupId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^EksCluster/), 'ClusterSecurityGroupId'],
      });
  });

  test('buckets: KMS encryption, public access blocked, TLS-only policy, no fixed names', () => {
    const t = template('dev', 'data');
    const buckets = t.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(4);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketName).toBeUndefined();
    }
    const kmsBuckets = Object.values(buckets).filter(
      (b) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm === 'aws:kms',
    );
    expect(kmsBuckets).toHaveLength(3);
    const policies = Object.values(t.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(4);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  test('datasets are versioned; event logs and outputs expire by lifecycle rules', () => {
    const t = template('dev', 'data');
    const byLogPrefix = (prefix: string) =>
      Object.values(t.findResources('AWS::S3::Bucket')).find((b) => b.Properties.LoggingConfiguration?.LogFilePrefix === prefix)!
        .Properties;
    expect(byLogPrefix('datasets/').VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(byLogPrefix('spark-event-logs/').VersioningConfiguration).toBeUndefined();
    expect(byLogPrefix('spark-event-logs/').LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 30 })]),
    );
    expect(byLogPrefix('notebook-outputs/').LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 90 })]),
    );
  });

  test('Valkey for live events: TLS required, encrypted at rest, AUTH token by dynamic reference only', () => {
    const t = template('prod', 'data');
    t.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', {
      Engine: 'valkey',
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
    });
    const group = Object.values(t.findResources('AWS::ElastiCache::ReplicationGroup'))[0];
    expect(JSON.stringify(group.Properties.AuthToken)).toMatch(/resolve:secretsmanager:/);
  });

  test('workload roles trust Pod Identity sessions of their own service accounts only', () => {
    const t = template('dev', 'data');
    t.hasResourceProperties('AWS::IAM::Role', {
      Description: Match.stringLikeRegexp('^Spark'),
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sts:AssumeRole',
            Principal: { Service: 'pods.eks.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:RequestTag/kubernetes-namespace': 'spark-jobs',
                'aws:RequestTag/kubernetes-service-account': ['spark-driver', 'spark-executor'],
              },
            },
          }),
        ]),
      },
    });
  });

  test('least privilege: notebooks read datasets but cannot write them; the web app secrets role reads only secrets', () => {
    const t = template('dev', 'data');
    const policies = Object.values(t.findResources('AWS::IAM::Policy'));
    const policyOf = (roleIdPrefix: string) =>
      policies.find((p) => JSON.stringify(p.Properties.Roles).includes(roleIdPrefix))!.Properties.PolicyDocument.Statement as {
        Action: string | string[];
        Resource: unknown;
      }[];
    const datasetsWrites = policyOf('NotebooksRole').filter(
      (s) => [s.Action].flat().includes('s3:PutObject') && JSON.stringify(s.Resource).includes('Datasets'),
    );
    expect(datasetsWrites).toEqual([]);
    const webActions = policyOf('WebAppSecretsRole').flatMap((s) => [s.Action].flat());
    expect([...new Set(webActions)].sort()).toEqual(['kms:Decrypt', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });
});

describe('ClusterStack', () => {
  test('EKS 1.36 with every control plane log type, KMS-encrypted secrets and a private endpoint', () => {
    const t = template('dev', 'cluster');
    t.hasResourceProperties('AWS::EKS::Cluster', {
      Version: '1.36',
      Logging: {
        ClusterLogging: {
          EnabledTypes: Match.arrayWith([
            { Type: 'api' },
            { Type: 'audit' },
            { Type: 'authenticator' },
            { Type: 'controllerManager' },
            { Type: 'scheduler' },
          ]),
        },
      },
      EncryptionConfig: [Match.objectLike({ Resources: ['secrets'] })],
      ResourcesVpcConfig: Match.objectLike({ EndpointPrivateAccess: true, EndpointPublicAccess: false }),
    });
  });

  test('system nodes on demand; Spark drivers on demand and executors on spot, both tainted', () => {
    const t = template('dev', 'cluster');
    const groups = Object.values(t.findResources('AWS::EKS::Nodegroup')).map((g) => g.Properties);
    const byRole = (role: string) => groups.find((g) => g.Labels['datavis.io/node-role'] === role)!;
    expect(byRole('system')).toMatchObject({ CapacityType: 'ON_DEMAND', AmiType: 'AL2023_ARM_64_STANDARD' });
    expect(byRole('system').Taints).toBeUndefined();
    expect(byRole('spark-driver')).toMatchObject({
      CapacityType: 'ON_DEMAND',
      Taints: [{ Key: 'datavis.io/node-role', Value: 'spark-driver', Effect: 'NO_SCHEDULE' }],
    });
    expect(byRole('spark-executor')).toMatchObject({
      CapacityType: 'SPOT',
      Taints: [{ Key: 'datavis.io/node-role', Value: 'spark-executor', Effect: 'NO_SCHEDULE' }],
    });
    expect(byRole('spark-executor').InstanceTypes.length).toBeGreaterThan(1);
  });

  test('add-ons: Pod Identity agent, metrics-server, EBS CSI bound through Pod Identity, load balancer controller', () => {
    const t = template('dev', 'cluster');
    for (const addon of ['eks-pod-identity-agent', 'metrics-server']) t.hasResourceProperties('AWS::EKS::Addon', { AddonName: addon });
    t.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'aws-ebs-csi-driver',
      PodIdentityAssociations: [Match.objectLike({ ServiceAccount: 'ebs-csi-controller-sa' })],
    });
    t.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', { Chart: 'aws-load-balancer-controller', Version: '3.2.2' });
  });

  test('Cluster Autoscaler is pinned and may only resize node groups tagged as owned by this cluster', () => {
    const t = template('dev', 'cluster');
    t.hasResourceProperties('Custom::AWSCDK-EKS-HelmChart', { Chart: 'cluster-autoscaler', Version: '9.59.0', Namespace: 'kube-system' });
    const statements = Object.values(t.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string[] | string; Condition?: unknown }[])
      .filter((st) => [st.Action].flat().includes('autoscaling:SetDesiredCapacity'));
    expect(statements).toHaveLength(1);
    expect(statements[0].Condition).toEqual({ StringEquals: { 'Fn::GetAtt': [expect.stringMatching(/OwnedByThisCluster/), 'Value'] } });
  });

  test('each workload service account is bound to its role through Pod Identity', () => {
    const t = template('dev', 'cluster');
    const bindings = Object.values(t.findResources('AWS::EKS::PodIdentityAssociation')).map(
      (a) => `${a.Properties.Namespace}/${a.Properties.ServiceAccount}`,
    );
    expect(bindings.sort()).toEqual([
      'datavis/web-app',
      'external-secrets/external-secrets',
      'jupyterhub/jupyter-singleuser',
      'kube-system/cluster-autoscaler',
      'notebooks/papermill-runner',
      'spark-jobs/spark-driver',
      'spark-jobs/spark-executor',
      'spark-jobs/spark-history-server',
    ]);
  });
});

describe('Kubernetes workloads in ClusterStack', () => {
  const manifests = (env: 'dev' | 'prod') =>
    Object.values(template(env, 'cluster').findResources('Custom::AWSCDK-EKS-KubernetesResource')).map((m) =>
      JSON.stringify(m.Properties.Manifest),
    );
  const helmCharts = (env: 'dev' | 'prod') =>
    Object.values(template(env, 'cluster').findResources('Custom::AWSCDK-EKS-HelmChart')).map((h) => h.Properties);

  test('Helm releases are pinned to the versions in the release file', () => {
    const charts = Object.fromEntries(helmCharts('prod').map((h) => [h.Chart, h.Version]));
    const pinned = readRelease('prod').charts;
    expect(charts).toEqual({
      'aws-load-balancer-controller': pinned.awsLoadBalancerController,
      'cluster-autoscaler': pinned.clusterAutoscaler,
      'external-secrets': pinned.externalSecrets,
      headlamp: pinned.headlamp,
      jupyterhub: pinned.jupyterhub,
      reloader: pinned.reloader,
      'spark-operator': pinned.sparkOperator,
    });
  });

  test('the cdk8s charts are embedded: Spark, notebooks, JupyterHub namespace and the web app', () => {
    const all = manifests('dev').join('\n');
    for (const kind of ['SparkApplication', 'CronJob', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']) {
      expect(all).toContain(`\\"kind\\":\\"${kind}\\"`);
    }
  });

  test('the web app secret is assembled in the cluster by External Secrets; no secret value is in any template', () => {
    const externalSecret = manifests('dev').find((m) => m.includes('ExternalSecret'))!;
    expect(externalSecret).toContain('web-app-secrets');
    expect(externalSecret).toMatch(/namespaces.*datavis/);
    for (const part of ['network', 'data', 'cluster'] as const) {
      const text = JSON.stringify(template('dev', part).toJSON());
      expect(text).not.toMatch(/"SecretString"/);
      if (part === 'cluster') expect(text).not.toContain('resolve:secretsmanager');
    }
  });

  test('the web app and JupyterHub are served over HTTPS with the environment certificate', () => {
    const ingress = manifests('prod').find((m) => m.includes('Ingress') && m.includes('datavis.example.com'))!;
    expect(ingress).toContain('arn:aws:acm:eu-west-1:111111111111:certificate/00000000-0000-4000-8000-000000000003');
    const hub = helmCharts('prod').find((h) => h.Chart === 'jupyterhub')!;
    expect(hub.Values).toContain('jupyter.example.com');
    expect(hub.Values).toContain('certificate-arn');
  });
});

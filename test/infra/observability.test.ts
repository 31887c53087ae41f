import { Template } from 'aws-cdk-lib/assertions';
import { CONTAINER_INSIGHTS_LOG_KINDS, FLUENT_BIT_MERGED_LOG_KEY } from '../../lib/addons/cloudwatch-observability';
import { readRelease } from '../../lib/config';
import { K8sObject, podTemplates } from '../charts/support/platform';
import { unknownKeyPaths } from '../charts/support/helm-values';
import { restrictedViolations } from '../charts/support/restricted';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecText, readSpecYaml } from '../support/specs';
import { ClusterAssembly, TOKEN, jsonText } from './support/cluster-assembly';
import { containerLogFile, fluentBitSections, matchesPathPattern } from './support/fluent-bit';
import { tolerates } from './support/scheduling';

/**
 * Logs and metrics: the Amazon CloudWatch Observability EKS add-on as each environment's
 * cluster stack creates it, checked against the add-on's chart (specs/cloudwatch-observability),
 * which the add-on renders.
 */
let synthesized: SynthesizedPlatform;
beforeAll(() => {
  synthesized = synthesizePlatform();
});
afterAll(() => removeAssembly(synthesized));

const clusterOf = (env: 'dev' | 'staging' | 'prod') => synthesized.platforms.get(env)!.cluster;
const resourcesOf = (env: 'dev' | 'staging' | 'prod', type: string) =>
  Object.entries(Template.fromStack(clusterOf(env)).findResources(type)) as [string, any][];
const addonOf = (env: 'dev' | 'staging' | 'prod') =>
  resourcesOf(env, 'AWS::EKS::Addon').find(([, r]) => r.Properties.AddonName === 'amazon-cloudwatch-observability')!;
/** ARN pattern of the cluster's Container Insights log groups (the cluster name is a token). */
const containerInsightsGroups = (env: 'dev' | 'staging' | 'prod') =>
  `arn:aws:logs:${clusterOf(env).region}:${clusterOf(env).account}:log-group:/aws/containerinsights/${TOKEN}/*`;
const chartValues = readSpecYaml<any>('cloudwatch-observability', 'values.yaml');
const helpers = readSpecText('cloudwatch-observability', 'templates', '_helpers.tpl');

describe('the CloudWatch Observability add-on', () => {
  test("runs the release file's version, the chart version vendored in specs/cloudwatch-observability", () => {
    const [, addon] = addonOf('dev');
    const version = readRelease('dev').eksAddons.cloudwatchObservability;
    expect(addon.Properties.AddonVersion).toBe(version);
    expect(version).toMatch(
      new RegExp(`^v${readSpecYaml<{ version: string }>('cloudwatch-observability', 'Chart.yaml').version}-eksbuild\\.\\d+$`),
    );
  });

  test("its configuration uses only keys of the chart's values.yaml, with the boolean types the chart's flag check demands", () => {
    const config = JSON.parse(addonOf('dev')[1].Properties.ConfigurationValues);
    expect(unknownKeyPaths(config, chartValues)).toEqual([]);
    for (const flag of ['containerInsights', 'containerLogs', 'otelContainerInsights']) {
      expect(helpers).toContain(`{{- if not (kindIs "bool" .Values.${flag}.enabled) }}`);
      expect(typeof config[flag].enabled).toBe('boolean');
    }
    expect(unknownKeyPaths({ containerInsight: { enabled: true } }, chartValues)).toEqual(['containerInsight']);
  });

  test('collects classic Container Insights metrics and container logs; OpenTelemetry and Application Signals stay off, so no pod is instrumented', () => {
    const config = JSON.parse(addonOf('dev')[1].Properties.ConfigurationValues);
    expect(config).toEqual({
      containerInsights: { enabled: true },
      otelContainerInsights: { enabled: false },
      applicationSignals: { enabled: false },
      containerLogs: { enabled: true },
    });
    // _helpers.tpl builds the agent config from these flags: the kubernetes (Container Insights)
    // section for containerInsights, application_signals only for applicationSignals ...
    expect(helpers).toContain(
      '{{- if and $ctx.Values.containerInsights.enabled (eq $ctx.Values.containerInsights.targetAgent $agentName) -}}\n  {{- $needsLogs = true -}}\n  {{- $_ := set $metricsCollected "kubernetes" (dict "enhanced_container_insights" true) -}}',
    );
    expect(helpers).toContain(
      '{{- if and $ctx.Values.applicationSignals.enabled (eq $ctx.Values.applicationSignals.targetAgent $agentName) -}}',
    );
    // ... and without Application Signals the operator's auto-monitor instruments nothing.
    expect(helpers).toContain('{{- if not $hasAppSignals -}}\n{{- $_ := set $autoMonitorConfig "monitorAllServices" false -}}');
    expect(chartValues.applicationSignals.enabled).toBe(true);
  });

  test('its role is assumed by the agent service account only, holds CloudWatchAgentServerPolicy and no X-Ray policy, and cannot change the log groups', () => {
    const [, addon] = addonOf('dev');
    const [association] = addon.Properties.PodIdentityAssociations;
    expect(association.ServiceAccount).toBe('cloudwatch-agent');
    // Fluent Bit runs under the agent's service account too (cloudwatch-agent.serviceAccountName).
    expect(readSpecText('cloudwatch-observability', 'templates', 'linux', 'fluent-bit-daemonset.yaml')).toContain(
      'serviceAccountName: {{ template "cloudwatch-agent.serviceAccountName" . }}',
    );
    const roleId = association.RoleArn['Fn::GetAtt'][0];
    const [, role] = resourcesOf('dev', 'AWS::IAM::Role').find(([id]) => id === roleId)!;
    expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toContain(':iam::aws:policy/CloudWatchAgentServerPolicy');
    expect(role.Properties.ManagedPolicyArns).toHaveLength(1);
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Condition).toEqual({
      StringEquals: {
        'aws:RequestTag/kubernetes-namespace': 'amazon-cloudwatch',
        'aws:RequestTag/kubernetes-service-account': 'cloudwatch-agent',
      },
    });
    const [, policy] = resourcesOf('dev', 'AWS::IAM::Policy').find(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleId))!;
    const [deny] = policy.Properties.PolicyDocument.Statement;
    expect(deny.Effect).toBe('Deny');
    expect([...deny.Action].sort()).toEqual([
      'logs:DeleteLogGroup',
      'logs:DeleteRetentionPolicy',
      'logs:DisassociateKmsKey',
      'logs:PutRetentionPolicy',
    ]);
    expect(jsonText(deny.Resource)).toBe(containerInsightsGroups('dev'));
  });

  test.each([
    ['dev', 7],
    ['staging', 30],
    ['prod', 365],
  ] as const)(
    '%s: the four log groups exist before the add-on, named as it writes them, kept %i days, KMS-encrypted, retained only in prod',
    (env, days) => {
      const [addonId] = addonOf(env);
      const assembly = new ClusterAssembly(clusterOf(env));
      const groups = resourcesOf(env, 'AWS::Logs::LogGroup').filter(([, g]) =>
        jsonText(g.Properties.LogGroupName).includes('containerinsights'),
      );
      expect(groups.map(([, g]) => jsonText(g.Properties.LogGroupName)).sort()).toEqual(
        CONTAINER_INSIGHTS_LOG_KINDS.map((kind) => `/aws/containerinsights/${TOKEN}/${kind}`).sort(),
      );
      const [clusterId] = resourcesOf(env, 'AWS::EKS::Cluster')[0];
      for (const [id, group] of groups) {
        expect(group.Properties.RetentionInDays).toBe(days);
        expect(group.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/LogKey/), 'Arn'] });
        expect(group.Properties.LogGroupName['Fn::Join'][1]).toContainEqual({ Ref: clusterId });
        expect(assembly.isBefore(id, addonId)).toBe(true);
      }
      // Fluent Bit's outputs name the same groups (CLUSTER_NAME is the add-on's clusterName value).
      expect(readSpecText('cloudwatch-observability', 'templates', 'linux', 'fluent-bit-daemonset.yaml')).toContain(
        '- name: CLUSTER_NAME\n          value: {{ .Values.clusterName | quote }}',
      );
      const outputs = ['application-log.conf', 'dataplane-log.conf', 'host-log.conf'].flatMap((file) =>
        fluentBitSections(file)
          .filter((s) => s.type === 'OUTPUT')
          .map((s) => s.entries.log_group_name[0].replace('${CLUSTER_NAME}', TOKEN)),
      );
      expect([...new Set(outputs)].sort()).toEqual(['application', 'dataplane', 'host'].map((k) => `/aws/containerinsights/${TOKEN}/${k}`));
      expect(groups.map(([, g]) => g.DeletionPolicy)).toEqual(groups.map(() => (env === 'prod' ? 'Retain' : 'Delete')));
    },
  );

  test('the log key lets CloudWatch Logs use it for these log groups only', () => {
    const [, key] = resourcesOf('dev', 'AWS::KMS::Key').find(([id]) => id.includes('LogKey'))!;
    const statement = key.Properties.KeyPolicy.Statement.find((s: any) => JSON.stringify(s.Principal).includes('logs.'));
    expect(jsonText(statement.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'])).toBe(containerInsightsGroups('dev'));
  });

  test("Fluent Bit ships every platform container's stdout: the web app, Spark drivers and executors, notebook jobs, JupyterHub, Headlamp", () => {
    const [main, ...others] = fluentBitSections('application-log.conf').filter((s) => s.type === 'INPUT');
    expect(main.entries).toMatchObject({ Name: ['tail'], Tag: ['application.*'], Path: ['/var/log/containers/*.log'] });
    const excluded = main.entries.Exclude_Path[0].split(',').map((p) => p.trim());
    // The excluded files are the add-on's own agents (read by the inputs that follow) and the node networking pods (dataplane).
    expect(excluded).toEqual([
      '/var/log/containers/cloudwatch-agent*',
      '/var/log/containers/fluent-bit*',
      '/var/log/containers/aws-node*',
      '/var/log/containers/kube-proxy*',
    ]);
    expect(others.map((s) => s.entries.Path[0])).toEqual(['/var/log/containers/fluent-bit*', '/var/log/containers/cloudwatch-agent*']);
    const assembly = new ClusterAssembly(clusterOf('dev'));
    const files: string[] = [];
    for (const object of assembly.manifests.flatMap((m) => m.objects) as K8sObject[]) {
      for (const pod of podTemplates(object)) {
        const name =
          object.kind === 'SparkApplication'
            ? `${object.metadata.name}-${pod.id.endsWith('/driver') ? 'driver' : '8f3a2b-exec-1'}`
            : `${object.metadata.name}-7d9f8c-x2k4p`;
        for (const container of pod.spec.containers) files.push(containerLogFile(name, pod.namespace, container.name));
      }
    }
    files.push(
      containerLogFile('headlamp-5b7c9d-q8w2e', 'headlamp', 'headlamp'),
      containerLogFile('jupyter-ana', 'jupyterhub', 'notebook'),
    );
    expect(files.length).toBeGreaterThan(8);
    expect(files.some((f) => /_spark-jobs_spark-kubernetes-driver-/.test(f))).toBe(true);
    expect(files.some((f) => /_spark-jobs_spark-kubernetes-executor-/.test(f))).toBe(true);
    expect(files.some((f) => /_datavis_web-app-/.test(f))).toBe(true);
    const missed = files.filter((f) => !matchesPathPattern(main.entries.Path[0], f) || excluded.some((p) => matchesPathPattern(p, f)));
    expect(missed).toEqual([]);
    expect(matchesPathPattern(excluded[2], containerLogFile('aws-node-abcde', 'kube-system', 'aws-node'))).toBe(true);
  });

  test("its agents run on every node, the Spark nodes' taints included, so Spark pods' logs are collected where they run", () => {
    expect(chartValues.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(chartValues.containerLogs.fluentBit.tolerations).toBeUndefined();
    expect(readSpecText('cloudwatch-observability', 'templates', 'linux', 'fluent-bit-daemonset.yaml')).toContain(
      '{{- dict "component" .Values.containerLogs.fluentBit "context" . | include "amazon-cloudwatch-observability.common.tolerations" | nindent 6 }}',
    );
    const agent = { id: 'fluent-bit', nodeSelector: {}, tolerations: chartValues.tolerations, cpuMillis: 0, memoryMiB: 0 };
    for (const group of new ClusterAssembly(clusterOf('dev')).nodeGroups)
      for (const taint of group.taints) expect(tolerates(agent, taint)).toBe(true);
  });

  test("its node agents need the host, so they run in the add-on's own namespace, which is not one of the platform's restricted ones", () => {
    const fluentBit = readSpecText('cloudwatch-observability', 'templates', 'linux', 'fluent-bit-daemonset.yaml');
    expect(fluentBit).toContain('hostNetwork: true');
    expect(fluentBit).toContain('- name: varlog\n        hostPath:\n          path: /var/log');
    // Pod Security restricted (even baseline) refuses exactly that: host networking and host paths.
    const agentPod = {
      hostNetwork: true,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
      containers: [{ name: 'fluent-bit', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    };
    expect(restrictedViolations(agentPod).map((v) => v.split(' ')[0])).toEqual(['A2', 'B1']);
    const namespaces = new ClusterAssembly(clusterOf('dev')).manifests
      .flatMap((m) => m.objects)
      .filter((o) => o.kind === 'Namespace')
      .map((o) => o.metadata.name);
    expect(namespaces).toContain('headlamp');
    expect(namespaces).not.toContain('amazon-cloudwatch');
  });

  test("the add-on's admission webhooks on pods, workloads and namespaces fail open: they cannot block the platform's objects", () => {
    const webhooks = readSpecText('cloudwatch-observability', 'templates', 'admission-webhooks', 'operator-webhook.yaml');
    for (const [name, key] of [
      ['mpod.kb.io', '{{ .Values.admissionWebhooks.pods.failurePolicy | default .Values.admissionWebhooks.failurePolicy }}'],
      [
        'mnamespace.kb.io',
        '{{ .Values.admissionWebhooks.namespaces.failurePolicy | default .Values.admissionWebhooks.pods.failurePolicy | default .Values.admissionWebhooks.failurePolicy }}',
      ],
      [
        'mworkload.kb.io',
        '{{ .Values.admissionWebhooks.workloads.failurePolicy | default .Values.admissionWebhooks.pods.failurePolicy | default .Values.admissionWebhooks.failurePolicy }}',
      ],
    ]) {
      expect(webhooks).toContain(`failurePolicy: ${key}\n  name: ${name}`);
    }
    expect(chartValues.admissionWebhooks.pods.failurePolicy).toBe('Ignore');
    expect(chartValues.admissionWebhooks.failurePolicy).toBe('Ignore');
    expect(chartValues.admissionWebhooks.workloads.failurePolicy).toBeNull();
  });

  test('it is created after the node groups its DaemonSets and controller run on', () => {
    const [addonId] = addonOf('dev');
    const assembly = new ClusterAssembly(clusterOf('dev'));
    for (const group of assembly.nodeGroups) expect(assembly.isBefore(group.id, addonId)).toBe(true);
  });

  test("the web app's JSON log lines are nested where the failed-runs metric filter reads them", () => {
    const [kubernetes] = fluentBitSections('application-log.conf').filter((s) => s.type === 'FILTER' && s.entries.Name[0] === 'kubernetes');
    expect(kubernetes.entries.Merge_Log).toEqual(['On']);
    expect(kubernetes.entries.Merge_Log_Key).toEqual([FLUENT_BIT_MERGED_LOG_KEY]);
  });
});

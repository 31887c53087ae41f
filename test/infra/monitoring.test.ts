import { Template } from 'aws-cdk-lib/assertions';
import { loadEnvironmentConfig } from '../../lib/config';
import { cdkJsonContext } from '../../lib/platform-app';
import { contextSettingSource } from '../../lib/promotion/cdk-context';
import { FLUENT_BIT_MERGED_LOG_KEY } from '../../lib/addons/cloudwatch-observability';
import { RUNS_FAILED_METRIC, runsFailedEvent, runsMetricNamespace } from '../../lib/observability/runs-failed-metric';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecText } from '../support/specs';
import { ClusterAssembly, TOKEN, jsonText } from './support/cluster-assembly';
import { matchesFilterPattern } from './support/filter-pattern';
import { Registry } from 'prom-client';
import { loadConfig } from '../../app/server/config';
import { createRunMetrics } from '../../app/server/metrics/run-metrics';

/**
 * The environment's CloudWatch dashboard, alarms and alarm topic, and the failed-runs metric
 * contract, read from the synthesized cluster stacks.
 */
let synthesized: SynthesizedPlatform;
let withEmail: SynthesizedPlatform;
beforeAll(() => {
  synthesized = synthesizePlatform();
  withEmail = synthesizePlatform({ appProps: { context: { env: 'dev', 'datavis:dev:alarmEmail': 'ops@example.com' } } });
});
afterAll(() => {
  removeAssembly(synthesized);
  removeAssembly(withEmail);
});

type Env = 'dev' | 'staging' | 'prod';
const templateOf = (env: Env, s: SynthesizedPlatform = synthesized) => Template.fromStack(s.platforms.get(env)!.cluster);
const resources = (env: Env, type: string, s?: SynthesizedPlatform) =>
  Object.entries(templateOf(env, s).findResources(type)) as [string, any][];
const lookupId = (env: Env) => resources(env, 'Custom::AWS').find(([, r]) => r.Properties.Create.includes('describeLoadBalancers'))![0];
/** The LoadBalancer dimension as the template computes it from the lookup's answer. */
const loadBalancerDimension = (env: Env) => ({
  'Fn::Select': [1, { 'Fn::Split': [':loadbalancer/', { 'Fn::GetAtt': [lookupId(env), 'LoadBalancers.0.LoadBalancerArn'] }] }],
});

/** (namespace, metric, dimension names) rows of specs/cloudwatch-observability/METRICS.md. */
function documentedMetrics(): Set<string> {
  return new Set(
    readSpecText('cloudwatch-observability', 'METRICS.md')
      .split('\n')
      .map((line) => /^\| (AWS\/\w+|ContainerInsights) \| (\w+) \| ([\w, ]+) \|/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `${m[1]} ${m[2]} ${m[3].trim()}`),
  );
}

/** Every metric the dashboard's widgets query: "namespace metric dimension names". */
function dashboardMetrics(env: Env): string[] {
  const [[, dashboard]] = resources(env, 'AWS::CloudWatch::Dashboard');
  const body = JSON.parse(jsonText(dashboard.Properties.DashboardBody));
  return body.widgets
    .filter((w: any) => w.type === 'metric')
    .flatMap((w: any) => w.properties.metrics)
    .filter((row: unknown[]) => typeof row[0] === 'string')
    .map((row: unknown[]) => {
      const parts = row.filter((p) => typeof p === 'string') as string[];
      const dims = parts.slice(2).filter((_p, i) => i % 2 === 0);
      return `${parts[0]} ${parts[1]} ${dims.join(', ')}`;
    });
}

describe('the CloudWatch dashboard', () => {
  test('graphs API 5xx and p99 latency at the web app load balancer, database CPU and connections, node capacity and failed runs', () => {
    const metrics = dashboardMetrics('dev');
    for (const expected of [
      'AWS/ApplicationELB HTTPCode_Target_5XX_Count LoadBalancer',
      'AWS/ApplicationELB HTTPCode_ELB_5XX_Count LoadBalancer',
      'AWS/ApplicationELB TargetResponseTime LoadBalancer',
      'AWS/RDS CPUUtilization DBInstanceIdentifier',
      'AWS/RDS DatabaseConnections DBInstanceIdentifier',
      'ContainerInsights node_cpu_reserved_capacity ClusterName',
      'ContainerInsights node_memory_reserved_capacity ClusterName',
      'ContainerInsights cluster_failed_node_count ClusterName',
      `Datavis/dev ${RUNS_FAILED_METRIC.name} ${RUNS_FAILED_METRIC.dimension}`,
    ]) {
      expect(metrics).toContain(expected);
    }
  });

  test('every AWS metric it reads is documented with exactly these dimensions (specs/cloudwatch-observability/METRICS.md)', () => {
    const documented = documentedMetrics();
    expect(documented.size).toBe(12);
    const undocumented = dashboardMetrics('prod').filter((m) => !m.startsWith('Datavis/') && !documented.has(m));
    expect(undocumented).toEqual([]);
  });

  test("reads the load balancer's p99 as a percentile, the failed runs of its own environment, and is named after the environment", () => {
    const [[, dashboard]] = resources('staging', 'AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBe('Datavis-staging');
    const body = JSON.parse(jsonText(dashboard.Properties.DashboardBody));
    const rows = body.widgets.filter((w: any) => w.type === 'metric').flatMap((w: any) => w.properties.metrics);
    expect(rows.find((r: unknown[]) => r[1] === 'TargetResponseTime').at(-1).stat).toBe('p99');
    expect(rows.find((r: unknown[]) => r[1] === 'RunsFailed').slice(0, 4)).toEqual([
      'Datavis/staging',
      'RunsFailed',
      'Environment',
      'staging',
    ]);
    const logs = body.widgets.find((w: any) => w.type === 'log');
    expect(logs.properties.query).toMatch(new RegExp(`^SOURCE '${TOKEN}' \\| fields`));
    const [applicationGroup] = resources('staging', 'AWS::Logs::LogGroup').find(([, g]) =>
      jsonText(g.Properties.LogGroupName).endsWith('/application'),
    )!;
    expect(dashboard.Properties.DashboardBody['Fn::Join'][1]).toContainEqual({ Ref: applicationGroup });
    expect(logs.properties.query).toContain('"datavis", "spark-jobs", "notebooks", "jupyterhub", "headlamp"');
  });
});

describe('the alarms', () => {
  test.each(['dev', 'prod'] as const)('%s: each alarm notifies the alarm topic when it fires and when it clears', (env) => {
    const [topicId] = resources(env, 'AWS::SNS::Topic')[0];
    const alarms = resources(env, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(7);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  test('watch API 5xx, p99 latency, database CPU and connections, node capacity, failed nodes and failed runs at the thresholds of the environment', () => {
    const thresholds = loadEnvironmentConfig('prod', { source: contextSettingSource(cdkJsonContext()) }).observability.alarms;
    const byMetric = Object.fromEntries(
      resources('prod', 'AWS::CloudWatch::Alarm').map(([, a]) => {
        const names = (a.Properties.Metrics ?? [])
          .filter((m: any) => m.MetricStat)
          .map((m: any) => m.MetricStat.Metric.MetricName)
          .sort();
        return [names.join('+') || a.Properties.MetricName, a.Properties];
      }),
    );
    expect(Object.keys(byMetric).sort()).toEqual([
      'CPUUtilization',
      'DatabaseConnections',
      'HTTPCode_ELB_5XX_Count+HTTPCode_Target_5XX_Count',
      'RunsFailed',
      'TargetResponseTime',
      'cluster_failed_node_count',
      'node_cpu_reserved_capacity+node_memory_reserved_capacity',
    ]);
    expect(byMetric['HTTPCode_ELB_5XX_Count+HTTPCode_Target_5XX_Count'].Threshold).toBe(thresholds.api5xxPer5Minutes);
    expect(byMetric.TargetResponseTime).toMatchObject({ Threshold: thresholds.apiP99LatencySeconds, EvaluationPeriods: 3 });
    expect(byMetric.CPUUtilization.Threshold).toBe(thresholds.databaseCpuPercent);
    expect(byMetric.DatabaseConnections.Threshold).toBe(thresholds.databaseConnections);
    expect(byMetric['node_cpu_reserved_capacity+node_memory_reserved_capacity'].Threshold).toBe(thresholds.nodeReservedPercent);
    expect(byMetric.cluster_failed_node_count).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
    expect(byMetric.RunsFailed.Threshold).toBe(thresholds.runsFailedPerHour);
    expect(byMetric.RunsFailed.Metrics[0].MetricStat).toEqual({
      Metric: { Namespace: 'Datavis/prod', MetricName: 'RunsFailed', Dimensions: [{ Name: 'Environment', Value: 'prod' }] },
      Period: 3600,
      Stat: 'Sum',
    });
  });

  test('the load balancer alarms use the dimension looked up from the name the web app Ingress gives its load balancer', () => {
    const assembly = new ClusterAssembly(synthesized.platforms.get('dev')!.cluster);
    const [ingressManifest] = assembly.manifestsWith('Ingress', 'web-app');
    const ingress = ingressManifest.objects.find((o) => o.kind === 'Ingress')!;
    const name = ingress.metadata.annotations!['alb.ingress.kubernetes.io/load-balancer-name'];
    expect(name).toBe('datavis-dev-web');
    const [id, lookup] = resources('dev', 'Custom::AWS').find(([i]) => i === lookupId('dev'))!;
    expect(JSON.parse(lookup.Properties.Create)).toMatchObject({ action: 'describeLoadBalancers', parameters: { Names: [name] } });
    // It runs once the Ingress reports its load balancer, which happens after the web app chart is applied.
    const [waitId, wait] = resources('dev', 'Custom::AWSCDK-EKS-KubernetesObjectValue')[0];
    expect(wait.Properties).toMatchObject({ ObjectType: 'ingress', ObjectName: 'web-app', ObjectNamespace: 'datavis' });
    expect(assembly.isBefore(waitId, id)).toBe(true);
    expect(assembly.isBefore(ingressManifest.id, waitId)).toBe(true);
    const latency = resources('dev', 'AWS::CloudWatch::Alarm').find(([, a]) => JSON.stringify(a).includes('TargetResponseTime'))![1];
    expect(latency.Properties.Metrics[0].MetricStat.Metric.Dimensions).toEqual([
      { Name: 'LoadBalancer', Value: loadBalancerDimension('dev') },
    ]);
    // What that expression yields for a load balancer ARN: the app/<name>/<id> dimension value.
    const arn = 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/app/datavis-dev-web/50dc6c495c0c9188';
    expect(arn.split(':loadbalancer/')[1]).toBe('app/datavis-dev-web/50dc6c495c0c9188');
  });
});

describe('the alarm topic', () => {
  test('is encrypted with its own key that CloudWatch may use, refuses requests without TLS and accepts only this account’s alarms', () => {
    const [[topicId, topic]] = resources('dev', 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/AlarmTopicKey/), 'Arn'] });
    const [[, policy]] = resources('dev', 'AWS::SNS::TopicPolicy');
    expect(policy.Properties.Topics).toEqual([{ Ref: topicId }]);
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allow = statements.find((s: any) => s.Effect === 'Allow');
    expect(allow).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' });
    expect(allow.Condition.StringEquals).toEqual({ 'aws:SourceAccount': '111111111111' });
    const [, key] = resources('dev', 'AWS::KMS::Key').find(([id]) => /AlarmTopicKey/.test(id))!;
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
    );
  });

  test('gets an e-mail subscription when the environment names an address, and none otherwise', () => {
    expect(resources('dev', 'AWS::SNS::Subscription')).toEqual([]);
    const [[, subscription]] = resources('dev', 'AWS::SNS::Subscription', withEmail);
    expect(subscription.Properties).toMatchObject({ Protocol: 'email', Endpoint: 'ops@example.com' });
    const context = { ...cdkJsonContext(), 'datavis:dev:alarmEmail': 'not-an-address' };
    expect(() => loadEnvironmentConfig('dev', { source: contextSettingSource(context) })).toThrow(
      /dev\.observability\.alarmEmail is "not-an-address"/,
    );
  });
});

describe('the failed-runs metric contract', () => {
  const filterOf = (env: Env) => resources(env, 'AWS::Logs::MetricFilter')[0][1].Properties;
  /** A line as Fluent Bit ships it: the raw line, its parsed JSON under the merge key, the pod's metadata. */
  const shipped = (line: object) => ({
    log: JSON.stringify(line),
    [FLUENT_BIT_MERGED_LOG_KEY]: line,
    stream: 'stdout',
    kubernetes: { namespace_name: 'datavis', pod_name: 'web-app-7d9f8c-x2k4p', container_name: 'web-app' },
  });
  const failed = (env: 'dev' | 'prod') => runsFailedEvent(env, { runId: 41, taskId: 7, projectId: 3, status: 'timed_out', attempt: 2 });

  test("a failed run's line, as Fluent Bit ships it, matches the filter, which publishes RunsFailed in Datavis/<env> by Environment", () => {
    const filter = filterOf('dev');
    expect(matchesFilterPattern(filter.FilterPattern, shipped(failed('dev')))).toBe(true);
    expect(filter.MetricTransformations).toEqual([
      {
        MetricNamespace: runsMetricNamespace('dev'),
        MetricName: RUNS_FAILED_METRIC.name,
        MetricValue: `$.${FLUENT_BIT_MERGED_LOG_KEY}.RunsFailed`,
        Dimensions: [{ Key: 'Environment', Value: `$.${FLUENT_BIT_MERGED_LOG_KEY}.Environment` }],
        Unit: 'Count',
      },
    ]);
    const [groupId] = resources('dev', 'AWS::Logs::LogGroup').find(([, g]) =>
      jsonText(g.Properties.LogGroupName).endsWith('/application'),
    )!;
    expect(filter.LogGroupName).toEqual({ Ref: groupId });
  });

  test("the web app of each environment writes, through the runs hook, the line its own environment's filter counts", () => {
    for (const env of ['dev', 'staging', 'prod'] as const) {
      const deployment = synthesized.platforms
        .get(env)!
        .cluster.charts.webApp.toJson()
        .find((o: any) => o.kind === 'Deployment');
      const variables = Object.fromEntries(
        deployment.spec.template.spec.containers[0].env
          // Values made of CDK tokens (the bucket name) are only known at deploy time.
          .filter((e: any) => e.value !== undefined && !String(e.value).includes('${Token['))
          .map((e: any) => [e.name, e.value]),
      );
      const lines: string[] = [];
      const runs = createRunMetrics({
        registry: new Registry(),
        environment: loadConfig({ ...variables, JWT_SECRET: 'x'.repeat(32) }).platform.environment,
        writeLine: (line) => lines.push(line),
      });
      runs.runFinished({ runId: 41, taskId: 7, projectId: 3, attempt: 1, status: 'failed' });
      expect(lines).toHaveLength(1);
      expect(matchesFilterPattern(filterOf(env).FilterPattern, shipped(JSON.parse(lines[0])))).toBe(true);
    }
  });

  test("another environment's failed run, an ordinary log line and the raw unparsed line do not match", () => {
    const filter = filterOf('dev').FilterPattern;
    expect(matchesFilterPattern(filter, shipped(failed('prod')))).toBe(false);
    expect(matchesFilterPattern(filter, shipped({ level: 30, msg: 'run 41 failed', RunsFailed: 1 }))).toBe(false);
    expect(matchesFilterPattern(filter, { log: JSON.stringify(failed('dev')) })).toBe(false);
    expect(matchesFilterPattern(filterOf('prod').FilterPattern, shipped(failed('prod')))).toBe(true);
  });

  test('the line is an Embedded Metric Format document: its metric and dimension are top-level fields of the right types', () => {
    const event = failed('dev');
    const [directive] = event._aws.CloudWatchMetrics;
    expect(directive).toEqual({
      Namespace: 'Datavis/dev',
      Dimensions: [['Environment']],
      Metrics: [{ Name: 'RunsFailed', Unit: 'Count' }],
    });
    for (const [name] of directive.Dimensions) expect(typeof (event as any)[name]).toBe('string');
    for (const metric of directive.Metrics) expect(typeof (event as any)[metric.Name]).toBe('number');
    expect(Number.isInteger(event._aws.Timestamp)).toBe(true);
    expect(() => runsFailedEvent('dev', { runId: 1, taskId: 1, projectId: 1, status: 'cancelled' as 'failed', attempt: 1 })).toThrow(
      /status must be one of failed, timed_out, got 'cancelled'/,
    );
  });
});

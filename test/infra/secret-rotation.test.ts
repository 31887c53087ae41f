import { Template } from 'aws-cdk-lib/assertions';
import { K8sObject } from '../charts/support/platform';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecText, readSpecYaml } from '../support/specs';
import { ClusterAssembly } from './support/cluster-assembly';

/**
 * RDS rotates the web app's database password every 30 days; the app reads DATABASE_URL once at
 * start. The chain that makes running pods pick up the new password: External Secrets re-reads
 * Secrets Manager and rewrites the Kubernetes Secret, Reloader sees the Secret change and rolls
 * the Deployment, the new pods read the new DATABASE_URL.
 */
let synthesized: SynthesizedPlatform;
let assembly: ClusterAssembly;
let objects: K8sObject[];
beforeAll(() => {
  synthesized = synthesizePlatform({ appProps: { context: { env: 'dev' } } });
  assembly = new ClusterAssembly(synthesized.platforms.get('dev')!.cluster);
  objects = assembly.manifests.flatMap((m) => m.objects) as K8sObject[];
});
afterAll(() => removeAssembly(synthesized));

const minutes = (interval: string) => {
  const match = /^(\d+)(s|m|h)$/.exec(interval)!;
  return Number(match[1]) * { s: 1 / 60, m: 1, h: 60 }[match[2] as 's' | 'm' | 'h'];
};

describe('database credential rotation reaches the running web app', () => {
  test('the credentials rotate in Secrets Manager', () => {
    Template.fromStack(synthesized.platforms.get('dev')!.data).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
  });

  test('External Secrets re-reads them within a few minutes into the Secret the Deployment reads DATABASE_URL from', () => {
    const externalSecret = objects.find((o) => o.kind === 'ExternalSecret')!;
    expect(minutes(externalSecret.spec.refreshInterval)).toBeLessThanOrEqual(5);
    const target = externalSecret.spec.target.name;
    const web = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web-app')!;
    const env = web.spec.template.spec.containers[0].env as { name: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
    expect(env.find((e) => e.name === 'DATABASE_URL')!.valueFrom!.secretKeyRef!.name).toBe(target);
    expect(Object.keys(externalSecret.spec.target.template.data)).toContain('DATABASE_URL');
  });

  test("Reloader watches the web app's namespace and the Deployment names that Secret in Reloader's annotation", () => {
    // specs/reloader/README.md: `secret.reloader.stakater.com/reload: "my-secret"` reloads when the
    // named Secret changes; the default env-vars strategy adds an env var, which rolls the pods.
    const readme = readSpecText('reloader', 'README.md');
    expect(readme).toContain('`secret.reloader.stakater.com/reload: "my-secret"`');
    expect(readme).toMatch(/`env-vars` \(default\)/);
    expect(readSpecYaml<any>('reloader', 'values.yaml').reloader.reloadStrategy).toBe('default');
    const web = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web-app')!;
    const target = objects.find((o) => o.kind === 'ExternalSecret')!.spec.target.name;
    expect(web.metadata.annotations?.['secret.reloader.stakater.com/reload']).toBe(target);
    const reloader = assembly.release('reloader');
    expect(reloader.values.reloader).toMatchObject({ watchGlobally: false, namespaces: [web.metadata.namespace], ignoreConfigMaps: true });
    expect(reloader.version).toBe(readSpecYaml<{ version: string }>('reloader', 'Chart.yaml').version);
  });

  test('Reloader and the Secret exist before the web app starts', () => {
    const webChart = assembly.manifestsWith('Deployment', 'web-app')[0].id;
    expect(assembly.isBefore(assembly.release('reloader').id, webChart)).toBe(true);
    expect(assembly.isBefore(assembly.manifestsWith('ExternalSecret')[0].id, webChart)).toBe(true);
  });
});

import Ajv from 'ajv';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { SynthesizedPlatform, removeAssembly, synthesizePlatform } from '../support/platform-synth';
import { readSpecText, readSpecYaml } from '../support/specs';
import { ClusterAssembly } from './support/cluster-assembly';

/**
 * DNS for the app and JupyterHub host names: with a hosted zone configured, external-dns
 * (pinned chart, typed values) writes the Ingress hosts' records into that zone only; without
 * one, synthesis says which records to create by hand.
 */
const ZONE = { zoneName: 'dev.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' };
let withZone: SynthesizedPlatform;
let withoutZone: SynthesizedPlatform;
beforeAll(() => {
  withZone = synthesizePlatform({ appProps: { context: { env: 'dev', 'datavis:dev:hostedZone': JSON.stringify(ZONE) } } });
  withoutZone = synthesizePlatform({ appProps: { context: { env: 'dev' } } });
});
afterAll(() => {
  removeAssembly(withZone);
  removeAssembly(withoutZone);
});

describe('external-dns', () => {
  test('values validate against the chart values.schema.json of the pinned chart and scope it to the zone with a per-environment owner', () => {
    const assembly = new ClusterAssembly(withZone.platforms.get('dev')!.cluster);
    const release = assembly.release('external-dns');
    expect(release.version).toBe(readSpecYaml<{ version: string }>('external-dns', 'Chart.yaml').version);
    const validate = new Ajv({ strict: false, allErrors: true }).compile(JSON.parse(readSpecText('external-dns', 'values.schema.json')));
    expect(validate(release.values) ? [] : validate.errors).toEqual([]);
    expect(release.values).toMatchObject({
      provider: { name: 'aws' },
      sources: ['ingress'],
      policy: 'upsert-only',
      txtOwnerId: 'datavis-dev',
      domainFilters: [ZONE.zoneName],
      extraArgs: expect.arrayContaining([`--zone-id-filter=${ZONE.hostedZoneId}`]),
    });
  });

  test('its Pod Identity role may change records in that one hosted zone only', () => {
    const template = Template.fromStack(withZone.platforms.get('dev')!.cluster);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('route53:')));
    const change = statements.find((s) => [s.Action].flat().includes('route53:ChangeResourceRecordSets'))!;
    expect(JSON.stringify(change.Resource)).toContain(`:route53:::hostedzone/${ZONE.hostedZoneId}`);
    expect(statements.filter((s) => JSON.stringify(s.Resource) === '"*"').flatMap((s) => [s.Action].flat())).toEqual([
      'route53:ListHostedZones',
    ]);
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { Namespace: 'external-dns', ServiceAccount: 'external-dns' });
  });

  test('without a hosted zone there is no external-dns and synthesis names the records to create', () => {
    const cluster = withoutZone.platforms.get('dev')!.cluster;
    expect(new ClusterAssembly(cluster).releases.map((r) => r.chart)).not.toContain('external-dns');
    const infos = Annotations.fromStack(cluster).findInfo('*', Match.stringLikeRegexp('No hosted zone for dev'));
    expect(infos).toHaveLength(1);
    expect(JSON.stringify(infos[0].entry.data)).toContain('datavis.dev.example.com');
  });
});

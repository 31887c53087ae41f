import { Aws, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { NODE_ROLE_LABEL } from '../../charts';
import { HostedZoneConfig } from '../config';

export const EXTERNAL_DNS_NAMESPACE = 'external-dns';
export const EXTERNAL_DNS_SERVICE_ACCOUNT = 'external-dns';

/** The subset of the external-dns chart's values the platform sets (checked against specs/external-dns/values.schema.json). */
export interface ExternalDnsValues {
  readonly provider: { readonly name: 'aws' };
  readonly sources: readonly ['ingress'];
  /** upsert-only: records are created and updated, never deleted, so a bad sync cannot remove a zone's records. */
  readonly policy: 'upsert-only';
  readonly registry: 'txt';
  /** Marks the records this environment owns; two environments sharing a zone leave each other's alone. */
  readonly txtOwnerId: string;
  readonly domainFilters: readonly string[];
  readonly extraArgs: readonly string[];
  readonly serviceAccount: { readonly create: true; readonly name: string };
  readonly nodeSelector: Record<string, string>;
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
}

export interface ExternalDnsProps {
  readonly cluster: eks.ICluster;
  /** Chart version from the release file. */
  readonly version: string;
  /** The public zone the app and JupyterHub host names live in: the only zone external-dns may change. */
  readonly hostedZone: HostedZoneConfig;
  /** TXT owner id, one per environment (e.g. datavis-dev). */
  readonly ownerId: string;
}

/**
 * external-dns: creates the Route 53 alias records of the Ingress host names (the web app and
 * JupyterHub) once the load balancer controller has given each Ingress its ALB. Its role, bound
 * through Pod Identity, may change records in the one hosted zone only.
 */
export class ExternalDns extends Construct {
  readonly release: eks.HelmChart;
  readonly values: ExternalDnsValues;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ExternalDnsProps) {
    super(scope, id);
    const { hostedZone } = props;
    const role = (this.role = new iam.Role(this, 'Role', {
      description: `external-dns: manages records in the ${hostedZone.zoneName} hosted zone`,
      assumedBy: new iam.ServicePrincipal('pods.eks.amazonaws.com'),
    }));
    role.assumeRolePolicy?.addStatements(
      new iam.PolicyStatement({ principals: [new iam.ServicePrincipal('pods.eks.amazonaws.com')], actions: ['sts:TagSession'] }),
    );
    const zoneArn = `arn:${Aws.PARTITION}:route53:::hostedzone/${hostedZone.hostedZoneId}`;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'],
        resources: [zoneArn],
      }),
    );
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['route53:ListHostedZones'], resources: ['*'] }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'route53:ListHostedZones supports no resource scoping; record changes are limited to the one hosted zone ARN.',
    });
    new eks.CfnPodIdentityAssociation(this, 'PodIdentity', {
      clusterName: props.cluster.clusterName,
      namespace: EXTERNAL_DNS_NAMESPACE,
      serviceAccount: EXTERNAL_DNS_SERVICE_ACCOUNT,
      roleArn: role.roleArn,
    });

    this.values = {
      provider: { name: 'aws' },
      sources: ['ingress'],
      policy: 'upsert-only',
      registry: 'txt',
      txtOwnerId: props.ownerId,
      domainFilters: [hostedZone.zoneName],
      extraArgs: [`--zone-id-filter=${hostedZone.hostedZoneId}`, '--aws-zone-type=public'],
      serviceAccount: { create: true, name: EXTERNAL_DNS_SERVICE_ACCOUNT },
      nodeSelector: { [NODE_ROLE_LABEL]: 'system' },
      resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    };
    this.release = props.cluster.addHelmChart('ExternalDnsRelease', {
      chart: 'external-dns',
      repository: 'https://kubernetes-sigs.github.io/external-dns/',
      version: props.version,
      release: 'external-dns',
      namespace: EXTERNAL_DNS_NAMESPACE,
      createNamespace: true,
      wait: true,
      values: this.values as unknown as Record<string, unknown>,
    });
  }
}

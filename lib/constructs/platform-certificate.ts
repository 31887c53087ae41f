import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { DomainConfig } from '../config';

export interface PlatformCertificateProps {
  readonly domain: DomainConfig;
}

/**
 * The ACM certificate the HTTPS listeners use: the configured ARN, or a DNS-validated
 * certificate for the app, JupyterHub and dashboard host names created in the configured hosted zone
 * (the config refuses an environment with neither).
 */
export class PlatformCertificate extends Construct {
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: PlatformCertificateProps) {
    super(scope, id);
    const { domain } = props;
    if (domain.certificateArn !== undefined) {
      this.certificateArn = domain.certificateArn;
    } else {
      if (domain.hostedZone === undefined) {
        throw new Error('PlatformCertificate needs domain.certificateArn or domain.hostedZone');
      }
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', domain.hostedZone);
      this.certificateArn = new acm.Certificate(this, 'Certificate', {
        domainName: domain.appHostname,
        subjectAlternativeNames: [domain.jupyterHostname, domain.dashboardHostname],
        validation: acm.CertificateValidation.fromDns(zone),
      }).certificateArn;
    }
  }
}

import * as kplus from 'cdk8s-plus-34';
import type { Construct } from 'constructs';
import { WEB_APP_DATA_LIMITS, albIdleTimeoutSeconds } from '../web-app-data';
import { assertAcmCertificateArn, isUnresolvedToken } from './validation';

const k8s = kplus.k8s;

/** Expose the app through the AWS Load Balancer Controller: an ALB with HTTPS on 443. */
export interface AlbExposure {
  readonly kind: 'alb';
  /** ACM certificate for the HTTPS listener. */
  readonly certificateArn: string;
  /** Host name the Ingress rule matches. @default any host */
  readonly host?: string;
  /** @default 'internet-facing' */
  readonly scheme?: 'internet-facing' | 'internal';
  /** TLS policy of the HTTPS listener. @default ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.2 and 1.3) */
  readonly sslPolicy?: string;
  /**
   * Name of the load balancer (at most 32 letters, digits and hyphens; unique per account and
   * region, so it carries the environment). Its CloudWatch metrics are found by it.
   * @default a name the load balancer controller generates
   */
  readonly loadBalancerName?: string;
}

export interface WebAppIngressProps {
  readonly namespace: string;
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly alb: AlbExposure;
  /** The web app's Service, port 80. */
  readonly serviceName: string;
}

/** The web app's Ingress for the AWS Load Balancer Controller: HTTPS on 443, HTTP redirected to it. */
export function webAppIngress(scope: Construct, props: WebAppIngressProps): void {
  const { namespace: ns, name, labels, alb, serviceName } = props;
  assertAcmCertificateArn('exposure.certificateArn', alb.certificateArn);
  const sslPolicy = alb.sslPolicy ?? 'ELBSecurityPolicy-TLS13-1-2-2021-06';
  if (!isUnresolvedToken(sslPolicy) && !/^ELBSecurityPolicy-[A-Za-z0-9-]+$/.test(sslPolicy)) {
    throw new Error(`exposure.sslPolicy must name an ELB security policy (ELBSecurityPolicy-...), got '${sslPolicy}'`);
  }
  if (alb.loadBalancerName !== undefined && !isUnresolvedToken(alb.loadBalancerName)) {
    // Elastic Load Balancing's naming rule; "internal-" is reserved for internal load balancers' DNS names.
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(alb.loadBalancerName) || alb.loadBalancerName.startsWith('internal-')) {
      throw new Error(
        `exposure.loadBalancerName must be 1-32 letters, digits and hyphens, neither starting nor ending with a hyphen nor starting with 'internal-', got '${alb.loadBalancerName}'`,
      );
    }
  }
  const annotations: { [key: string]: string } = {
    ...(alb.loadBalancerName === undefined ? {} : { 'alb.ingress.kubernetes.io/load-balancer-name': alb.loadBalancerName }),
    'alb.ingress.kubernetes.io/scheme': alb.scheme ?? 'internet-facing',
    'alb.ingress.kubernetes.io/target-type': 'ip',
    'alb.ingress.kubernetes.io/listen-ports': JSON.stringify([{ HTTP: 80 }, { HTTPS: 443 }]),
    'alb.ingress.kubernetes.io/ssl-redirect': '443',
    'alb.ingress.kubernetes.io/certificate-arn': alb.certificateArn,
    'alb.ingress.kubernetes.io/ssl-policy': sslPolicy,
    'alb.ingress.kubernetes.io/backend-protocol': 'HTTP',
    'alb.ingress.kubernetes.io/healthcheck-path': '/readyz',
    'alb.ingress.kubernetes.io/healthcheck-port': 'traffic-port',
    'alb.ingress.kubernetes.io/success-codes': '200',
    // The idle timeout outlasts WebSockets between messages and the silence after an upload's
    // last byte while the server inspects it (web-app-data.ts); drop malformed headers before
    // they reach the app.
    'alb.ingress.kubernetes.io/load-balancer-attributes': `idle_timeout.timeout_seconds=${albIdleTimeoutSeconds(
      WEB_APP_DATA_LIMITS.maxUploadBytes,
    )},routing.http.drop_invalid_header_fields.enabled=true`,
    'alb.ingress.kubernetes.io/target-group-attributes': 'deregistration_delay.timeout_seconds=30',
  };
  new k8s.KubeIngress(scope, 'ingress', {
    metadata: { name, namespace: ns, labels, annotations },
    spec: {
      ingressClassName: 'alb',
      rules: [
        {
          ...(alb.host ? { host: alb.host } : {}),
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: serviceName, port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  });
}

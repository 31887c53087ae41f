import { Testing } from 'cdk8s';
import { WebAppChart, WebAppChartProps } from '../../charts/web-app-chart';
import { annotationProblems, documentedAnnotations } from './support/alb-annotations';
import { CERT_ARN, cloudCharts, findObject, objectsOfKind } from './support/platform';
import { localPlatform } from '../../charts/local';
import { parseTrustProxy } from '../../app/server/trust-proxy';

const cloud = cloudCharts();
const web = Testing.synth(cloud.webApp);
const ingress = findObject(web, 'Ingress', 'web-app');

describe('WebAppChart', () => {
  test('the annotation table has its 67 rows', () => {
    expect(documentedAnnotations()).toHaveLength(67);
  });

  test('the Ingress uses only documented ALB annotations with valid values', () => {
    expect(annotationProblems(ingress.metadata.annotations!)).toEqual([]);
  });

  test('the JupyterHub ingress annotations pass the same check', () => {
    expect(annotationProblems(cloud.jupyterHubValues.ingress.annotations!)).toEqual([]);
  });

  test('the annotation check fails undocumented keys and bad values', () => {
    expect(annotationProblems({ 'alb.ingress.kubernetes.io/redirect-to-https': 'true' })).toEqual([
      'undocumented alb.ingress.kubernetes.io/redirect-to-https',
    ]);
    expect(annotationProblems({ 'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS": "443"}]' })).toHaveLength(1);
    expect(annotationProblems({ 'alb.ingress.kubernetes.io/scheme': 'public' })).toHaveLength(1);
  });

  test('HTTPS on 443 with the certificate, HTTP redirected, health checked on /readyz', () => {
    const a = ingress.metadata.annotations!;
    expect(JSON.parse(a['alb.ingress.kubernetes.io/listen-ports'])).toEqual([{ HTTP: 80 }, { HTTPS: 443 }]);
    expect(a['alb.ingress.kubernetes.io/ssl-redirect']).toBe('443');
    expect(a['alb.ingress.kubernetes.io/certificate-arn']).toBe(CERT_ARN);
    expect(a['alb.ingress.kubernetes.io/healthcheck-path']).toBe('/readyz');
    expect(ingress.spec.ingressClassName).toBe('alb');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'web-app', port: { number: 80 } });
  });

  test('the load balancer gets the name it is found by (its metrics carry it), and no name when none is given', () => {
    expect(ingress.metadata.annotations!['alb.ingress.kubernetes.io/load-balancer-name']).toBe('datavis-dev-web');
    const unnamed = new WebAppChart(Testing.app(), 'w', {
      image: 'r/web:1.0.0',
      appSecretName: 's',
      vpcCidr: '10.0.0.0/16',
      exposure: { kind: 'alb', certificateArn: CERT_ARN },
      storage: { kind: 's3', bucket: 'b', region: 'eu-west-1' },
    });
    const annotations = findObject(Testing.synth(unnamed), 'Ingress', 'web-app').metadata.annotations!;
    expect(Object.keys(annotations)).not.toContain('alb.ingress.kubernetes.io/load-balancer-name');
  });

  test('probes on /readyz and /healthz at port 3000; secrets only by reference', () => {
    const deployment = findObject(web, 'Deployment', 'web-app');
    const c = deployment.spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet).toMatchObject({ path: '/readyz', port: 3000 });
    expect(c.livenessProbe.httpGet).toMatchObject({ path: '/healthz', port: 3000 });
    const env = Object.fromEntries(c.env.map((e: { name: string }) => [e.name, e]));
    expect(env.DATABASE_URL).toEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'web-app-secrets', key: 'DATABASE_URL', optional: false } },
    });
    expect(env.JWT_SECRET.valueFrom.secretKeyRef.name).toBe('web-app-secrets');
    expect(objectsOfKind(web, 'Secret')).toEqual([]);
    expect(JSON.stringify(web)).not.toMatch(/mysql:\/\/[^"]*:[^"]*@/);
  });

  test('trusts X-Forwarded-* only from the VPC the load balancer connects from, in a form the server accepts', () => {
    const c = findObject(web, 'Deployment', 'web-app').spec.template.spec.containers[0];
    const trustProxy = c.env.find((e: { name: string }) => e.name === 'TRUST_PROXY');
    expect(trustProxy).toEqual({ name: 'TRUST_PROXY', value: '10.20.0.0/16' });
    expect(parseTrustProxy(trustProxy.value)).toEqual(['10.20.0.0/16']);
  });

  test('autoscaler, disruption budget and a Deployment without fixed replicas', () => {
    const hpa = findObject(web, 'HorizontalPodAutoscaler', 'web-app');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 6, scaleTargetRef: { kind: 'Deployment', name: 'web-app' } });
    expect(findObject(web, 'Deployment', 'web-app').spec.replicas).toBeUndefined();
    const pdb = findObject(web, 'PodDisruptionBudget', 'web-app');
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(findObject(web, 'Deployment', 'web-app').spec.selector.matchLabels);
  });

  test('network policies: default deny, load balancer in, DNS, MySQL, Redis and HTTPS out', () => {
    const policies = objectsOfKind(web, 'NetworkPolicy');
    const byName = (n: string) => policies.find((p) => p.metadata.name === n)!;
    expect(byName('default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(byName('allow-web-from-load-balancer').spec.ingress).toEqual([
      { from: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ protocol: 'TCP', port: 3000 }] },
    ]);
    expect(byName('allow-dns-egress').spec.egress[0].ports.map((p: { port: number }) => p.port)).toEqual([53, 53]);
    expect(byName('allow-web-to-mysql-redis').spec.egress[0].ports.map((p: { port: number }) => p.port)).toEqual([3306, 6379]);
    expect(byName('allow-web-https-egress').spec.egress[0].ports.map((p: { port: number }) => p.port)).toEqual([443]);
  });

  test('network policies: the Pod Identity agent, for the S3 credentials', () => {
    const policy = objectsOfKind(web, 'NetworkPolicy').find((p) => p.metadata.name === 'allow-pod-identity-agent')!;
    const podLabels = findObject(web, 'Deployment', 'web-app').spec.template.metadata.labels;
    expect(Object.entries(policy.spec.podSelector.matchLabels).every(([k, v]) => podLabels[k] === v)).toBe(true);
    expect(policy.spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '169.254.170.23/32' } }], ports: [{ protocol: 'TCP', port: 80 }] }]);
  });

  test('the metrics port is on the container only: Service, Ingress and the load balancer reach port 3000, nothing reaches 9464', () => {
    const c = findObject(web, 'Deployment', 'web-app').spec.template.spec.containers[0];
    expect(c.ports).toEqual([
      { containerPort: 3000, name: 'http' },
      { containerPort: 9464, name: 'metrics' },
    ]);
    const env = Object.fromEntries(c.env.map((e: { name: string; value?: string }) => [e.name, e.value]));
    expect(env.METRICS_PORT).toBe('9464');
    expect(env.PLATFORM_ENVIRONMENT).toBe('dev');
    // The Ingress sends everything to the Service's port 80, whose only target is the API's port.
    const service = findObject(web, 'Service', 'web-app');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 3000 }]);
    const backends = ingress.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service));
    expect(backends).toEqual([{ name: 'web-app', port: { number: 80 } }]);
    expect(ingress.metadata.annotations!['alb.ingress.kubernetes.io/healthcheck-port']).toBe('traffic-port');
    // No network policy admits anything to 9464 (the namespace denies by default).
    const admitted = objectsOfKind(web, 'NetworkPolicy').flatMap((p) =>
      (p.spec.ingress ?? []).flatMap((rule: any) => (rule.ports ?? []).map((port: any) => port.port)),
    );
    expect(admitted).toEqual([3000]);
  });

  test('scraper namespaces, when named, are the only peers admitted to the metrics port', () => {
    const scraped = Testing.synth(
      new WebAppChart(Testing.app(), 'w', {
        image: 'r/web:1.0.0',
        appSecretName: 's',
        vpcCidr: '10.0.0.0/16',
        exposure: { kind: 'cluster-ip' },
        storage: { kind: 's3', bucket: 'b', region: 'eu-west-1' },
        metricsScraperNamespaces: ['monitoring'],
      }),
    );
    const policy = findObject(scraped, 'NetworkPolicy', 'allow-web-metrics-from-scrapers');
    expect(policy.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        ports: [{ protocol: 'TCP', port: 9464 }],
      },
    ]);
    expect(findObject(scraped, 'Service', 'web-app').spec.ports.map((p: { targetPort: number }) => p.targetPort)).toEqual([3000]);
    expect(() => new WebAppChart(Testing.app(), 'x', { ...base, metricsScraperNamespaces: ['Monitoring'] })).toThrow(
      /metricsScraperNamespaces\[0\]/,
    );
  });

  test('the local variant has a ClusterIP Service and no Ingress', () => {
    const local = Testing.synth(localPlatform().charts.webApp);
    expect(objectsOfKind(local, 'Ingress')).toEqual([]);
    expect(findObject(local, 'Service', 'web-app').spec.type).toBe('ClusterIP');
  });

  const base: WebAppChartProps = {
    image: 'r/web:1.0.0',
    appSecretName: 's',
    vpcCidr: '10.0.0.0/16',
    exposure: { kind: 'cluster-ip' },
    storage: { kind: 's3', bucket: 'b', region: 'eu-west-1' },
  };
  test.each([
    ['an unpinned image', { image: 'r/web:latest' }, /image must be pinned/],
    ['a bad CIDR', { vpcCidr: '10.0.0.0/33' }, /vpcCidr must be an IPv4 CIDR/],
    ['a bad certificate ARN', { exposure: { kind: 'alb', certificateArn: 'cert-123' } }, /certificateArn must be an ACM certificate ARN/],
    ['min above max replicas', { replicas: { min: 3, max: 2 } }, /replicas must satisfy/],
    [
      'a load balancer name over 32 characters',
      { exposure: { kind: 'alb', certificateArn: CERT_ARN, loadBalancerName: 'datavis-staging-web-app-load-balancer' } },
      /loadBalancerName must be 1-32 letters/,
    ],
    [
      'a load balancer name ending in a hyphen',
      { exposure: { kind: 'alb', certificateArn: CERT_ARN, loadBalancerName: 'datavis-' } },
      /loadBalancerName must be 1-32 letters/,
    ],
    [
      "a load balancer name starting with 'internal-'",
      { exposure: { kind: 'alb', certificateArn: CERT_ARN, loadBalancerName: 'internal-web' } },
      /loadBalancerName must be/,
    ],
    [
      'a persistent volume with several replicas',
      { storage: { kind: 'persistent-volume', storageClass: 'standard' }, replicas: { min: 1, max: 2 } },
      /replicas.max must be 1/,
    ],
  ] as const)('refuses %s', (_name, override, message) => {
    expect(() => new WebAppChart(Testing.app(), 'w', { ...base, ...override } as WebAppChartProps)).toThrow(message);
  });

  test('accepts unresolved CDK tokens for the image, certificate and CIDR', () => {
    expect(
      () =>
        new WebAppChart(Testing.app(), 'w', {
          ...base,
          image: '${Token[TOKEN.101]}',
          vpcCidr: '${Token[TOKEN.102]}',
          exposure: { kind: 'alb', certificateArn: '${Token[TOKEN.103]}' },
        }),
    ).not.toThrow();
  });
});

import { readSpecText } from '../../support/specs';

/** Documented annotation names from the load balancer controller's table, templated rows as patterns. */
export function documentedAnnotations(): RegExp[] {
  const rows = readSpecText('aws-load-balancer-controller', 'annotations.md')
    .split('\n')
    .map((line) => /^\|\s*\[(alb\.ingress\.kubernetes\.io\/[^\]]+)\]/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
  return rows.map(
    (name) =>
      new RegExp(
        `^${name
          .replace(/[.]/g, '\\.')
          .replace(/\$\\?\{[^}]+\}/g, '[A-Za-z0-9-]+')
          .replace(/\\\.\[A-Za-z0-9-\]\+/g, '\\.[A-Za-z0-9-]+')}$`,
      ),
  );
}

const IPV4_CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/** Value formats of the annotations the platform sets, from the table's Type column and the details below it. */
const FORMATS: Record<string, (v: string) => boolean> = {
  'alb.ingress.kubernetes.io/scheme': (v) => ['internal', 'internet-facing'].includes(v),
  'alb.ingress.kubernetes.io/target-type': (v) => ['instance', 'ip'].includes(v),
  'alb.ingress.kubernetes.io/backend-protocol': (v) => ['HTTP', 'HTTPS'].includes(v),
  'alb.ingress.kubernetes.io/listen-ports': (v) =>
    Array.isArray(JSON.parse(v)) &&
    JSON.parse(v).every((e: object) =>
      Object.entries(e).every(([proto, port]) => ['HTTP', 'HTTPS'].includes(proto) && Number.isInteger(port)),
    ),
  'alb.ingress.kubernetes.io/ssl-redirect': (v) => /^\d+$/.test(v),
  'alb.ingress.kubernetes.io/certificate-arn': (v) => v.split(',').every((arn) => /^arn:aws[a-z-]*:acm:/.test(arn)),
  'alb.ingress.kubernetes.io/ssl-policy': (v) => /^ELBSecurityPolicy-/.test(v),
  'alb.ingress.kubernetes.io/healthcheck-path': (v) => v.startsWith('/'),
  'alb.ingress.kubernetes.io/healthcheck-port': (v) => v === 'traffic-port' || /^\d+$/.test(v),
  'alb.ingress.kubernetes.io/success-codes': (v) => /^\d+([-,]\d+)*$/.test(v),
  'alb.ingress.kubernetes.io/load-balancer-attributes': (v) => v.split(',').every((kv) => /^[a-z0-9_.]+=[^,=]+$/.test(kv)),
  'alb.ingress.kubernetes.io/target-group-attributes': (v) => v.split(',').every((kv) => /^[a-z0-9_.]+=[^,=]+$/.test(kv)),
  // stringList of CIDRs.
  'alb.ingress.kubernetes.io/inbound-cidrs': (v) => v.split(',').every((cidr) => IPV4_CIDR.test(cidr)),
  // "Name longer than 32 characters will be treated as an error."
  'alb.ingress.kubernetes.io/load-balancer-name': (v) => /^[A-Za-z0-9-]{1,32}$/.test(v),
};

/** What is wrong with a set of ALB annotations: undocumented keys, keys without a format check, bad values. */
export function annotationProblems(annotations: Record<string, string>): string[] {
  const documented = documentedAnnotations();
  const problems: string[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith('alb.ingress.kubernetes.io/')) continue;
    if (!documented.some((re) => re.test(key))) problems.push(`undocumented ${key}`);
    else if (!FORMATS[key]) problems.push(`no format check for ${key}`);
    else if (!FORMATS[key](value)) problems.push(`bad value for ${key}: ${value}`);
  }
  return problems;
}

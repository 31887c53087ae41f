/**
 * Early prop validation shared by the charts. Values handed over by the CDK side may still be
 * unresolved tokens (for example `${Token[TOKEN.123]}` for an image asset URI or a VPC CIDR);
 * those are accepted as they are and checked by CloudFormation at deploy time instead.
 */
const TOKEN_PATTERN = /\$\{Token\[[^\]]+\]\}/;

export function isUnresolvedToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** DNS-1123 label: what Kubernetes allows for namespaces, service accounts, services. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function assertDnsLabel(prop: string, value: string): void {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new Error(`${prop} must be a DNS-1123 label (lower case letters, digits and '-', at most 63 characters), got '${value}'`);
  }
}

/**
 * An image reference must be pinned: a digest, or a tag other than `latest`.
 */
export function assertPinnedImage(prop: string, image: string): void {
  if (isUnresolvedToken(image)) return;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return;
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon >= 0 ? lastSegment.slice(colon + 1) : '';
  if (tag === '' || tag === 'latest') {
    throw new Error(`${prop} must be pinned to a tag other than 'latest' or to a digest, got '${image}'`);
  }
}

export function assertIpv4Cidr(prop: string, cidr: string): void {
  if (isUnresolvedToken(cidr)) return;
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const valid = match !== null && match.slice(1, 5).every((octet) => Number(octet) <= 255) && Number(match[5]) <= 32;
  if (!valid) {
    throw new Error(`${prop} must be an IPv4 CIDR such as 10.0.0.0/16, got '${cidr}'`);
  }
}

export function assertS3BucketName(prop: string, bucket: string): void {
  if (isUnresolvedToken(bucket)) return;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`${prop} must be an S3 bucket name (3-63 lower case letters, digits, '.' and '-'), got '${bucket}'`);
  }
}

export function assertAcmCertificateArn(prop: string, arn: string): void {
  if (isUnresolvedToken(arn)) return;
  if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/.test(arn)) {
    throw new Error(`${prop} must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got '${arn}'`);
  }
}

/** An S3 key prefix without leading or trailing '/'. */
export function assertS3Prefix(prop: string, prefix: string): void {
  if (isUnresolvedToken(prefix)) return;
  if (prefix === '' || prefix.startsWith('/') || prefix.endsWith('/') || !/^[A-Za-z0-9!_.*'()/-]+$/.test(prefix)) {
    throw new Error(
      `${prop} must be an S3 key prefix without leading or trailing '/', using letters, digits and !_.*'()-/, got '${prefix}'`,
    );
  }
}

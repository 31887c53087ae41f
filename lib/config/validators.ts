import * as ipaddr from 'ipaddr.js';
import { ConfigError } from './config-error';

/** Returns the CIDR when it is a valid IPv4 network address with a prefix in [minPrefix, maxPrefix]. */
export function validateIpv4Cidr(field: string, value: string, minPrefix = 0, maxPrefix = 32): string {
  const allowed = `allowed: an IPv4 network in CIDR notation with a prefix length from /${minPrefix} to /${maxPrefix}, e.g. 10.0.0.0/16`;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(value);
  } catch {
    throw new ConfigError(field, value, allowed);
  }
  const [address, prefix] = parsed;
  if (address.kind() !== 'ipv4' || prefix < minPrefix || prefix > maxPrefix || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(value)) {
    throw new ConfigError(field, value, allowed);
  }
  const network = ipaddr.IPv4.networkAddressFromCIDR(value).toString();
  if (network !== address.toString()) {
    throw new ConfigError(field, value, `the address has host bits set; the network is ${network}/${prefix}`);
  }
  return value;
}

export function validateAccount(field: string, value: string): string {
  if (!/^\d{12}$/.test(value)) {
    throw new ConfigError(field, value, 'allowed: a 12-digit AWS account id');
  }
  return value;
}

export function validateRegion(field: string, value: string): string {
  if (!/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/.test(value)) {
    throw new ConfigError(field, value, 'allowed: an AWS region name such as eu-west-1');
  }
  return value;
}

export function validateIntegerRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(field, value, `allowed: an integer from ${min} to ${max}`);
  }
  return value;
}

export function validateCertificateArn(field: string, value: string): string {
  if (!/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/.test(value)) {
    throw new ConfigError(field, value, 'allowed: an ACM certificate ARN, arn:aws:acm:<region>:<account>:certificate/<uuid>');
  }
  return value;
}

export function validateHostname(field: string, value: string): string {
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) {
    throw new ConfigError(field, value, 'allowed: a lowercase DNS host name such as datavis.example.com');
  }
  return value;
}

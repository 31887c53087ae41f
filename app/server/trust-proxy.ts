import * as ipaddr from 'ipaddr.js';

/**
 * Which peers may tell the app, through X-Forwarded-For and X-Forwarded-Proto, who the
 * client is and whether it used https: nobody (false, the default: the socket's own address
 * counts), everybody (true: only for a server no client can reach directly), the nearest
 * `n` hops, or the proxies whose addresses lie in the listed CIDRs (behind the load balancer:
 * the VPC's CIDR, so a client cannot forge its address by sending the header itself).
 */
export type TrustProxySetting = boolean | number | readonly string[];

const EXPECTED = 'expected true, false, a hop count (1-10) or comma-separated IP addresses/CIDRs such as 10.0.0.0/16';

function isAddressOrCidr(entry: string): boolean {
  if (entry.includes('/')) return ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) || ipaddr.IPv6.isValidCIDR(entry);
  return ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry);
}

/** Reads TRUST_PROXY: `true`, `false` (or unset), a hop count, or comma-separated CIDRs. */
export function parseTrustProxy(raw: string | undefined): TrustProxySetting {
  const value = (raw ?? '').trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new Error(`TRUST_PROXY="${raw}" is invalid: ${EXPECTED}`);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrCidr(entry));
  if (bad !== undefined) throw new Error(`TRUST_PROXY="${raw}" is invalid: "${bad}" is not an IP address or CIDR; ${EXPECTED}`);
  return entries;
}

/** Fastify's `trustProxy` option for a setting. */
export function fastifyTrustProxy(setting: TrustProxySetting): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting === 'number') {
    // Deliberate exception: Fastify 5 treats a bare hop count as "trust nobody", because it
    // cannot check who the nearest peer is. A hop count here means what it says: the nearest
    // `setting` peers are proxies, whoever they are. Only for a server that clients can reach
    // through those proxies alone; behind the ALB the chart sets the VPC CIDR instead.
    return (_address, hop) => hop < setting;
  }
  return typeof setting === 'boolean' ? setting : [...setting];
}

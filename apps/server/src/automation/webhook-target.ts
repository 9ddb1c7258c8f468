// Where a webhook may point: http(s) only, and never at loopback, private, link-local or otherwise
// internal addresses unless an admin allows private targets (no SSRF). Checked on save (the URL as
// written) and again at call time on every address the name resolves to.
import { BlockList, isIP } from 'node:net';
import type { FieldMessageKey } from '../platform/errors.js';

const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internal.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal.addSubnet(net, bits, 'ipv6');
}

/** True for an address a webhook must not reach unless private targets are allowed. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is judged as the IPv4 one.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    return mapped ? internal.check(mapped, 'ipv4') : internal.check(address, 'ipv6');
  }
  return true;
}

const localNames = /(^|\.)(localhost|localdomain|local|internal)$/i;

/** Why this URL may not be a webhook target (null: it may), judged from the URL as written. */
export function webhookUrlProblem(url: string, allowPrivate: boolean): FieldMessageKey | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'webhook_url';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'webhook_url';
  if (u.username || u.password) return 'webhook_url';
  if (allowPrivate) return null;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) ? isInternalAddress(host) : localNames.test(host) || !host.includes('.')) {
    return 'webhook_private_target';
  }
  return null;
}

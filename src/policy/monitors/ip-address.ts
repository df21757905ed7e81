import ipaddr from 'ipaddr.js';

/** 4 or 6 for an IP address written the usual way (dotted quad, RFC 4291 text), 0 otherwise. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return 4;
  return ipaddr.IPv6.isValid(text) ? 6 : 0;
}

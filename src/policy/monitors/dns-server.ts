import { ipFamily } from './ip-address.js';

/** "1.1.1.1", "1.1.1.1:53", "::1", "[::1]:5353" → address and port; undefined when malformed. */
export function parseDnsServer(text: string): { address: string; port: number } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(text);
  const v4 = /^([\d.]+)(?::(\d{1,5}))?$/.exec(text);
  const [address, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : v4
      ? [v4[1]!, v4[2]]
      : [text, undefined];
  const family = ipFamily(address);
  if (family === 0 || (family === 4 && bracketed)) return undefined;
  const portNumber = port === undefined ? 53 : Number(port);
  return portNumber >= 1 && portNumber <= 65535 ? { address, port: portNumber } : undefined;
}

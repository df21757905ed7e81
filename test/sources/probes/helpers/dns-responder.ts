import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';

/**
 * A minimal authoritative DNS server over UDP on loopback, enough for the DNS checker tests:
 * one question per query, A/AAAA/CNAME/MX/TXT/NS answers, NXDOMAIN for unknown names,
 * and an empty answer (NODATA) for a known name without the asked type.
 */

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  CNAME?: string;
  NS?: string[];
  MX?: Array<[priority: number, exchange: string]>;
  TXT?: string[];
}

export interface DnsTarget {
  /** "127.0.0.1:port", as a monitor's `server` field takes it. */
  readonly server: string;
  readonly queries: number;
  close(): Promise<void>;
}

const TYPE: Record<number, keyof ZoneEntry> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
};

export function startDnsResponder(zone: Record<string, ZoneEntry>): Promise<DnsTarget> {
  return startUdp((socket, msg, rinfo, count) => {
    count();
    const reply = answer(msg, zone);
    if (reply) socket.send(reply, rinfo.port, rinfo.address);
  });
}

/** Receives queries and never answers: an unreachable DNS server. */
export function startDnsBlackHole(): Promise<DnsTarget> {
  return startUdp((_socket, _msg, _rinfo, count) => count());
}

function startUdp(
  onMessage: (
    socket: dgram.Socket,
    msg: Buffer,
    rinfo: dgram.RemoteInfo,
    count: () => void,
  ) => void,
): Promise<DnsTarget> {
  const socket = dgram.createSocket('udp4');
  let queries = 0;
  socket.on('message', (msg, rinfo) => onMessage(socket, msg, rinfo, () => queries++));
  return new Promise((resolve) => {
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address() as AddressInfo;
      resolve({
        server: `127.0.0.1:${port}`,
        get queries() {
          return queries;
        },
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}

function answer(query: Buffer, zone: Record<string, ZoneEntry>): Buffer | undefined {
  if (query.length < 12) return undefined;
  // The question: labels, then type and class.
  const labels: string[] = [];
  let i = 12;
  while (i < query.length && query[i] !== 0) {
    const len = query[i]!;
    labels.push(query.subarray(i + 1, i + 1 + len).toString('latin1'));
    i += len + 1;
  }
  const questionEnd = i + 5;
  if (questionEnd > query.length) return undefined;
  const qtype = query.readUInt16BE(i + 1);
  const entry = zone[labels.join('.').toLowerCase()];
  const records = entry ? rdata(entry, TYPE[qtype]) : [];

  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0); // same id
  const rd = query[2]! & 0x01;
  header[2] = 0x84 | rd; // QR, AA, RD copied
  header[3] = 0x80 | (entry ? 0 : 3); // RA; NXDOMAIN when the name is unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((data) => {
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(qtype, 2);
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6); // TTL
    rr.writeUInt16BE(data.length, 10);
    return Buffer.concat([rr, data]);
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}

function rdata(entry: ZoneEntry, type: keyof ZoneEntry | undefined): Buffer[] {
  switch (type) {
    case 'A':
      return (entry.A ?? []).map((ip) => Buffer.from(ip.split('.').map(Number)));
    case 'AAAA':
      return (entry.AAAA ?? []).map(ipv6);
    case 'CNAME':
      return entry.CNAME ? [name(entry.CNAME)] : [];
    case 'NS':
      return (entry.NS ?? []).map(name);
    case 'MX':
      return (entry.MX ?? []).map(([pref, host]) =>
        Buffer.concat([Buffer.from([pref >> 8, pref & 0xff]), name(host)]),
      );
    case 'TXT':
      return (entry.TXT ?? []).map((text) => {
        const chunks: Buffer[] = [];
        for (let at = 0; at < text.length || at === 0; at += 255) {
          const part = Buffer.from(text.slice(at, at + 255));
          chunks.push(Buffer.from([part.length]), part);
        }
        return Buffer.concat(chunks);
      });
    default:
      return [];
  }
}

function name(text: string): Buffer {
  const parts = text
    .replace(/\.$/, '')
    .split('.')
    .map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  return Buffer.concat([...parts, Buffer.from([0])]);
}

function ipv6(text: string): Buffer {
  const [head = '', tail = ''] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = text.includes('::')
    ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t]
    : h;
  const out = Buffer.alloc(16);
  groups.forEach((g, k) => out.writeUInt16BE(parseInt(g, 16), k * 2));
  return out;
}

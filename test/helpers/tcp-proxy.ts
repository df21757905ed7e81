import net from 'node:net';

/**
 * A TCP proxy on loopback whose network the test can cut and restore: `cut` closes the listener
 * and resets every connection through it (the far side sees the host vanish), `restore` listens
 * on the same port again.
 */
export interface TcpProxy {
  readonly port: number;
  readonly url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const make = () =>
    net.createServer((client) => {
      const upstream = net.connect(targetPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => sockets.delete(s));
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) =>
      server
        .once('error', reject)
        .listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
    );
  const port = await listen(0);
  const shut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.resetAndDestroy();
      server.close(() => resolve());
    });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cut: shut,
    async restore() {
      server = make();
      await listen(port);
    },
    close: shut,
  };
}

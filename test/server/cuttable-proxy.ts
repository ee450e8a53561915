/** @module A loopback TCP proxy to the database that a test can cut and restore (outage tests). */
import net from 'node:net';

export interface CuttableProxy {
  /** Listens (again) on `port`, or on a free port; resolves with the port. */
  listen(port?: number): Promise<number>;
  /** Drops every open connection and stops accepting new ones. */
  cut(): Promise<void>;
}

export function cuttableProxy(target: URL): CuttableProxy {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  const listen = (port = 0) =>
    new Promise<number>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server!.address() as net.AddressInfo).port));
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  return { listen, cut };
}

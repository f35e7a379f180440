import { createServer, Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/** A TCP proxy a test puts in front of a shared server to take it away from one client only. */
export interface TcpProxy {
  readonly port: number;
  /** Connections passed on to the target, and connections cut at once while refusing. */
  readonly forwarded: number;
  readonly refused: number;
  /** From now on every connection, open or new, is cut: to the client the target is down. */
  refuse(): void;
  forward(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  const counts = { forwarded: 0, refused: 0 };
  const server = createServer((client) => {
    if (refusing) {
      counts.refused++;
      client.destroy();
      return;
    }
    counts.forwarded++;
    const upstream = new Socket();
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.connect(target.port, target.host, () => client.pipe(upstream).pipe(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get forwarded() {
      return counts.forwarded;
    },
    get refused() {
      return counts.refused;
    },
    refuse() {
      refusing = true;
      for (const socket of open) socket.destroy(); // kept-alive connections too
    },
    forward() {
      refusing = false;
    },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

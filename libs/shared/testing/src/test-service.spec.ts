import { createServer } from 'node:net';
import { freePort } from './test-service';

describe('freePort', () => {
  it("gives ports below Linux's ephemeral range that a server can listen on", async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_000);
    }
    await new Promise<void>((resolve, reject) => {
      const server = createServer().listen(ports[0], '127.0.0.1', () => server.close(() => resolve()));
      server.on('error', reject);
    });
  });
});

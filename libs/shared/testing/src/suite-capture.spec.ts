import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { closeEach, suiteCapture } from './suite-capture';

describe('suiteCapture', () => {
  const options = { id: 'ab12cd34', name: 'invstock', context: 'inventory', tables: ['STOCK'], schema: '' };

  it('names the connector, prefix and topics after the suite, the dead-letter topics after the context', () => {
    const capture = suiteCapture(options);
    expect([capture.connector, capture.prefix]).toEqual(['bascule-invstock-ab12cd34', 'invstockab12cd34']);
    expect([capture.topicOf('STOCK'), capture.dlqOf('STOCK')]).toEqual([
      'invstockab12cd34.public.STOCK',
      'inventory.invstockab12cd34.STOCK.dlq',
    ]);
    expect(capture.env).toEqual({
      LEGACY_TOPIC_PREFIX: 'invstockab12cd34',
      LEGACY_CONNECTOR_NAME: 'bascule-invstock-ab12cd34',
    });
  });

  it('points the service at a worker of the suite’s own, read when asked (the worker starts later)', () => {
    let url = '';
    const capture = suiteCapture({ ...options, registration: 'production', connectUrl: () => url });
    url = 'http://127.0.0.1:18083';
    expect(capture.env.CONNECT_URL).toBe('http://127.0.0.1:18083');
  });

  it('refuses the legacy database before it is started', () => {
    expect(() => suiteCapture(options).legacy).toThrow('the capture bascule-invstock-ab12cd34 is not started');
  });

  describe('counted', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer((_, answer) =>
        answer.end(
          [
            'bascule_acl_quarantined_total{service="inventory",table="STOCK"} 3',
            'bascule_acl_quarantined_total{table="STOCKS",service="inventory"} 9',
            'bascule_cdc_lag_seconds_count{table="STOCK",service="inventory"} 12',
          ].join('\n'),
        ),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('reads a metric of one table, labels in any order, 0 when not counted yet', async () => {
      const capture = suiteCapture(options);
      expect(await capture.counted(url, 'STOCK')).toBe(3);
      expect(await capture.counted(url, 'STOCKS')).toBe(9);
      expect(await capture.counted(url, 'STOCK', 'bascule_cdc_lag_seconds_count')).toBe(12);
      expect(await capture.counted(url, 'FACTURES')).toBe(0);
    });
  });
});

describe('closeEach', () => {
  it('runs every step in turn whichever fails, then throws the first failure', async () => {
    const ran: number[] = [];
    const closing = closeEach(
      () => ran.push(1),
      async () => {
        ran.push(2);
        throw new Error('first');
      },
      () => {
        ran.push(3);
        throw new Error('second');
      },
      async () => ran.push(4),
    );
    await expect(closing).rejects.toThrow('first');
    expect(ran).toEqual([1, 2, 3, 4]);
  });
});

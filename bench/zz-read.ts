import { InboxApplier } from '@bascule/shared/messaging';
import { envelopeHeaders } from '@bascule/shared/contracts';
import { propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { testContracts, thingHappened } from '../libs/shared/messaging/test/test-contract';
const contracts = testContracts('t');
const applier = new InboxApplier({} as never, { consumer: 'c', contracts, handlers: { 'test.thing-happened': async () => undefined } }) as any;
const msgs = Array.from({ length: 20000 }, (_, i) => { const e = thingHappened(i); const h = envelopeHeaders(e); return { key: Buffer.from(e.aggregateId), value: Buffer.from(JSON.stringify(e)), headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Buffer.from(String(v))])), offset: String(i), timestamp: '0', attributes: 0, size: 0 }; });
const best: Record<string, number> = {};
const time = (name: string, f: (m: any) => unknown) => { const t = performance.now(); for (const m of msgs) f(m); const us = (performance.now() - t) / 20; best[name] = Math.min(best[name] ?? 1e9, us); };
for (let r = 0; r < 8; r++) {
  time('JSON.parse', (m) => JSON.parse(m.value.toString('utf8')));
  time('parse+envelope', (m) => applier.parse(m));
  time('parse+env+assertValid', (m) => contracts.assertValid(applier.parse(m)));
  time('carrier+extract', (m) => propagation.extract(ROOT_CONTEXT, Object.fromEntries(Object.entries(m.headers ?? {}).map(([k, v]: any) => [k, v?.toString() ?? '']))));
  time('full read', (m) => applier.read(m));
}
console.log(Object.entries(best).map(([k, v]) => `${k} ${v.toFixed(1)}us`).join(', '));

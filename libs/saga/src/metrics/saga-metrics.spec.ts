import { register } from 'prom-client';
import { SagaTestKit } from '../testing';
import { bookTrip, trip } from '../../test/book-trip.saga';
import { prometheusSagaMetrics } from './saga-metrics';

/** A sample's value; a histogram's `_count` is a sample of the histogram's metric. */
const value = async (sample: string, labels: Record<string, string>) => {
  const metric = register.getSingleMetric(sample.replace(/_count$/, ''))!;
  const values = (await metric.get()).values as {
    metricName?: string;
    labels: Record<string, unknown>;
    value: number;
  }[];
  const found = values.find(
    (v) => (v.metricName ?? sample) === sample && Object.entries(labels).every(([k, l]) => v.labels[k] === l),
  );
  return found?.value ?? 0;
};

describe('saga metrics', () => {
  it('count starts, timeouts and outcomes, and time each saga per outcome', async () => {
    const saga = { saga: 'trip.book-trip' };
    const before = {
      started: await value('bascule_sagas_started_total', saga),
      timeouts: await value('bascule_saga_step_timeouts_total', { ...saga, step: 'reserve-car' }),
      completed: await value('bascule_saga_outcomes_total', { ...saga, outcome: 'completed' }),
      timed: await value('bascule_saga_duration_seconds_count', { ...saga, outcome: 'completed' }),
    };
    const kit = new SagaTestKit(bookTrip).start({ tripId: 't' });
    prometheusSagaMetrics.transitioned(undefined, kit.state);
    const observe = (step: () => void) => {
      const previous = kit.state;
      step();
      prometheusSagaMetrics.transitioned(previous, kit.state);
    };
    observe(() => kit.advance(5_000));
    observe(() => kit.advance(1_000));
    observe(() => kit.reply(trip.carReserved, { carId: 'c' }));
    observe(() => kit.reply(trip.cardCharged, { chargeId: 'x' }));
    observe(() => kit.reply(trip.itinerarySent, { tripId: 't' }));
    observe(() => kit.reply(trip.itinerarySent, { tripId: 't' }, kit.sent.at(-1)));
    expect(await value('bascule_sagas_started_total', saga)).toBe(before.started + 1);
    expect(await value('bascule_saga_step_timeouts_total', { ...saga, step: 'reserve-car' })).toBe(before.timeouts + 1);
    expect(await value('bascule_saga_outcomes_total', { ...saga, outcome: 'completed' })).toBe(before.completed + 1);
    expect(await value('bascule_saga_duration_seconds_count', { ...saga, outcome: 'completed' })).toBe(
      before.timed + 1,
    );
  });

  it('read the sagas in flight and needing attention from the database at scrape time', async () => {
    prometheusSagaMetrics.watch(async () => [{ type: 'trip.scraped', inFlight: 7, needingAttention: 2 }]);
    expect(await value('bascule_sagas_in_flight', { saga: 'trip.scraped' })).toBe(7);
    expect(await value('bascule_sagas_needing_attention', { saga: 'trip.scraped' })).toBe(2);
  });
});

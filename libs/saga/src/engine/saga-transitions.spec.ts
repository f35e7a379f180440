import { SagaTestKit } from '../testing';
import { bookTrip, trip, TripData } from '../../test/book-trip.saga';
import { defineSaga } from '../definition/saga-definition';
import { compensatable, pivot, retriable } from '../definition/saga-step';
import { refused } from '../definition/step-result';
import { SagaNotCompensatableError, SagaNotStuckError } from './saga-errors';

const data: TripData = { tripId: 'trip-1' };
const started = () => new SagaTestKit(bookTrip).start(data, { sagaId: 'a8a8c3f4-6c55-4c1e-9d59-1d7e0c9c2c01' });
const reserved = () => {
  const kit = started();
  kit.expectCommands('car.reserve-car');
  return kit.reply(trip.carReserved, { carId: 'car-7' });
};
const charged = () => {
  const kit = reserved();
  kit.expectCommands('card.charge-card');
  return kit.reply(trip.cardCharged, { chargeId: 'ch-1' });
};

describe('a saga on the engine, in virtual time', () => {
  describe('the happy path', () => {
    it('sends each step command once its previous step replied, then completes', () => {
      const kit = started();
      const [reserve] = kit.expectCommands('car.reserve-car');
      expect(reserve).toMatchObject({ aggregateId: kit.state.id, correlationId: kit.state.correlationId });
      expect(reserve.payload).toEqual({ tripId: 'trip-1' });
      kit.reply(trip.carReserved, { carId: 'car-7' });
      const [charge] = kit.expectCommands('card.charge-card');
      expect(charge.causationId).toBe(kit.state.history.find((h) => h.event === 'succeeded')?.replyId);
      kit.reply(trip.cardCharged, { chargeId: 'ch-1' });
      const [mail] = kit.expectCommands('mail.send-itinerary');
      expect(mail.payload).toEqual({ tripId: 'trip-1', chargeId: 'ch-1' });
      kit.reply(trip.itinerarySent, { tripId: 'trip-1' }).expectNoCommand().expectStatus('COMPLETED');
      expect(kit.state).toMatchObject({
        data: { carId: 'car-7', chargeId: 'ch-1' },
        deadlineAt: null,
        waitingFor: null,
      });
      expect(kit.state.history.map((h) => `${h.step ?? '-'} ${h.event}`)).toEqual([
        '- started',
        'cancel-trip passed',
        'reserve-car command-sent',
        'reserve-car succeeded',
        'charge-card command-sent',
        'charge-card succeeded',
        'send-itinerary command-sent',
        'send-itinerary succeeded',
        '- completed',
      ]);
    });

    it('continues from a stored state as from the one it reached', () => {
      const stored = reserved().state;
      const kit = new SagaTestKit(bookTrip).given(stored);
      kit.reply(trip.cardCharged, { chargeId: 'ch-2' });
      expect(kit.expectCommands('mail.send-itinerary')[0].payload).toEqual({ tripId: 'trip-1', chargeId: 'ch-2' });
    });
  });

  describe('a refusal at each kind of step', () => {
    it('a compensatable step refused: the steps before it are compensated, not itself', () => {
      const kit = started();
      kit.expectCommands('car.reserve-car');
      kit.reply(trip.carUnavailable, { reason: 'no car left' }).expectStatus('COMPENSATING');
      kit.expectCommands('trip.cancel-trip');
      kit.reply(trip.tripCancelled, { tripId: 'trip-1' }).expectStatus('COMPENSATED').expectNoCommand();
      expect(kit.state.history.find((h) => h.event === 'compensation-started')?.detail).toBe(
        'reserve-car refused: no car left',
      );
    });

    it('a refusal may keep its reason in the data, for a compensation to send it', () => {
      const saga = defineSaga<TripData & { why?: string }>('trip.why', (s) => [
        compensatable('cancel-trip', {
          compensate: s
            .participant(trip.releaseCar, (d) => ({ tripId: d.tripId, carId: d.why }))
            .onReply(trip.carReleased),
        }),
        compensatable('reserve-car', {
          invoke: s
            .participant(trip.reserveCar, (d) => ({ tripId: d.tripId }))
            .onReply(trip.carReserved)
            .onReply(trip.carUnavailable, (d, r) => refused(r.reason, { ...d, why: r.reason })),
        }),
      ]);
      const kit = new SagaTestKit(saga).start(data);
      kit.expectCommands('car.reserve-car');
      kit.reply(trip.carUnavailable, { reason: 'no car left' });
      expect(kit.expectCommands('car.release-car')[0].payload).toEqual({ tripId: 'trip-1', carId: 'no car left' });
      expect(kit.state.data.why).toBe('no car left');
    });

    it('the pivot refused: compensations run in reverse order of their steps', () => {
      const kit = reserved();
      kit.expectCommands('card.charge-card');
      kit.reply(trip.cardDeclined, { reason: 'tok_declined' });
      expect(kit.expectCommands('car.release-car')[0].payload).toEqual({ tripId: 'trip-1', carId: 'car-7' });
      kit.reply(trip.carReleased, { tripId: 'trip-1' });
      kit.expectCommands('trip.cancel-trip');
      kit.reply(trip.tripCancelled, { tripId: 'trip-1' }).expectStatus('COMPENSATED');
    });

    it('a retriable step refused after the pivot needs attention: it can neither go on nor compensate', () => {
      const kit = charged();
      kit.expectCommands('mail.send-itinerary');
      kit.reply(trip.itineraryRefused, { reason: 'mailbox closed' }).expectStatus('NEEDS_ATTENTION').expectNoCommand();
      expect(kit.state.attentionReason).toBe('send-itinerary refused after the pivot: mailbox closed');
      expect(kit.state.deadlineAt).toBeNull();
      expect(() => kit.adminCompensate()).toThrow(SagaNotCompensatableError);
      kit.adminRetry().expectStatus('RUNNING');
      kit.expectCommands('mail.send-itinerary');
      kit.reply(trip.itinerarySent, { tripId: 'trip-1' }).expectStatus('COMPLETED');
    });

    it('a compensation refused needs attention; an admin retry resumes the compensation', () => {
      const kit = reserved();
      kit.expectCommands('card.charge-card');
      kit.reply(trip.cardDeclined, { reason: 'declined' });
      kit.expectCommands('car.release-car');
      kit.reply(trip.releaseRefused, { reason: 'car already gone' }).expectStatus('NEEDS_ATTENTION');
      expect(kit.state.attentionReason).toBe('compensation of reserve-car refused: car already gone');
      expect(() => kit.adminCompensate()).toThrow(SagaNotCompensatableError);
      kit.adminRetry().expectStatus('COMPENSATING');
      kit.expectCommands('car.release-car');
      kit.reply(trip.carReleased, { tripId: 'trip-1' });
      kit.expectCommands('trip.cancel-trip');
      kit.reply(trip.tripCancelled, { tripId: 'trip-1' }).expectStatus('COMPENSATED');
    });
  });

  describe('timeouts', () => {
    it('a step that never replies is sent again after each timeout and backoff, then compensated with its own compensation', () => {
      const kit = started();
      kit.expectCommands('car.reserve-car');
      kit.advance(4_999).expectNoCommand(); // timeout 5 s
      kit.advance(1).expectNoCommand(); // timed out: backoff 1 s
      kit.advance(999).expectNoCommand();
      kit.advance(1).expectCommands('car.reserve-car'); // attempt 2 at 6 s
      kit.advance(5_000 + 1_999).expectNoCommand(); // timed out at 11 s: backoff 2 s
      kit.advance(1).expectCommands('car.reserve-car'); // attempt 3 at 13 s
      kit.advance(4_999).expectNoCommand();
      kit.advance(1).expectStatus('COMPENSATING'); // no reply after 3 attempts, at 18 s
      // Its outcome is unknown (a car may be held): its own compensation runs first.
      kit.expectCommands('car.release-car');
      expect(kit.state.history.filter((h) => h.event === 'timed-out').map((h) => h.attempt)).toEqual([1, 2, 3]);
      kit.reply(trip.carReleased, { tripId: 'trip-1' });
      kit.expectCommands('trip.cancel-trip');
      kit.reply(trip.tripCancelled, { tripId: 'trip-1' }).expectStatus('COMPENSATED');
    });

    it('a retry is the same command again: its id, payload and causation, so the participant runs it once', () => {
      const kit = reserved();
      const [first] = kit.expectCommands('card.charge-card');
      const [again] = kit.advance(6_000).expectCommands('card.charge-card');
      const [third] = kit.advance(7_000).expectCommands('card.charge-card');
      expect(first.causationId).toEqual(expect.any(String)); // the reply of reserve-car
      for (const resent of [again, third])
        expect(resent).toEqual({ ...first, occurredAt: resent.occurredAt, aggregateVersion: resent.aggregateVersion });
      expect(kit.state.commandIds).toEqual([first.id]);
      kit.reply(trip.cardCharged, { chargeId: 'ch-1' }, first).expectCommands('mail.send-itinerary');
    });

    it('an admin retry is a new command: the participant runs it again', () => {
      const kit = started();
      const [reserve] = kit.expectCommands('car.reserve-car');
      kit.reply(trip.cardCharged, { chargeId: 'not a reply to reserve' }, reserve).expectStatus('NEEDS_ATTENTION');
      const [again] = kit.adminRetry().expectCommands('car.reserve-car');
      expect(again.id).not.toBe(reserve.id);
      kit.reply(trip.carReserved, { carId: 'car-1' }, reserve).expectNoCommand(); // the old command's reply is stale
      kit.reply(trip.carReserved, { carId: 'car-2' }, again).expectCommands('card.charge-card');
    });

    it('a late reply to an earlier attempt of the step in flight is its answer; the retry is not sent', () => {
      const kit = started();
      const [first] = kit.expectCommands('car.reserve-car');
      kit.advance(5_000).expectNoCommand();
      kit.reply(trip.carReserved, { carId: 'car-late' }, first);
      kit.expectCommands('card.charge-card');
      kit.advance(6_000).expectCommands('card.charge-card');
      expect(kit.state.data.carId).toBe('car-late');
    });

    it('a compensation that never replies needs attention after its retries; admin compensate is refused, retry resumes', () => {
      const kit = reserved();
      kit.expectCommands('card.charge-card');
      kit.reply(trip.cardDeclined, { reason: 'declined' });
      kit.expectCommands('car.release-car');
      kit.advance(2_000 + 500).expectCommands('car.release-car'); // its own timeout and backoff
      kit.advance(2_000).expectStatus('NEEDS_ATTENTION').expectNoCommand();
      expect(kit.state.attentionReason).toBe('compensation of reserve-car got no reply after 2 attempts');
      kit.advance(3_600_000).expectNoCommand();
      kit.adminRetry().expectCommands('car.release-car');
      kit.reply(trip.carReleased, { tripId: 'trip-1' });
      kit.expectCommands('trip.cancel-trip');
    });

    it('after the pivot, a retriable step is retried for ever with a capped backoff, then completes', () => {
      const kit = charged();
      kit.expectCommands('mail.send-itinerary');
      kit.advance(3_600_000).expectStatus('RUNNING');
      const sends = kit.takeCommands();
      expect(new Set(sends.map((c) => c.type))).toEqual(new Set(['mail.send-itinerary']));
      const times = [kit.sent.find((c) => c.type === 'mail.send-itinerary')!, ...sends].map((c) =>
        Date.parse(c.occurredAt),
      );
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      // 5 s to time out, then 1, 2, 4, 8, 8, … s of backoff (capped at 8 s), past its 2 attempts.
      expect(gaps.slice(0, 5)).toEqual([6_000, 7_000, 9_000, 13_000, 13_000]);
      expect(new Set(gaps.slice(4))).toEqual(new Set([13_000]));
      expect(sends.length).toBeGreaterThan(250);
      const first = kit.sent.find((c) => c.type === 'mail.send-itinerary')!;
      expect(new Set(sends.map((c) => c.id))).toEqual(new Set([first.id])); // one command, sent again
      expect(kit.state.commandIds).toEqual([first.id]);
      kit.reply(trip.itinerarySent, { tripId: 'trip-1' }).expectStatus('COMPLETED');
      kit.advance(3_600_000).expectNoCommand();
    });
  });

  describe('duplicated and reordered replies change nothing', () => {
    it('the same reply delivered twice moves the saga once', () => {
      const kit = started();
      const [reserve] = kit.expectCommands('car.reserve-car');
      kit.reply(trip.carReserved, { carId: 'car-7' }, reserve);
      const after = kit.state;
      const duplicate = kit.state.history.find((h) => h.event === 'succeeded')!;
      kit.deliver({ ...kit.sent[0], id: duplicate.replyId!, type: trip.carReserved.type, causationId: reserve.id });
      kit.reply(trip.carReserved, { carId: 'car-other' }, reserve);
      expect(kit.state).toEqual(after);
      kit.expectCommands('card.charge-card');
    });

    it('a reply to an earlier step, or to the forward command once compensating, is stale', () => {
      const kit = reserved();
      const [reserve] = kit.sent;
      const [charge] = kit.expectCommands('card.charge-card');
      kit.reply(trip.carUnavailable, { reason: 'late' }, reserve);
      kit.expectStatus('RUNNING').expectNoCommand();
      kit.reply(trip.cardDeclined, { reason: 'declined' }, charge);
      kit.expectCommands('car.release-car');
      const compensating = kit.state;
      kit.reply(trip.cardCharged, { chargeId: 'ch-late' }, charge);
      expect(kit.state).toEqual(compensating);
    });

    it('a reply with no causation, or to a command never sent, is ignored', () => {
      const kit = started();
      const [reserve] = kit.expectCommands('car.reserve-car');
      const before = kit.state;
      kit.reply(trip.carReserved, { carId: 'x' }, { ...reserve, id: '5d9cb2a5-0d0e-4d6e-a9d9-7d0f8d0f1a11' });
      kit.deliver({ ...reserve, type: trip.carReserved.type, causationId: null, payload: { carId: 'x' } });
      expect(kit.state).toEqual(before);
    });
  });

  describe('needs attention, then an admin', () => {
    it('an unexpected reply type stops the saga; admin compensate undoes the step and those before it', () => {
      const kit = started();
      const [reserve] = kit.expectCommands('car.reserve-car');
      kit.reply(trip.cardCharged, { chargeId: 'wrong' }, reserve).expectStatus('NEEDS_ATTENTION');
      expect(kit.state.attentionReason).toBe('unexpected reply card.card-charged to car.reserve-car');
      kit.adminCompensate().expectStatus('COMPENSATING');
      kit.expectCommands('car.release-car');
      kit.reply(trip.carReleased, { tripId: 'trip-1' });
      kit.expectCommands('trip.cancel-trip');
      kit.reply(trip.tripCancelled, { tripId: 'trip-1' }).expectStatus('COMPENSATED');
      expect(kit.state.history.map((h) => h.event)).toContain('admin-compensate');
    });

    it('a payload that cannot be built stops the saga with the reason', () => {
      const broken = defineSaga<TripData>('trip.broken', (saga) => [
        compensatable('reserve-car', {
          invoke: saga
            .participant(trip.reserveCar, () => {
              throw new Error('no trip id');
            })
            .onReply(trip.carReserved),
        }),
      ]);
      const kit = new SagaTestKit(broken).start(data).expectStatus('NEEDS_ATTENTION').expectNoCommand();
      expect(kit.state.attentionReason).toBe('reserve-car: no trip id');
    });

    it('admin operations are refused on a saga that is not stuck', () => {
      const kit = started();
      expect(() => kit.adminRetry()).toThrow(SagaNotStuckError);
      expect(() => kit.adminCompensate()).toThrow(SagaNotStuckError);
    });
  });

  describe('definitions are checked when declared', () => {
    const car = (saga: Parameters<Parameters<typeof defineSaga<TripData>>[1]>[0]) =>
      saga.participant(trip.reserveCar, (d) => ({ tripId: d.tripId })).onReply(trip.carReserved);

    it.each([
      [
        'a retriable step before the pivot',
        (s: any) => [retriable('a', { invoke: car(s) }), pivot('b', { invoke: car(s) })],
      ],
      ['two pivots', (s: any) => [pivot('a', { invoke: car(s) }), pivot('b', { invoke: car(s) })]],
      [
        'a compensatable step after the pivot',
        (s: any) => [pivot('a', { invoke: car(s) }), compensatable('b', { invoke: car(s) })],
      ],
      [
        'two steps with one name',
        (s: any) => [compensatable('a', { invoke: car(s) }), compensatable('a', { invoke: car(s) })],
      ],
      ['no step', () => []],
    ])('%s is refused', (_, steps) => {
      expect(() => defineSaga<TripData>('trip.bad', steps)).toThrow(/^saga trip\.bad: /);
    });

    it('a command without a reply handler, or not on a commands topic, is refused', () => {
      expect(() =>
        defineSaga<TripData>('trip.bad', (s) => [
          compensatable('a', { invoke: s.participant(trip.reserveCar, (d) => ({ tripId: d.tripId })) }),
        ]),
      ).toThrow('car.reserve-car of step a has no reply handler');
      expect(() =>
        defineSaga<TripData>('trip.bad', (s) => [
          compensatable('a', { invoke: s.participant(trip.carReserved as never, () => ({}) as never) }),
        ]),
      ).toThrow('car.car-reserved goes to saga.replies.v1, not a <context>.commands.v<N> topic');
    });
  });
});

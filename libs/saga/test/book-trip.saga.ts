import { TObject, Type } from '@sinclair/typebox';
import { ContractRegistry, defineEvent, EventContract } from '@bascule/shared/contracts';
import {
  compensatable,
  defineSaga,
  pivot,
  refused,
  retriable,
  SAGA_REPLIES_TOPIC,
  StepDefaults,
  succeeded,
} from '../src';

/**
 * The specs' example saga, shaped as PlaceOrder will be: a first step that only compensates (cancel the trip,
 * as PlaceOrder rejects the order), a compensatable reservation, the card charge as pivot, a retriable mail.
 */
export interface TripData {
  tripId: string;
  carId?: string;
  chargeId?: string;
}

const Reason = Type.Object({ reason: Type.String() });
const TripId = Type.Object({ tripId: Type.String() });
const command = <S extends TObject>(type: string, schema: S) =>
  defineEvent({
    type,
    version: 1,
    topic: `${type.split('.')[0]}.commands.v1`,
    aggregateType: 'saga',
    summary: type,
    schema,
  });
const reply = <S extends TObject>(type: string, schema: S) =>
  defineEvent({ type, version: 1, topic: SAGA_REPLIES_TOPIC, aggregateType: 'saga', summary: type, schema });

export const trip = {
  cancelTrip: command('trip.cancel-trip', TripId),
  tripCancelled: reply('trip.trip-cancelled', TripId),
  reserveCar: command('car.reserve-car', TripId),
  carReserved: reply('car.car-reserved', Type.Object({ carId: Type.String() })),
  carUnavailable: reply('car.car-unavailable', Reason),
  releaseCar: command('car.release-car', Type.Object({ tripId: Type.String(), carId: Type.Optional(Type.String()) })),
  carReleased: reply('car.car-released', TripId),
  releaseRefused: reply('car.release-refused', Reason),
  chargeCard: command('card.charge-card', TripId),
  cardCharged: reply('card.card-charged', Type.Object({ chargeId: Type.String() })),
  cardDeclined: reply('card.card-declined', Reason),
  sendItinerary: command('mail.send-itinerary', Type.Object({ tripId: Type.String(), chargeId: Type.String() })),
  itinerarySent: reply('mail.itinerary-sent', TripId),
  itineraryRefused: reply('mail.itinerary-refused', Reason),
};

export const tripContracts = () => new ContractRegistry(Object.values(trip) as EventContract[]);

/** The example saga, with step defaults of its own (short timeouts for the durable timer's tests). */
export const bookTripSaga = (defaults: Partial<StepDefaults> = {}) =>
  defineSaga<TripData>(
    'trip.book-trip',
    (saga) => [
      compensatable('cancel-trip', {
        compensate: saga.participant(trip.cancelTrip, (d) => ({ tripId: d.tripId })).onReply(trip.tripCancelled),
      }),
      compensatable('reserve-car', {
        invoke: saga
          .participant(trip.reserveCar, (d) => ({ tripId: d.tripId }))
          .onReply(trip.carReserved, (d, r) => succeeded({ ...d, carId: r.carId }))
          .onReply(trip.carUnavailable, (_, r) => refused(r.reason)),
        compensate: saga
          .participant(trip.releaseCar, (d) => ({ tripId: d.tripId, carId: d.carId }))
          .onReply(trip.carReleased)
          .onReply(trip.releaseRefused, (_, r) => refused(r.reason))
          .withTimeout(2_000)
          .withRetry({ maxAttempts: 2, backoff: { initialMs: 500, maxMs: 500 } }),
      }),
      pivot('charge-card', {
        invoke: saga
          .participant(trip.chargeCard, (d) => ({ tripId: d.tripId }))
          .onReply(trip.cardCharged, (d, r) => succeeded({ ...d, chargeId: r.chargeId }))
          .onReply(trip.cardDeclined, (_, r) => refused(r.reason)),
      }),
      retriable('send-itinerary', {
        invoke: saga
          .participant(trip.sendItinerary, (d) => ({ tripId: d.tripId, chargeId: d.chargeId! }))
          .onReply(trip.itinerarySent)
          .onReply(trip.itineraryRefused, (_, r) => refused(r.reason))
          .withRetry({ maxAttempts: 2, backoff: { initialMs: 1_000, maxMs: 8_000 } }),
      }),
    ],
    { timeoutMs: 5_000, retry: { maxAttempts: 3, backoff: { initialMs: 1_000, maxMs: 4_000 } }, ...defaults },
  );

export const bookTrip = bookTripSaga();

import { TObject, Type } from '@sinclair/typebox';
import { defineEvent } from '@bascule/shared/contracts';
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
/** The example's commands and replies; a suite that needs topics of its own gives a suffix (`car-<suffix>.commands.v1`). */
export const tripMessages = (suffix = '') => {
  const command = <S extends TObject>(type: string, schema: S) =>
    defineEvent({
      type,
      version: 1,
      topic: `${type.split('.')[0]}${suffix}.commands.v1`,
      aggregateType: 'saga',
      summary: type,
      schema,
    });
  const reply = <S extends TObject>(type: string, schema: S) =>
    defineEvent({
      type,
      version: 1,
      topic: suffix ? `saga${suffix}.replies.v1` : SAGA_REPLIES_TOPIC,
      aggregateType: 'saga',
      summary: type,
      schema,
    });
  return {
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
};

export const trip = tripMessages();

/** The example saga, with step defaults of its own (short timeouts for the durable timer's tests). */
export const bookTripSaga = (defaults: Partial<StepDefaults> = {}, messages = trip) =>
  defineSaga<TripData>(
    'trip.book-trip',
    (saga) => [
      compensatable('cancel-trip', {
        compensate: saga
          .participant(messages.cancelTrip, (d) => ({ tripId: d.tripId }))
          .onReply(messages.tripCancelled),
      }),
      compensatable('reserve-car', {
        invoke: saga
          .participant(messages.reserveCar, (d) => ({ tripId: d.tripId }))
          .onReply(messages.carReserved, (d, r) => succeeded({ ...d, carId: r.carId }))
          .onReply(messages.carUnavailable, (_, r) => refused(r.reason)),
        compensate: saga
          .participant(messages.releaseCar, (d) => ({ tripId: d.tripId, carId: d.carId }))
          .onReply(messages.carReleased)
          .onReply(messages.releaseRefused, (_, r) => refused(r.reason))
          .withTimeout(2_000)
          .withRetry({ maxAttempts: 2, backoff: { initialMs: 500, maxMs: 500 } }),
      }),
      pivot('charge-card', {
        invoke: saga
          .participant(messages.chargeCard, (d) => ({ tripId: d.tripId }))
          .onReply(messages.cardCharged, (d, r) => succeeded({ ...d, chargeId: r.chargeId }))
          .onReply(messages.cardDeclined, (_, r) => refused(r.reason)),
      }),
      retriable('send-itinerary', {
        invoke: saga
          .participant(messages.sendItinerary, (d) => ({ tripId: d.tripId, chargeId: d.chargeId! }))
          .onReply(messages.itinerarySent)
          .onReply(messages.itineraryRefused, (_, r) => refused(r.reason))
          .withRetry({ maxAttempts: 2, backoff: { initialMs: 1_000, maxMs: 8_000 } }),
      }),
    ],
    { timeoutMs: 5_000, retry: { maxAttempts: 3, backoff: { initialMs: 1_000, maxMs: 4_000 } }, ...defaults },
  );

export const bookTrip = bookTripSaga();

import { Static, Type } from '@sinclair/typebox';
import { CreateStockReservationBody, id } from '../rest/stock-reservation.schemas';

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const CreateStockReservationRequest = Type.Object(CreateStockReservationBody.properties);
export const GetStockReservationRequest = Type.Object({ id });
export const ListStockReservationsRequest = Type.Object({
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type CreateStockReservationRequest = Static<typeof CreateStockReservationRequest>;
export type GetStockReservationRequest = Static<typeof GetStockReservationRequest>;
export type ListStockReservationsRequest = Static<typeof ListStockReservationsRequest>;

/** A change of one stock reservation: which, at which version (0, unset, is refused). */
export const StockReservationVersionRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

export type StockReservationVersionRequest = Static<typeof StockReservationVersionRequest>;

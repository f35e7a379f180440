import { Static, Type } from '@sinclair/typebox';
import { MAX_LINE_QUANTITY, MAX_RESERVATION_LINES } from '@bascule/inventory/domain';
import { sku } from './stock-item.schemas';

const closed = { additionalProperties: false } as const;
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
export const stockReservationFields = {
  status: Type.Union([
    Type.Literal('RESERVED'),
    Type.Literal('REJECTED'),
    Type.Literal('RELEASED'),
    Type.Literal('COMMITTED'),
  ]),
};

/** One line an order asks for: a sku the stock items use, 1 to 10,000 units. */
export const reservationLine = Type.Object(
  { sku, quantity: Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY }) },
  closed,
);
/** An order's reservation: the order's id (the reservation's), 1 to 100 lines, one per sku. */
export const CreateStockReservationBody = Type.Object(
  {
    orderId: id,
    lines: Type.Array(reservationLine, { minItems: 1, maxItems: MAX_RESERVATION_LINES, uniqueItems: true }),
  },
  closed,
);
export const ListStockReservationsQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);
/** One stock reservation line in a stock reservation's answer. */
export const StockReservationLineSchema = Type.Object({ id, sku: Type.String(), quantity: Type.Integer() });
export const StockReservationSchema = Type.Object(
  {
    id,
    version: Type.Integer(),
    status: Type.Union([
      Type.Literal('RESERVED'),
      Type.Literal('REJECTED'),
      Type.Literal('RELEASED'),
      Type.Literal('COMMITTED'),
    ]),
    stockReservationLines: Type.Array(StockReservationLineSchema),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StockReservation' },
);
export const StockReservationPageSchema = Type.Object(
  { items: Type.Array(StockReservationSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'StockReservationPage' },
);

export type CreateStockReservationBody = Static<typeof CreateStockReservationBody>;
export type ListStockReservationsQuery = Static<typeof ListStockReservationsQuerySchema>;

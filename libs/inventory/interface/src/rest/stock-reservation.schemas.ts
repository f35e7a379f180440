import { Static, Type } from '@sinclair/typebox';

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

export const CreateStockReservationBody = Type.Object(stockReservationFields, closed);
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

export const AddStockReservationLineBody = Type.Object(
  {
    stockReservationLineId: Type.String({ format: 'uuid' }),
    sku: Type.String({ minLength: 1, maxLength: 200 }),
    quantity: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
  },
  closed,
);

export type AddStockReservationLineBody = Static<typeof AddStockReservationLineBody>;

export const RemoveStockReservationLineBody = Type.Object(
  { stockReservationLineId: Type.String({ format: 'uuid' }) },
  closed,
);

export type RemoveStockReservationLineBody = Static<typeof RemoveStockReservationLineBody>;

import { Static, Type } from '@sinclair/typebox';
import { MoneySchema } from '@bascule/shared/contracts';

const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
export const stockItemFields = {
  sku: Type.String({ minLength: 1, maxLength: 200 }),
  label: Type.String({ minLength: 1, maxLength: 200 }),
  unitPrice: moneyRules,
  onHand: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
  reserved: Type.Integer({ minimum: -2_147_483_648, maximum: 2_147_483_647 }),
};

export const CreateStockItemBody = Type.Object(stockItemFields, closed);
export const ListStockItemsQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  closed,
);

export const StockItemSchema = Type.Object(
  {
    id,
    version: Type.Integer(),
    sku: Type.String(),
    label: Type.String(),
    unitPrice: moneyRules,
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'StockItem' },
);
export const StockItemPageSchema = Type.Object(
  { items: Type.Array(StockItemSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'StockItemPage' },
);

export type CreateStockItemBody = Static<typeof CreateStockItemBody>;
export type ListStockItemsQuery = Static<typeof ListStockItemsQuerySchema>;

export const ChangeStockItemPriceBody = Type.Object({ unitPrice: moneyRules }, closed);

export type ChangeStockItemPriceBody = Static<typeof ChangeStockItemPriceBody>;

import { Static, Type } from '@sinclair/typebox';
import { StockItemId } from '@bascule/inventory/domain';
import { MoneySchema } from '@bascule/shared/contracts';
import { PatternParamPipe, ResourceKey } from '@bascule/shared/http';

const closed = { additionalProperties: false } as const;
// MoneySchema's rules without its $id: Ajv refuses one $id twice in a schema (two money fields).
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });
/** The fields' rules, shared by the REST bodies and the gRPC requests. */
export const id = Type.String({ format: 'uuid' });
/** A sku: letters, digits, '.', '_' and '-', starting with a letter or digit, 1 to 64 characters. */
export const SKU_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const sku = Type.String({ pattern: SKU_PATTERN, maxLength: 64 });
/** `/stock-items/{sku}`: the path names a stock item by its sku. */
export const SKU_KEY: ResourceKey = {
  param: 'sku',
  pipe: new PatternParamPipe(new RegExp(SKU_PATTERN), 'must be a sku (letters, digits, ".", "_", "-"; 1 to 64)'),
  toId: (value) => StockItemId.forSku(value).value,
  schema: { type: 'string', pattern: SKU_PATTERN },
};
const units = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });
const movedUnits = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** A French VAT rate in basis points (ADR 0054). */
export const vatRate = Type.Union([Type.Literal(2000), Type.Literal(1000), Type.Literal(550), Type.Literal(210)], {
  description: 'French VAT rate in basis points: 2000 (20 %), 1000 (10 %), 550 (5.5 %), 210 (2.1 %)',
});
export const stockItemFields = {
  sku,
  label: Type.String({ minLength: 1, maxLength: 200 }),
  unitPrice: Type.Object(
    {
      amount: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
      currency: MoneySchema.properties.currency,
    },
    closed,
  ),
  /** Absent: 20 %. */
  vatRate: Type.Optional(vatRate),
  onHand: units,
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
    vatRate,
    onHand: Type.Integer(),
    reserved: Type.Integer(),
    available: Type.Integer({ description: 'on hand − reserved, never negative' }),
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

export const ChangeStockItemPriceBody = Type.Object({ unitPrice: stockItemFields.unitPrice }, closed);
export const RestockStockItemBody = Type.Object({ quantity: movedUnits }, closed);
export const AdjustStockItemBody = Type.Object(
  {
    delta: Type.Integer({ minimum: -2_147_483_647, maximum: 2_147_483_647, not: Type.Literal(0) }),
    reason: Type.String({ minLength: 1, maxLength: 200 }),
  },
  closed,
);
export type RestockStockItemBody = Static<typeof RestockStockItemBody>;
export type AdjustStockItemBody = Static<typeof AdjustStockItemBody>;

export type ChangeStockItemPriceBody = Static<typeof ChangeStockItemPriceBody>;

export const ChangeStockItemVatRateBody = Type.Object({ vatRate }, closed);

export type ChangeStockItemVatRateBody = Static<typeof ChangeStockItemVatRateBody>;

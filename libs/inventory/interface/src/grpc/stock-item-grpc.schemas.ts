import { Static, Type } from '@sinclair/typebox';
import { id, stockItemFields } from '../rest/stock-item.schemas';
import { MoneySchema } from '@bascule/shared/contracts';
const moneyRules = Type.Object(MoneySchema.properties, { additionalProperties: false });

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const CreateStockItemRequest = Type.Object(stockItemFields);
export const GetStockItemRequest = Type.Object({ id });
export const ListStockItemsRequest = Type.Object({
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type CreateStockItemRequest = Static<typeof CreateStockItemRequest>;
export type GetStockItemRequest = Static<typeof GetStockItemRequest>;
export type ListStockItemsRequest = Static<typeof ListStockItemsRequest>;

/** A change of one stock item: which, at which version (0, unset, is refused). */
export const ChangeStockItemPriceRequest = Type.Object({
  id,
  expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  unitPrice: moneyRules,
});

export type ChangeStockItemPriceRequest = Static<typeof ChangeStockItemPriceRequest>;

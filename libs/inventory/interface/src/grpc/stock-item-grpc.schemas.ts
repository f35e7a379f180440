import { Static, Type } from '@sinclair/typebox';
import { StockItemId } from '@bascule/inventory/domain';
import {
  AdjustStockItemBody,
  id,
  RestockStockItemBody,
  sku,
  stockItemFields,
  vatRate,
} from '../rest/stock-item.schemas';

/**
 * The gRPC requests as proto-loader hands them over (camelCase, proto3 defaults: '' and 0 for unset
 * scalars, an unset `optional` field absent), checked with the same field rules as the REST bodies.
 */
export const CreateStockItemRequest = Type.Object(stockItemFields);
export const GetStockItemRequest = Type.Object({ sku });
export const ListStockItemsRequest = Type.Object({
  cursor: Type.Optional(id),
  limit: Type.Integer({ minimum: 0, maximum: 100, description: '0 (unset) means 20' }),
});

export type CreateStockItemRequest = Static<typeof CreateStockItemRequest>;
export type GetStockItemRequest = Static<typeof GetStockItemRequest>;
export type ListStockItemsRequest = Static<typeof ListStockItemsRequest>;

/** A change of one stock item: which, at which version (0, unset, is refused). */
const change = { sku, expectedVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) };
export const ChangeStockItemPriceRequest = Type.Object({ ...change, unitPrice: stockItemFields.unitPrice });
export const RestockStockItemRequest = Type.Object({ ...change, ...RestockStockItemBody.properties });
export const AdjustStockItemRequest = Type.Object({ ...change, ...AdjustStockItemBody.properties });
export const ChangeStockItemVatRateRequest = Type.Object({ ...change, vatRate });

export type ChangeStockItemPriceRequest = Static<typeof ChangeStockItemPriceRequest>;
export type RestockStockItemRequest = Static<typeof RestockStockItemRequest>;
export type AdjustStockItemRequest = Static<typeof AdjustStockItemRequest>;
export type ChangeStockItemVatRateRequest = Static<typeof ChangeStockItemVatRateRequest>;

/** The aggregate id a request's sku names. */
export const stockItemIdOf = (request: Record<string, unknown>): string =>
  StockItemId.forSku(String(request.sku)).value;

import { MoneyJson } from '@bascule/shared/contracts';
import { OrderStatus } from '@bascule/orders/domain';

export interface OrderLineView {
  id: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyJson;
  lineTotal: MoneyJson;
  vatRate: number | null;
}

export interface OrderView {
  id: string;
  version: number;
  clientId: string;
  total: MoneyJson;
  totalInclVat: MoneyJson | null;
  status: OrderStatus;
  reason: string | null;
  orderLines: OrderLineView[];
  createdAt: string;
  updatedAt: string;
}

export interface OrderPage {
  items: OrderView[];
  nextCursor: string | null;
}

/** Which orders a list answers: of one client, in one status, or all; a page after `cursor`. */
export interface OrderFilter {
  clientId?: string;
  status?: OrderStatus;
  cursor?: string;
  limit: number;
}

export interface OrderReadModel {
  get(id: string): Promise<OrderView | undefined>;
  /** Oldest first, `limit` at a time, after the one `cursor` names. */
  list(filter: OrderFilter): Promise<OrderPage>;
}

export const ORDER_READ_MODEL = Symbol('OrderReadModel');

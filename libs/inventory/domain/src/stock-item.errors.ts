import { DomainError, NotFoundError } from '@bascule/shared/ddd';

export class StockItemNotFound extends NotFoundError {
  readonly code = 'STOCK_ITEM.NOT_FOUND';

  constructor(sku: string) {
    super(`stock item ${sku} does not exist`, { sku });
  }
}

/** A second stock item with a sku already held. 409. */
export class StockItemSkuTaken extends DomainError {
  readonly code = 'STOCK_ITEM.SKU_TAKEN';

  constructor() {
    super('a stock item with this sku exists already');
  }
}

/** Rule: on hand never below what is reserved (available never negative). 409. */
export class StockItemInsufficientStock extends DomainError {
  readonly code = 'STOCK_ITEM.INSUFFICIENT_STOCK';

  constructor(sku: string, requested: number, available: number) {
    super(`stock item ${sku} has ${available} available, ${requested} asked`, { sku, requested, available });
  }
}

/** Rule: what is released or shipped was reserved. 409. */
export class StockItemNotReserved extends DomainError {
  readonly code = 'STOCK_ITEM.NOT_RESERVED';

  constructor(sku: string, requested: number, reserved: number) {
    super(`stock item ${sku} has ${reserved} reserved, ${requested} asked`, { sku, requested, reserved });
  }
}

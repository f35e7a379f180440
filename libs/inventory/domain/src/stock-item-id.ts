import { createHash } from 'node:crypto';
import { TypedId } from '@bascule/shared/ddd';

/** The namespace of stock item ids (RFC 9562 name-based ids, version 5). */
const SKU_NAMESPACE = Buffer.from('6f1c2a52-3b1e-4f55-9a4e-1d5c0b7a2e90'.replace(/-/g, ''), 'hex');

/**
 * A stock item is known by its sku: its id is the version-5 UUID of the sku, so the sku alone finds it (REST
 * `/stock-items/{sku}`, a reservation's lines), a second creation with one sku collides on the primary key, and
 * the events keep the platform's UUID aggregate ids.
 */
export class StockItemId extends TypedId {
  static forSku(sku: string): StockItemId {
    const hash = createHash('sha1').update(SKU_NAMESPACE).update(sku, 'utf8').digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString('hex');
    return new StockItemId(
      `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    );
  }

  static of(value: string): StockItemId {
    return new StockItemId(value);
  }
}

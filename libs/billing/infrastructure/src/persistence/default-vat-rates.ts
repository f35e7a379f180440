import { Injectable } from '@nestjs/common';
import { VatRates } from '@bascule/billing/application';
import { DEFAULT_VAT_RATE } from '@bascule/billing/domain';

/**
 * Every sku at 20 %: inventory's events carry no VAT rate, so billing's catalogue has none to keep (ADR 0043).
 * When they do, a consumer keeps them and a table-backed `VatRates` replaces this one.
 */
@Injectable()
export class DefaultVatRates implements VatRates {
  async ratesOf(skus: readonly string[]): Promise<ReadonlyMap<string, number>> {
    return new Map(skus.map((sku) => [sku, DEFAULT_VAT_RATE]));
  }
}

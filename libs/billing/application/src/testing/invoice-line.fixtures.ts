import { InvoiceLineState } from '@bascule/billing/domain';
import { Money } from '@bascule/shared/ddd';

/** A invoice line's state for specs: a value in each field (`variant` picks others), or those given. */
export const aInvoiceLineState = (overrides: Partial<InvoiceLineState> = {}, variant = 0): InvoiceLineState => ({
  sku: variant ? 'Second sku' : 'First sku',
  quantity: variant ? 43 : 42,
  unitPrice: variant
    ? Money.fromJSON({ amount: 1251, currency: 'EUR' })
    : Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  vatRate: variant ? 43 : 42,
  lineExclVat: variant
    ? Money.fromJSON({ amount: 1251, currency: 'EUR' })
    : Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  ...overrides,
});

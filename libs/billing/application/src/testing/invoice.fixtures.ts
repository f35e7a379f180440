import { InvoiceState } from '@bascule/billing/domain';
import { Money } from '@bascule/shared/ddd';

/** A invoice's state for specs: a value in each field, or those given. */
export const aInvoiceState = (overrides: Partial<InvoiceState> = {}): InvoiceState => ({
  orderId: '5b0f5e4e-8c1d-4a3b-9e2f-000000000000',
  number: 'First number',
  issuedOn: '2026-03-01',
  totalExclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  totalVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  totalInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  creditedInclVat: Money.fromJSON({ amount: 1250, currency: 'EUR' }),
  status: 'ISSUED',
  ...overrides,
});

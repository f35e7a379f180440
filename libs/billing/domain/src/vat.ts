// The VAT rules are the shared kernel's (ADR 0043, 0068): orders charges and billing invoices through the same ones.
export { assertFrenchVatRate, DEFAULT_VAT_RATE, FRENCH_VAT_RATES, vatByRate, vatTotals } from '@bascule/shared/ddd';
export type { VatRate, VatTotal } from '@bascule/shared/ddd';

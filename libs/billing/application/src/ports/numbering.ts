/** The gap-free series: invoices and credit notes each have their own, restarting at 1 each year. */
export type NumberSeries = 'INVOICE' | 'CREDIT_NOTE';

/**
 * Numbers gap-free and sequential per series and year (`2026-000001`), a legal requirement in France: the next
 * number is taken in the transaction that issues the document, its counter row locked until that transaction
 * ends, so a rolled-back issue gives its number back (ADR 0043).
 */
export interface Numbering {
  /** Runs `issue` in one transaction holding the next number of `series` for `year`; the save inside joins it. */
  withNextNumber<T>(series: NumberSeries, year: number, issue: (number: string) => Promise<T>): Promise<T>;
}

export const NUMBERING = Symbol('Numbering');

export const formatNumber = (year: number, sequence: number) => `${year}-${String(sequence).padStart(6, '0')}`;

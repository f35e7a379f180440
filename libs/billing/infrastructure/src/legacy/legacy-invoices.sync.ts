import {
  aggregateIdOfLegacy,
  BILLING_LEGACY_FACTURES,
  BillingLegacyFacturesFields,
  quarantineOfLegacyInvoice,
  readTransactionEnd,
  translateBillingLegacyFactures,
} from '@bascule/anti-corruption';
import {
  LegacyInvoiceFields,
  LegacyInvoiceGroup,
  SyncInvoiceFromLegacyTablesCommand,
} from '@bascule/billing/application';
import { Money } from '@bascule/shared/ddd';
import { childRowsOf, LegacySyncModule, Translated } from '@bascule/shared/legacy-sync';

/** How each child table's rows become fields of a invoice's children (`nx g @bascule/plugin:legacy-table <TABLE> --parent FACTURES`). */
const childTranslators = {};

/** The ACL's amounts (JSON, minor units) as the domain's Money. */
const asDomain = (fields: BillingLegacyFacturesFields): LegacyInvoiceFields => ({
  ...fields,
  totalExclVat: Money.fromJSON(fields.totalExclVat),
  totalVat: Money.fromJSON(fields.totalVat),
  totalInclVat: Money.fromJSON(fields.totalInclVat),
});

/** Legacy `FACTURES` and its child tables into the billing context: what one legacy transaction wrote of a invoice, one command (ADR 0031). */
export const LegacyInvoicesSyncModule = LegacySyncModule.forTables({
  service: 'billing-service',
  tables: [BILLING_LEGACY_FACTURES],
  readEnd: readTransactionEnd,
  name: 'invoices',
  keyMap: { table: 'legacy_invoice_keys', keyType: 'text' },
  buffer: { changes: 'legacy_invoice_tx_changes', ends: 'legacy_invoice_tx_ends' },
  aggregateIdOf: (key) => aggregateIdOfLegacy('FACTURES', key),
  // By hand: an issued invoice is never deleted, and a row no reading can take is quarantined with its reasons,
  // counted per table (ADR 0050).
  translate: (group): Translated<LegacyInvoiceGroup> => {
    if (group.root?.deleted) return { quarantine: ['an issued invoice deleted (FACTURES row deleted)'] };
    const fields = group.root && translateBillingLegacyFactures(group.root.row);
    const corrupt = fields ? quarantineOfLegacyInvoice(fields) : [];
    if (corrupt.length > 0) return { quarantine: corrupt };
    return {
      value: {
        root: group.root && fields && { deleted: false, fields: asDomain(fields) },
        children: childRowsOf(group, childTranslators, aggregateIdOfLegacy),
      },
      kept: null,
    };
  },
  command: (id, group, metadata) => new SyncInvoiceFromLegacyTablesCommand(id, group, metadata),
});

import {
  aggregateIdOfLegacy,
  BILLING_LEGACY_FACTURES,
  BillingLegacyFacturesFields,
  readTransactionEnd,
  translateBillingLegacyFactures,
} from '@bascule/anti-corruption';
import { LegacyInvoiceFields, SyncInvoiceFromLegacyTablesCommand } from '@bascule/billing/application';
import { Money } from '@bascule/shared/ddd';
import { childRowsOf, LegacySyncModule } from '@bascule/shared/legacy-sync';

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
  translate: (group) => ({
    value: {
      root: group.root && {
        deleted: group.root.deleted,
        fields: asDomain(translateBillingLegacyFactures(group.root.row)),
      },
      children: childRowsOf(group, childTranslators, aggregateIdOfLegacy),
    },
    kept: null,
  }),
  command: (id, group, metadata) => new SyncInvoiceFromLegacyTablesCommand(id, group, metadata),
});

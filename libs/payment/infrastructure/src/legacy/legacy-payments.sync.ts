import {
  aggregateIdOfLegacy,
  PAYMENT_LEGACY_PAIEMENTS,
  PaymentLegacyPaiementsFields,
  readTransactionEnd,
  translatePaymentLegacyPaiements,
} from '@bascule/anti-corruption';
import { LegacyPaymentFields, SyncPaymentFromLegacyTablesCommand } from '@bascule/payment/application';
import { Money } from '@bascule/shared/ddd';
import { childRowsOf, LegacySyncModule } from '@bascule/shared/legacy-sync';

/** How each child table's rows become fields of a payment's children (`nx g @bascule/plugin:legacy-table <TABLE> --parent PAIEMENTS`). */
const childTranslators = {};

/** The ACL's amounts (JSON, minor units) as the domain's Money. */
const asDomain = (fields: PaymentLegacyPaiementsFields): LegacyPaymentFields => ({
  ...fields,
  authorizedAmount: Money.fromJSON(fields.authorizedAmount),
});

/** Legacy `PAIEMENTS` and its child tables into the payment context: what one legacy transaction wrote of a payment, one command (ADR 0031). */
export const LegacyPaymentsSyncModule = LegacySyncModule.forTables({
  service: 'payment-service',
  tables: [PAYMENT_LEGACY_PAIEMENTS],
  readEnd: readTransactionEnd,
  name: 'payments',
  keyMap: { table: 'legacy_payment_keys', keyType: 'text' },
  buffer: { changes: 'legacy_payment_tx_changes', ends: 'legacy_payment_tx_ends' },
  aggregateIdOf: (key) => aggregateIdOfLegacy('PAIEMENTS', key),
  translate: (group) => ({
    value: {
      root: group.root && {
        deleted: group.root.deleted,
        fields: asDomain(translatePaymentLegacyPaiements(group.root.row)),
      },
      children: childRowsOf(group, childTranslators, aggregateIdOfLegacy),
    },
    // The legacy contract shows the order's legacy number, which the payment holds only as the order's id.
    kept: group.root && !group.root.deleted ? { NO_COMMANDE: group.root.row.NO_COMMANDE } : null,
  }),
  command: (id, group, metadata) => new SyncPaymentFromLegacyTablesCommand(id, group, metadata),
});

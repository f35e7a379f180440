import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';

/** What the order holds of a legacy `COMMANDES` row (the anti-corruption layer's translation). */
export interface LegacyOrderFields {
  clientId: string;
  total: Money;
  status: 'PENDING' | 'CONFIRMED' | 'SHIPPED' | 'CANCELLED';
}

/**
 * A child table's rows written by one legacy transaction: the last fields of each key written, the keys deleted,
 * each with the id of the child it is in the order (derived from its legacy key: stable across replays).
 */
export interface LegacyOrderChildRows {
  upserted: { id: string; key: string; fields: object }[];
  deleted: { id: string; key: string }[];
}

/** What one legacy transaction wrote of a order: its `COMMANDES` row (null: not written) and its child tables' rows, by table. */
export interface LegacyOrderGroup {
  root: { deleted: boolean; fields: LegacyOrderFields } | null;
  children: Record<string, LegacyOrderChildRows>;
}

/** Make the order match what one legacy transaction wrote of it: one command, one save (ADR 0031). */
export class SyncOrderFromLegacyTablesCommand extends Command<AggregateRef> {
  constructor(
    readonly orderId: string,
    readonly group: LegacyOrderGroup,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}

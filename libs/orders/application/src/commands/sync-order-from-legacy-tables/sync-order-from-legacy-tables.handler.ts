import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  Order,
  OrderId,
  OrderLegacyRowsWithoutOrder,
  OrderLine,
  OrderLineId,
  OrderLineState,
} from '@bascule/orders/domain';
import { AggregateRef } from '@bascule/shared/application';
import { CLOCK, Clock, InvalidValueError } from '@bascule/shared/ddd';
import { OrderChanges } from '../../order-changes';
import { ORDER_REPOSITORY, OrderRepository } from '../../ports/order.repository';
import {
  LegacyOrderChildRows,
  LegacyOrderGroup,
  SyncOrderFromLegacyTablesCommand,
} from './sync-order-from-legacy-tables.command';

@CommandHandler(SyncOrderFromLegacyTablesCommand)
export class SyncOrderFromLegacyTablesHandler implements ICommandHandler<
  SyncOrderFromLegacyTablesCommand,
  AggregateRef
> {
  /**
   * How each child table's rows change the order's collections: a row written is its child added or
   * replaced, a row deleted its child removed (`nx g @bascule/plugin:legacy-table <TABLE> --parent COMMANDES --entity <Entity>`).
   */
  private readonly children: Record<string, (order: Order, rows: LegacyOrderChildRows) => void> = {
    LIGNES_COMMANDE: (order, { upserted, deleted }) => {
      for (const { id, fields } of upserted) {
        const state = fields as OrderLineState;
        const held = order.orderLines.find((child) => child.id.value === id);
        if (held && !held.sameAs(OrderLine.of(OrderLineId.of(id), state))) order.removeOrderLine({ orderLineId: id });
        order.addOrderLine({ orderLineId: id, ...state });
      }
      for (const { id } of deleted) order.removeOrderLine({ orderLineId: id });
    },
  };

  constructor(
    @Inject(ORDER_REPOSITORY) private readonly repository: OrderRepository,
    private readonly changes: OrderChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ orderId, group, metadata }: SyncOrderFromLegacyTablesCommand): Promise<AggregateRef> {
    const found = await this.repository.findById(orderId);
    // What the model makes of a deleted `COMMANDES` row, and of the rows of a child table it has no collection
    // for, is the context's to write here: until then such a transaction is refused, set aside whole with its rows
    // dead-lettered (ADR 0031), never applied in part.
    const unmapped = [
      ...(found && group.root?.deleted ? ['COMMANDES deleted'] : []),
      ...Object.entries(group.children)
        .filter(([table, rows]) => !this.children[table] && rows.upserted.length + rows.deleted.length > 0)
        .map(([table]) => `${table} rows`),
    ];
    if (unmapped.length > 0)
      throw new InvalidValueError('legacy', `not mapped into the order yet: ${unmapped.join(', ')}`);
    const order = found ?? this.created(orderId, group);
    // The `COMMANDES` row changed: the fields the order holds of it, in the same command as its children.
    if (found && group.root) found.syncFromLegacy(group.root.fields);
    for (const [table, rows] of Object.entries(group.children)) this.children[table]?.(order, rows);
    return this.changes.save(order, metadata);
  }

  private created(orderId: string, group: LegacyOrderGroup): Order {
    // A line without its order (the order never written here, nor in this transaction): no reading takes it.
    if (!group.root || group.root.deleted) throw new OrderLegacyRowsWithoutOrder(orderId);
    // By hand: a legacy order is what the legacy held (ADR 0046), neither placed nor priced here.
    return Order.fromLegacy(OrderId.of(orderId), group.root.fields, this.clock);
  }
}

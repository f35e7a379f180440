import { Inject, Injectable } from '@nestjs/common';
import { StockItem, StockItemId, StockReservation, StockReservationNotFound } from '@bascule/inventory/domain';
import { AggregateCommand, AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { STOCK_ITEM_REPOSITORY, StockItemRepository } from './ports/stock-item.repository';
import { STOCK_RESERVATION_REPOSITORY, StockReservationRepository } from './ports/stock-reservation.repository';
import { STOCK_TRANSACTION, StockTransaction } from './ports/stock-transaction';

/** A move of stock across a reservation and its stock items, in one transaction (STOCK_TRANSACTION). */
@Injectable()
export class StockMoves {
  constructor(
    @Inject(STOCK_ITEM_REPOSITORY) private readonly items: StockItemRepository,
    @Inject(STOCK_RESERVATION_REPOSITORY) private readonly reservations: StockReservationRepository,
    @Inject(STOCK_TRANSACTION) private readonly transaction: StockTransaction,
  ) {}

  /**
   * Runs `move` on the stock items of `skus` (those that exist, by sku) and the reservation `reservationId`
   * (undefined when there is none yet), with their rows locked; saves whatever recorded events and answers with
   * the reservation `move` returns.
   */
  async move(
    reservationId: string,
    skus: readonly string[],
    metadata: CommandMetadata,
    move: (stock: ReadonlyMap<string, StockItem>, reservation: StockReservation | undefined) => StockReservation,
  ): Promise<AggregateRef> {
    const stockItemIds = skus.map((sku) => StockItemId.forSku(sku).value);
    return this.transaction.run({ stockReservationId: reservationId, stockItemIds }, async () => {
      const stock = new Map<string, StockItem>();
      for (const [index, id] of stockItemIds.entries()) {
        const item = await this.items.findById(id);
        if (item) stock.set(skus[index], item);
      }
      const reservation = move(stock, await this.reservations.findById(reservationId));
      for (const item of stock.values()) if (item.pendingEvents.length) await this.items.save(item, metadata);
      if (reservation.pendingEvents.length) await this.reservations.save(reservation, metadata);
      return { id: reservation.id.value, version: reservation.version };
    });
  }

  /**
   * A release or a commit of one reservation, its stock items moved with it; its version checked (If-Match) when it
   * changes something.
   */
  async change(
    command: AggregateCommand<unknown>,
    change: (reservation: StockReservation, stock: ReadonlyMap<string, StockItem>) => void,
  ): Promise<AggregateRef> {
    const { aggregateId: id, expectedVersion, metadata } = command.target;
    const before = await this.reservations.findById(id);
    if (!before) throw new StockReservationNotFound(id);
    return this.move(id, before.skus, metadata, (stock, reservation) => {
      if (!reservation) throw new StockReservationNotFound(id);
      const version = reservation.version;
      change(reservation, stock);
      // A repeated release or commit changes nothing and answers as the first did, whatever version it read.
      if (reservation.pendingEvents.length && expectedVersion !== undefined && expectedVersion !== version)
        throw new ConcurrencyError('stock-reservation', id, expectedVersion, version);
      return reservation;
    });
  }
}

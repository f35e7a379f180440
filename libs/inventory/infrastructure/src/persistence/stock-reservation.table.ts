import {
  StockReservationCreatedV1,
  StockReservationReleasedV1,
  StockReservationCommittedV1,
  StockReservationRejectedV1,
} from '@bascule/inventory/contracts';
import {
  StockReservation,
  StockReservationEvent,
  StockReservationId,
  StockReservationStatus,
} from '@bascule/inventory/domain';
import { Clock } from '@bascule/shared/ddd';
import { AggregateTable, IntegrationEvent } from '@bascule/shared/persistence';
import { stockReservationLineTable, stockReservationLineOf } from './stock-reservation-line.table';

/**
 * A row of `stock_reservations` as written; `SELECT *` adds the timestamps.
 */
export interface StockReservationWrite {
  id: string;
  version: number;
  status: string;
}
export type StockReservationRow = StockReservationWrite & { created_at: Date; updated_at: Date };

/** Domain event → published integration event (v1): the only place the two vocabularies meet. */
function integrationEventOf(event: StockReservationEvent): IntegrationEvent {
  switch (event.type) {
    case 'StockReservationCreated':
      return {
        contract: StockReservationCreatedV1,
        payload: { stockReservationId: event.aggregateId, status: event.status, lines: event.lines },
      };
    case 'StockReservationReleased':
      return {
        contract: StockReservationReleasedV1,
        payload: { stockReservationId: event.aggregateId, status: event.status },
      };
    case 'StockReservationCommitted':
      return {
        contract: StockReservationCommittedV1,
        payload: { stockReservationId: event.aggregateId, status: event.status },
      };
    case 'StockReservationRejected':
      return {
        contract: StockReservationRejectedV1,
        payload: {
          stockReservationId: event.aggregateId,
          reason: event.reason,
          lines: event.lines,
          shortLines: event.shortLines,
        },
      };
  }
}

/** How stock reservations are stored: the row, the mapping both ways, the events they publish. */
export const stockReservationTable = (
  clock: Clock,
): AggregateTable<StockReservation, StockReservationWrite, StockReservationRow> => ({
  name: 'stock-reservation',
  table: 'stock_reservations',
  columns: { id: 'uuid', version: 'integer', status: 'text' },
  updatedAtColumn: 'updated_at',
  children: [stockReservationLineTable],
  toRow: (stockReservation) => ({
    id: stockReservation.id.value,
    version: stockReservation.version,
    status: stockReservation.snapshot.status,
  }),
  toAggregate: (row, children) =>
    StockReservation.reconstitute(
      StockReservationId.of(row.id),
      row.version,
      {
        status: row.status as StockReservationStatus,
      },
      clock,
      children.of(stockReservationLineTable).map(stockReservationLineOf),
    ),
  integrationEventOf,
});

import { DomainEvent } from '@bascule/shared/ddd';
import type { RequestedLine, ShortLine, StockReservationState } from './stock-reservation';
import { StockReservationStatus } from './stock-reservation';

export type StockReservationCreated = DomainEvent<'StockReservationCreated'> &
  StockReservationState & { lines: RequestedLine[] };

export interface StockReservationReleased extends DomainEvent<'StockReservationReleased'> {
  status: StockReservationStatus;
}

export interface StockReservationCommitted extends DomainEvent<'StockReservationCommitted'> {
  status: StockReservationStatus;
}

/** The refusal the ordering side reacts to: its reason and the lines short. */
export interface StockReservationRejected extends DomainEvent<'StockReservationRejected'> {
  reason: string;
  lines: RequestedLine[];
  shortLines: ShortLine[];
}

export type StockReservationEvent =
  StockReservationCreated | StockReservationReleased | StockReservationCommitted | StockReservationRejected;

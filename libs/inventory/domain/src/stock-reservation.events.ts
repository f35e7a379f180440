import { DomainEvent } from '@bascule/shared/ddd';
import type { StockReservationState } from './stock-reservation';
import { StockReservationStatus } from './stock-reservation';

export type StockReservationCreated = DomainEvent<'StockReservationCreated'> & StockReservationState;

export interface StockReservationLineAdded extends DomainEvent<'StockReservationLineAdded'> {
  stockReservationLineId: string;
  sku: string;
  quantity: number;
}

export interface StockReservationLineRemoved extends DomainEvent<'StockReservationLineRemoved'> {
  stockReservationLineId: string;
}

export interface StockReservationReleased extends DomainEvent<'StockReservationReleased'> {
  status: StockReservationStatus;
}

export interface StockReservationCommitted extends DomainEvent<'StockReservationCommitted'> {
  status: StockReservationStatus;
}

export interface StockReservationRejected extends DomainEvent<'StockReservationRejected'> {
  reason: string;
}

export type StockReservationEvent =
  | StockReservationCreated
  | StockReservationLineAdded
  | StockReservationLineRemoved
  | StockReservationReleased
  | StockReservationCommitted
  | StockReservationRejected;

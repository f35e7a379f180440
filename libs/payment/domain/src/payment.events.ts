import { DomainEvent, Money } from '@bascule/shared/ddd';
import { PaymentStatus, PaymentMethod } from './payment';

export interface PaymentCaptured extends DomainEvent<'PaymentCaptured'> {
  status: PaymentStatus;
  amount: Money;
}

export interface PaymentVoided extends DomainEvent<'PaymentVoided'> {
  status: PaymentStatus;
}

export interface PaymentRefunded extends DomainEvent<'PaymentRefunded'> {
  status: PaymentStatus;
  amount: Money;
}

export interface PaymentAuthorized extends DomainEvent<'PaymentAuthorized'> {
  orderId: string;
  amount: Money;
  cardLast4: string;
  cardType: string;
}

export interface PaymentDeclined extends DomainEvent<'PaymentDeclined'> {
  orderId: string;
  amount: Money;
  reason: string;
  cardLast4: string;
  cardType: string;
}

export interface PaymentSyncedFromLegacy extends DomainEvent<'PaymentSyncedFromLegacy'> {
  orderId: string;
  authorizedAmount: Money;
  status: PaymentStatus;
  method: PaymentMethod | null;
  maskedIban: string | null;
  paidOn: string | null;
}

export type PaymentEvent =
  PaymentAuthorized | PaymentDeclined | PaymentCaptured | PaymentVoided | PaymentRefunded | PaymentSyncedFromLegacy;

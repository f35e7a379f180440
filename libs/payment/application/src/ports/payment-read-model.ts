import { MoneyJson } from '@bascule/shared/contracts';
import { PaymentMethod, PaymentStatus } from '@bascule/payment/domain';

export interface PaymentView {
  id: string;
  version: number;
  orderId: string;
  authorizedAmount: MoneyJson;
  status: PaymentStatus;
  declineReason: string | null;
  method: PaymentMethod | null;
  cardLast4: string | null;
  cardType: string | null;
  maskedIban: string | null;
  paidOn: string | null;
  capturedAmount: MoneyJson | null;
  refundedAmount: MoneyJson | null;
  providerReference: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PaymentPage {
  items: PaymentView[];
  nextCursor: string | null;
}

/** A page of payments, optionally those of one order. */
export interface PaymentListFilter {
  orderId?: string;
  cursor?: string;
  limit: number;
}

export interface PaymentReadModel {
  get(id: string): Promise<PaymentView | undefined>;
  /** Oldest first, `limit` at a time, after the one `cursor` names (of `orderId` when given). */
  list(filter: PaymentListFilter): Promise<PaymentPage>;
}

export const PAYMENT_READ_MODEL = Symbol('PaymentReadModel');

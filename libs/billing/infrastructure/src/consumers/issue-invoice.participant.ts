import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  CreateInvoiceCommand,
  INVOICE_READ_MODEL,
  InvoiceReadModel,
  KNOWN_ORDERS,
  KnownOrders,
} from '@bascule/billing/application';
import { IssueInvoiceRefusedV1, IssueInvoiceSucceededV1, IssueInvoiceV1 } from '@bascule/billing/contracts';
import { answer, isRefusal, NotYet, notYet, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type IssueInvoiceEnvelope = EventEnvelope<PayloadOf<typeof IssueInvoiceV1>>;

/** What an issue-invoice command waits for while billing has not consumed its order's confirmation. */
export const orderConfirmation = (orderId: string): string => `order-confirmed:${orderId}`;

/**
 * billing.issue-invoice v1, the retriable step after the payment's capture (ADR 0055, 0056, 0061): runs create-invoice
 * in the transaction of the command's inbox row and answers on saga.replies.v1 in that transaction.
 * - One invoice per order: a command sent again (an admin's retry, a new id) answers with the invoice issued first,
 *   taking no number (the series stays gap-free); a repeated delivery (the same id) gets its first reply again.
 * - An order whose confirmation billing has not consumed yet gets no reply yet: the command is kept until the
 *   confirmation is (`OnOrderConfirmedHandler` resumes it, ADR 0070), or until the saga's timeout sends it again.
 *   Thrown instead, the engine would wait on it and hold the fetch that brings the order's event (ADR 0061).
 * - A refusal (a DomainError: an order rejected or cancelled) is a reply with its code.
 */
@Injectable()
export class IssueInvoiceParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    @Inject(INVOICE_READ_MODEL) private readonly invoices: InvoiceReadModel,
    @Inject(KNOWN_ORDERS) private readonly orders: KnownOrders,
  ) {}

  @ConsumesEvent('billing.issue-invoice', 1, { answersRepeats: true })
  handle(command: IssueInvoiceEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  /** The answer to the command, or not yet while the order is not known here as confirmed. */
  private async run(command: IssueInvoiceEnvelope): Promise<SagaAnswer | NotYet> {
    const { orderId } = command.payload;
    const [issued] = (await this.invoices.list({ orderId, limit: 1 })).items;
    if (issued) return answer(IssueInvoiceSucceededV1, { id: issued.id, version: issued.version });
    const order = await this.orders.get(orderId);
    if (!order || order.status === 'PENDING') return notYet(orderConfirmation(orderId));
    try {
      const done = await this.commands.execute(new CreateInvoiceCommand(command.payload, sagaCommandMetadata(command)));
      return answer(IssueInvoiceSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      // A lost race is transient (the engine redoes it), never a refusal.
      if (isRefusal(error)) return answer(IssueInvoiceRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}

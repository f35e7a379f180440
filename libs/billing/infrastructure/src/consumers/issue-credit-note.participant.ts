import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { INVOICE_READ_MODEL, InvoiceReadModel, IssueCreditNoteCommand } from '@bascule/billing/application';
import { IssueCreditNoteRefusedV1, IssueCreditNoteSucceededV1, IssueCreditNoteV1 } from '@bascule/billing/contracts';
import { answer, isRefusal, SagaAnswer, sagaCommandMetadata, SagaParticipant } from '@bascule/saga';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { Money } from '@bascule/shared/ddd';
import { ConsumesEvent, Delivery } from '@bascule/shared/messaging';
import { SqlRows } from '@bascule/shared/persistence';

type IssueCreditNoteEnvelope = EventEnvelope<PayloadOf<typeof IssueCreditNoteV1>>;

/**
 * billing.issue-credit-note v1, a compensation of the cancellation saga (ADR 0056, 0062): credits what is left of the
 * invoice of the order (its full total including VAT, when nothing was credited before) in the transaction of the
 * command's inbox row, and answers on saga.replies.v1 in that transaction.
 * - An invoice credited in full answers with it as it stands: a retried command (a new id) issues no second note.
 * - No invoice for the order: nothing to undo, done at version 0 (the order's id, as a release of no reservation).
 * - The invoice is changed at the version read: a credit note issued meanwhile is a lost race, redone by the engine.
 */
@Injectable()
export class IssueCreditNoteParticipant {
  constructor(
    private readonly commands: CommandBus,
    private readonly participant: SagaParticipant,
    @Inject(INVOICE_READ_MODEL) private readonly invoices: InvoiceReadModel,
  ) {}

  @ConsumesEvent('billing.issue-credit-note', 1, { answersRepeats: true })
  handle(command: IssueCreditNoteEnvelope, tx: SqlRows, delivery?: Delivery): Promise<void> {
    return this.participant.answer(command, tx, delivery, () => this.run(command));
  }

  private async run(command: IssueCreditNoteEnvelope): Promise<SagaAnswer> {
    const { orderId, reason } = command.payload;
    const [invoice] = (await this.invoices.list({ orderId, limit: 1 })).items;
    if (!invoice) return answer(IssueCreditNoteSucceededV1, { id: orderId, version: 0 });
    const left = Money.fromJSON(invoice.totalInclVat).subtract(Money.fromJSON(invoice.creditedInclVat));
    if (!left.isPositive()) return answer(IssueCreditNoteSucceededV1, { id: invoice.id, version: invoice.version });
    try {
      const done = await this.commands.execute(
        new IssueCreditNoteCommand(
          { aggregateId: invoice.id, expectedVersion: invoice.version, metadata: sagaCommandMetadata(command) },
          { amount: left.toJSON(), reason },
        ),
      );
      return answer(IssueCreditNoteSucceededV1, { id: done.id, version: done.version });
    } catch (error) {
      if (isRefusal(error)) return answer(IssueCreditNoteRefusedV1, { reason: error.code, detail: error.message });
      throw error;
    }
  }
}

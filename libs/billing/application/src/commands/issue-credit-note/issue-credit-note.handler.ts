import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRef } from '@bascule/shared/application';
import { CreditNoteId } from '@bascule/billing/domain';
import { CLOCK, Clock, Money } from '@bascule/shared/ddd';
import { parisDate } from '../../issue-date';
import { InvoiceChanges } from '../../invoice-changes';
import { NUMBERING, Numbering } from '../../ports/numbering';
import { IssueCreditNoteCommand } from './issue-credit-note.command';

/** A credit note (avoir) of an invoice, under the next number of the credit notes' own series. */
@CommandHandler(IssueCreditNoteCommand)
export class IssueCreditNoteHandler implements ICommandHandler<IssueCreditNoteCommand, AggregateRef> {
  constructor(
    private readonly changes: InvoiceChanges,
    @Inject(NUMBERING) private readonly numbering: Numbering,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: IssueCreditNoteCommand): Promise<AggregateRef> {
    const issuedOn = parisDate(this.clock.now());
    const { data } = command;
    return this.numbering.withNextNumber('CREDIT_NOTE', Number(issuedOn.slice(0, 4)), (number) =>
      this.changes.apply(command, (invoice) =>
        invoice.issueCreditNote({
          creditNoteId: CreditNoteId.generate().value,
          number,
          issuedOn,
          amount: Money.fromJSON(data.amount),
          reason: data.reason,
        }),
      ),
    );
  }
}

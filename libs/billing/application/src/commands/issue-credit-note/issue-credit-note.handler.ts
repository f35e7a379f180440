import { CommandHandler } from '@nestjs/cqrs';
import { Invoice } from '@bascule/billing/domain';
import { ChangeHandler } from '@bascule/shared/application';
import { Money } from '@bascule/shared/ddd';
import { InvoiceChanges } from '../../invoice-changes';
import { IssueCreditNoteCommand } from './issue-credit-note.command';

@CommandHandler(IssueCreditNoteCommand)
export class IssueCreditNoteHandler extends ChangeHandler<Invoice, IssueCreditNoteCommand> {
  constructor(changes: InvoiceChanges) {
    super(changes);
  }

  protected change(invoice: Invoice, { data }: IssueCreditNoteCommand): void {
    invoice.issueCreditNote({ amount: Money.fromJSON(data.amount), reason: data.reason });
  }
}

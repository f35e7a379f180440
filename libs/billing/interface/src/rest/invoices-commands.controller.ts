import { Controller, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { GetInvoiceQuery, InvoiceView, IssueCreditNoteCommand } from '@bascule/billing/application';
import { AggregateCommand } from '@bascule/shared/application';
import { Roles } from '@bascule/shared/auth';
import { ChangeOperation, ChangeRequest, EtagInterceptor } from '@bascule/shared/http';
import { InvoiceSchema, IssueCreditNoteBody } from './invoice.schemas';

const answer = InvoiceSchema;

/** Changes of one invoice: each requires If-Match and answers with it and its new ETag. */
@ApiTags('invoices')
@Controller('invoices/:id')
@UseInterceptors(EtagInterceptor)
export class InvoicesCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Roles('billing:write')
  @ChangeOperation('credit-notes', {
    summary: 'Issue a credit note (avoir) for a refund: its own number, never above what is left to credit',
    answer,
    body: IssueCreditNoteBody,
  })
  issueCreditNote(@ChangeRequest(IssueCreditNoteBody) { target, body }: ChangeRequest<IssueCreditNoteBody>) {
    return this.run(new IssueCreditNoteCommand(target, body));
  }

  private async run(command: AggregateCommand<unknown>): Promise<InvoiceView> {
    const { id } = await this.commands.execute(command);
    return this.queries.execute(new GetInvoiceQuery(id));
  }
}

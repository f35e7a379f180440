import { AggregateCommand } from '@bascule/shared/application';

export class ChangeClientEmailCommand extends AggregateCommand<{ email: string }> {}

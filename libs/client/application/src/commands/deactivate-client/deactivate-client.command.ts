import { AggregateCommand } from '@bascule/shared/application';

export class DeactivateClientCommand extends AggregateCommand<{ reason: string }> {}

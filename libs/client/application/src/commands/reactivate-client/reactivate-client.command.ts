import { AggregateCommand } from '@bascule/shared/application';

export class ReactivateClientCommand extends AggregateCommand {}

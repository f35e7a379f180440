import { AggregateCommand } from '@bascule/shared/application';

export class EraseClientCommand extends AggregateCommand {}

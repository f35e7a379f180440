import { AggregateCommand } from '@bascule/shared/application';

export class VoidCommand extends AggregateCommand {}

import { AggregateCommand } from '@bascule/shared/application';

export class ConfirmOrderCommand extends AggregateCommand {}

import { AggregateCommand } from '@bascule/shared/application';

export class ShipOrderCommand extends AggregateCommand {}

import { AggregateCommand } from '@bascule/shared/application';

export class CommitStockReservationCommand extends AggregateCommand {}

import { AggregateCommand } from '@bascule/shared/application';

export class ReleaseStockReservationCommand extends AggregateCommand {}

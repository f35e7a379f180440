import { AggregateCommand } from '@bascule/shared/application';

/** The cancellation saga's last step (orders.cancel-order): a CANCELLING order, refunded, becomes CANCELLED. */
export class CompleteOrderCancellationCommand extends AggregateCommand {}

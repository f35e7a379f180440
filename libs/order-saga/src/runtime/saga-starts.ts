import { OrderPlacedV1 } from '@bascule/orders/contracts';
import { EventEnvelope, PayloadOf } from '@bascule/shared/contracts';
import { EventHandler } from '@bascule/shared/messaging';
import { SagaOrchestrator } from '@bascule/saga';
import { cancelOrderData } from '../cancel-order/cancel-order-data';
import { cancelOrderSaga } from '../cancel-order/cancel-order.saga';
import { OrderCancellationRequestedV1 } from '@bascule/orders/contracts';
import { placeOrderData } from '../place-order/place-order-data';
import { placeOrderSaga } from '../place-order/place-order.saga';
import { orderSagaId } from '../saga-ids';

/** The events that start a saga; they travel on orders.events.v1 with the orders context's other events. */
export const sagaStartContracts = [OrderPlacedV1, OrderCancellationRequestedV1] as const;

/**
 * The consumer's handlers of the events that start the order sagas. The saga's id comes from the order's, so a
 * redelivered event starts nothing; the saga keeps the event's correlation id, and the event is its first
 * command's cause. The start joins the event's inbox transaction.
 */
export function sagaStarts(orchestrator: SagaOrchestrator): Record<string, EventHandler> {
  const placed: EventHandler = async (event) => {
    const { payload } = event as EventEnvelope<PayloadOf<typeof OrderPlacedV1>>;
    await orchestrator.start(placeOrderSaga, {
      sagaId: orderSagaId(placeOrderSaga.type, payload.orderId),
      correlationId: event.correlationId,
      causationId: event.id,
      data: placeOrderData(payload),
    });
  };
  const cancellationRequested: EventHandler = async (event) => {
    const { payload } = event as EventEnvelope<PayloadOf<typeof OrderCancellationRequestedV1>>;
    await orchestrator.start(cancelOrderSaga, {
      sagaId: orderSagaId(cancelOrderSaga.type, payload.orderId),
      correlationId: event.correlationId,
      causationId: event.id,
      data: cancelOrderData(payload),
    });
  };
  return { [OrderPlacedV1.type]: placed, [OrderCancellationRequestedV1.type]: cancellationRequested };
}

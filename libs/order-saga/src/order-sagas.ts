import { AnySagaDefinition } from '@bascule/saga';
import { cancelOrderSaga } from './cancel-order/cancel-order.saga';
import { placeOrderSaga } from './place-order/place-order.saga';

/** Every saga the order-saga orchestrator runs. */
export const orderSagas: readonly AnySagaDefinition[] = [placeOrderSaga, cancelOrderSaga];

import { v5 as uuidv5 } from 'uuid';

/** The namespace of the order sagas' ids (UUID v5): fixed for ever, or a redelivered event would start a second saga. */
const ORDER_SAGAS_NAMESPACE = '4b0a4c1e-8f3d-5b7a-9c2e-0d6f1a3b5c7e';

/**
 * A saga's id from its type and its order's id: the same event delivered again, or an order's second cancellation
 * request, names a saga that exists, and the orchestrator starts nothing (ADR 0063).
 */
export const orderSagaId = (sagaType: string, orderId: string): string =>
  uuidv5(`${sagaType}:${orderId}`, ORDER_SAGAS_NAMESPACE);

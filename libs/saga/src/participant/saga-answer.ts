import { EventContract, PayloadOf } from '@bascule/shared/contracts';

/** What a participant answers a saga command: one of its reply contracts and the payload. */
export interface SagaAnswer<C extends EventContract = EventContract> {
  reply: C;
  payload: PayloadOf<C>;
}

export const answer = <C extends EventContract>(reply: C, payload: PayloadOf<C>): SagaAnswer<C> => ({ reply, payload });

import { isTransient } from '@bascule/shared/application';
import { EventContract, PayloadOf } from '@bascule/shared/contracts';
import { DomainError } from '@bascule/shared/ddd';

/** What a participant answers a saga command: one of its reply contracts and the payload. */
export interface SagaAnswer<C extends EventContract = EventContract> {
  reply: C;
  payload: PayloadOf<C>;
}

export const answer = <C extends EventContract>(reply: C, payload: PayloadOf<C>): SagaAnswer<C> => ({ reply, payload });

/**
 * No answer yet: the command waits until this context learns what `waitsFor` names (say `order-confirmed:<id>`),
 * and runs again when the code that learns it calls `SagaParticipant.resume` with the same name (ADR 0070). Work that
 * says so must have written nothing.
 */
export interface NotYet {
  waitsFor: string;
}

export const notYet = (waitsFor: string): NotYet => ({ waitsFor });

export const isNotYet = (answered: SagaAnswer | NotYet): answered is NotYet => 'waitsFor' in answered;

/**
 * A use case's error a participant answers as a refusal: a domain rule said no. A lost race (ConcurrencyError) or
 * any other transient failure is thrown instead, for the consumer engine to redo the command.
 */
export const isRefusal = (error: unknown): error is DomainError => error instanceof DomainError && !isTransient(error);

import { CommandBus } from '@nestjs/cqrs';
import { EventEnvelope } from '@bascule/shared/contracts';
import { DomainError } from '@bascule/shared/ddd';
import { Delivery } from '@bascule/shared/messaging';
import { isNotYet, NotYet, SagaAnswer } from '../participant/saga-answer';
import { SagaParticipant } from '../participant/saga-participant';

/** What a use case refuses with in a participant's spec: a `DomainError` whose code the refused reply carries. */
export class TestRefusal extends DomainError {
  readonly code = 'TEST.REFUSED';
}

/** An answer as a participant's spec records it: the work's answer, 'repeated' for a command the inbox had seen. */
export type RecordedAnswer = SagaAnswer | 'repeated';

/**
 * The `SagaParticipant` a participant's unit spec gives it, answering as the real one does: each answer recorded in
 * `answers` instead of written to the outbox in the command's transaction; a repeated delivery of a command answered
 * before recorded as 'repeated', its work not run; a command whose work said "not yet" recorded in `waiting` (what it
 * waits for), and a repeat of it runs the work again. `resume(tx, waitsFor)` is recorded in `resumed`.
 * `replies()` gives each answer as `[reply type, payload]`.
 */
export function recordingSaga(): {
  answers: RecordedAnswer[];
  waiting: string[];
  resumed: string[];
  saga: SagaParticipant;
  replies: () => unknown[];
} {
  const answers: RecordedAnswer[] = [];
  const waiting: string[] = [];
  const resumed: string[] = [];
  const stored = new Set<string>();
  const saga = {
    answer: async (
      command: EventEnvelope,
      _tx: unknown,
      delivery: Delivery | undefined,
      work: () => Promise<SagaAnswer | NotYet>,
    ) => {
      if (delivery?.repeated && stored.has(command.id)) return void answers.push('repeated');
      const answered = await work();
      if (isNotYet(answered)) return void waiting.push(answered.waitsFor);
      stored.add(command.id);
      answers.push(answered);
    },
    resume: async (_tx: unknown, waitsFor: string) => void resumed.push(waitsFor),
  } as unknown as SagaParticipant;
  const replies = () => answers.map((a) => (a === 'repeated' ? a : [a.reply.type, a.payload]));
  return { answers, waiting, resumed, saga, replies };
}

/** A command bus whose `execute` answers as `execute` does, each command it is given kept in `executed`. */
export function fakeCommandBus<C = unknown>(
  execute: (command: C) => Promise<unknown>,
): { bus: CommandBus; executed: C[] } {
  const executed: C[] = [];
  const bus = { execute: (command: C) => (executed.push(command), execute(command)) } as unknown as CommandBus;
  return { bus, executed };
}

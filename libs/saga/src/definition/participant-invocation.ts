import { BackoffOptions } from '@bascule/shared/messaging';
import { EventContract, PayloadOf } from '@bascule/shared/contracts';
import { StepResult, succeeded } from './step-result';

/** How often a command is sent again when no reply came in time, and how long to wait between attempts. */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: BackoffOptions;
}

export type ReplyHandler<D> = (data: D, reply: unknown) => StepResult<D>;

/** The topic a command travels on: the participant's own `<context>.commands.v<N>`. */
export const COMMAND_TOPIC = /^[a-z][a-z0-9-]*\.commands\.v\d+$/;

/**
 * One command to one participant and what its replies mean (Eventuate's `invokeParticipant` + `onReply`): the
 * command's contract and its payload from the saga's data, a handler per reply type, and optionally a timeout
 * and retry policy of its own (otherwise the saga's defaults). Immutable: each `on…` returns a new invocation.
 */
export class ParticipantInvocation<D> {
  constructor(
    readonly command: EventContract,
    readonly payload: (data: D) => unknown,
    readonly replies: Readonly<Record<string, ReplyHandler<D>>> = {},
    readonly timeoutMs?: number,
    readonly retry?: RetryPolicy,
    /** The contracts of the replies handled, by type: the reply consumer validates them on the way in. */
    readonly replyContracts: Readonly<Record<string, EventContract>> = {},
  ) {
    if (!COMMAND_TOPIC.test(command.topic))
      throw new Error(`${command.type} goes to ${command.topic}, not a <context>.commands.v<N> topic`);
  }

  /** A reply of this type means the step went through; without a handler the data stays as it is. */
  onReply<C extends EventContract>(
    reply: C,
    handle: (data: D, reply: PayloadOf<C>) => StepResult<D> = (data) => succeeded(data),
  ): ParticipantInvocation<D> {
    const handler: ReplyHandler<D> = (data, payload) => handle(data, payload as PayloadOf<C>);
    const replies = { ...this.replies, [reply.type]: handler };
    const contracts = { ...this.replyContracts, [reply.type]: reply };
    return new ParticipantInvocation(this.command, this.payload, replies, this.timeoutMs, this.retry, contracts);
  }

  withTimeout(timeoutMs: number): ParticipantInvocation<D> {
    return new ParticipantInvocation(
      this.command,
      this.payload,
      this.replies,
      timeoutMs,
      this.retry,
      this.replyContracts,
    );
  }

  withRetry(retry: RetryPolicy): ParticipantInvocation<D> {
    return new ParticipantInvocation(
      this.command,
      this.payload,
      this.replies,
      this.timeoutMs,
      retry,
      this.replyContracts,
    );
  }
}

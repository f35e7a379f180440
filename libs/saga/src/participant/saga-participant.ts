import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { CommandMetadata, describeError, isTransient } from '@bascule/shared/application';
import { EventEnvelope } from '@bascule/shared/contracts';
import { Delivery, EventHandlerDirectory } from '@bascule/shared/messaging';
import { inSavepointUnit, OutboxWriter, SqlRows } from '@bascule/shared/persistence';
import { sagaReply } from '../engine/saga-messages';
import { isNotYet, NotYet, SagaAnswer } from './saga-answer';

/** The metadata of the use case a saga command runs: in the saga's correlation, caused by the command. */
export const sagaCommandMetadata = (command: EventEnvelope): CommandMetadata => ({
  correlationId: command.correlationId,
  causationId: command.id,
  originSystem: 'cloud',
});

/** The advisory lock class of deferred commands: its second key is the hash of what they wait for. */
const WAITING_LOCK_CLASS = 0x5a6a;

/**
 * The participant side of a saga (ADR 0056): runs the use case of a saga command in the consumer's transaction
 * (the command's inbox row), and writes the reply to the outbox and to `saga_replies` in that same transaction. A
 * repeated delivery of the command (the saga's retry after a timeout keeps the command's id, ADR 0055) runs nothing
 * and sends the stored reply again (same type, payload, correlation and causation; a new envelope id, since the
 * first may still be in the outbox). A command whose work says "not yet" (`notYet`) is kept, without a reply, until
 * the context learns what it waits for (`resume`, ADR 0070); a repeat of it, or of one whose reply was purged, runs
 * the work again.
 */
@Injectable()
export class SagaParticipant {
  private readonly logger = new Logger(SagaParticipant.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly handlers: EventHandlerDirectory,
  ) {}

  async answer(
    command: EventEnvelope,
    tx: SqlRows,
    delivery: Delivery | undefined,
    work: () => Promise<SagaAnswer | NotYet>,
  ): Promise<void> {
    if (delivery?.repeated && (await this.answerAgain(command, tx))) return;
    let answered = await work();
    if (isNotYet(answered)) {
      // `resume` takes this lock too: one that committed since the work looked is seen by the work's second look,
      // and one that comes after finds the command kept here.
      await lockWaitingOn(tx, answered.waitsFor);
      answered = await work();
      if (isNotYet(answered)) return this.defer(command, answered, tx);
    }
    const envelope = sagaReply(command, answered.reply, answered.payload as never, {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    await this.outbox.append(tx, [envelope]);
    await tx.query(
      `INSERT INTO saga_replies (command_id, saga_id, reply) VALUES ($1, $2, $3)
       ON CONFLICT (command_id) DO UPDATE
         SET reply = EXCLUDED.reply, waits_for = NULL, command = NULL, answered_at = now()`,
      [command.id, command.aggregateId, JSON.stringify(envelope)],
    );
  }

  /**
   * Runs again, in the caller's transaction, each command kept until `waitsFor` (which the caller has just learned,
   * in that transaction), as a repeated delivery of it would run. Each in a savepoint: one that fails for good is
   * undone and stays kept (the saga's retry delivers it again, and dead-letters it then), without failing the event
   * that resumed it; a transient failure fails the caller's batch, redone by the consumer engine.
   */
  async resume(tx: SqlRows, waitsFor: string): Promise<void> {
    await lockWaitingOn(tx, waitsFor);
    const waiting = await tx.query<{ command: EventEnvelope }>(
      `SELECT command FROM saga_replies WHERE waits_for = $1 ORDER BY answered_at`,
      [waitsFor],
    );
    for (const { command } of waiting) {
      try {
        const handle = this.handlers.handlerOf(command.type);
        await inSavepointUnit(tx, () => handle(command, tx, { repeated: true }));
      } catch (error) {
        if (isTransient(error)) throw error;
        this.logger.warn({
          commandId: command.id,
          commandType: command.type,
          waitsFor,
          reason: describeError(error),
          msg: 'a deferred saga command failed when resumed; kept for the saga to send again',
        });
      }
    }
  }

  /** Sends the reply stored for this command again; false when none is stored. */
  private async answerAgain(command: EventEnvelope, tx: SqlRows): Promise<boolean> {
    const [stored] = await tx.query<{ reply: EventEnvelope | null }>(
      `SELECT reply FROM saga_replies WHERE command_id = $1`,
      [command.id],
    );
    if (!stored?.reply) return false;
    await this.outbox.append(tx, [{ ...stored.reply, id: randomUUID() }]);
    return true;
  }

  private async defer(command: EventEnvelope, { waitsFor }: NotYet, tx: SqlRows): Promise<void> {
    await tx.query(
      `INSERT INTO saga_replies (command_id, saga_id, waits_for, command) VALUES ($1, $2, $3, $4)
       ON CONFLICT (command_id) DO NOTHING`,
      [command.id, command.aggregateId, waitsFor, JSON.stringify(command)],
    );
  }
}

const lockWaitingOn = (tx: SqlRows, waitsFor: string) =>
  tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [WAITING_LOCK_CLASS, waitsFor]);

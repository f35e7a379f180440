import { Injectable } from '@nestjs/common';
import { EventHandler } from '../consumer/inbox-applier';

/** A message kept for later whose type no handler of this process consumes (a wiring mistake). */
export class NoEventHandler extends Error {
  readonly safeMessage = true;

  constructor(type: string) {
    super(`no @ConsumesEvent handler for ${type} runs in this process`);
    this.name = 'NoEventHandler';
  }
}

/**
 * The context's `@ConsumesEvent` handlers by event type, as its consumer runs them (filled by `EventConsumers` when it
 * starts): for code that applies later a message it kept, the way its delivery would have been applied (a saga
 * participant's command deferred until the context learns what it waits for, ADR 0070).
 */
@Injectable()
export class EventHandlerDirectory {
  private handlers: ReadonlyMap<string, EventHandler> = new Map();

  register(handlers: ReadonlyMap<string, EventHandler>): void {
    this.handlers = handlers;
  }

  handlerOf(type: string): EventHandler {
    const handler = this.handlers.get(type);
    if (!handler) throw new NoEventHandler(type);
    return handler;
  }
}

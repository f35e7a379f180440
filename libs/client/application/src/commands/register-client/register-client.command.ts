import { Command } from '@nestjs/cqrs';
import { AggregateRef, CommandMetadata } from '@bascule/shared/application';
import { RegistrationInput } from './client-registration';

export class RegisterClientCommand extends Command<AggregateRef> {
  constructor(
    readonly data: RegistrationInput,
    readonly metadata: CommandMetadata,
    /** Set when the id is decided elsewhere (legacy sync keeps its key map); otherwise a new UUID. */
    readonly clientId?: string,
  ) {
    super();
  }
}

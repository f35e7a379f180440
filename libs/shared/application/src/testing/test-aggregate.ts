import { AggregateRoot, DomainEvent, NotFoundError, TypedId } from '@bascule/shared/ddd';
import { AggregateCommand } from '../aggregate-command';
import { ChangeHandler } from '../change-handler';

export class NoteId extends TypedId {
  static of(value: string): NoteId {
    return new NoteId(value);
  }

  static generate(): NoteId {
    return new NoteId(TypedId.newUuid());
  }
}

export class NoteNotFound extends NotFoundError {
  readonly code = 'NOTE.NOT_FOUND';
}

/** The smallest aggregate there is, for the platform's own specs: a note whose text can change. */
export class Note extends AggregateRoot<NoteId, DomainEvent<'NoteWritten'>> {
  private constructor(
    id: NoteId,
    version: number,
    public text: string,
  ) {
    super(id, version);
  }

  static write(text: string): Note {
    const note = new Note(NoteId.generate(), 0, '');
    note.rewrite(text);
    return note;
  }

  rewrite(text: string): void {
    if (text === this.text) return;
    this.text = text;
    this.record((aggregateVersion) => ({
      type: 'NoteWritten',
      aggregateId: this.id.value,
      aggregateVersion,
      occurredAt: new Date(0),
    }));
  }
}

export class RewriteNoteCommand extends AggregateCommand<{ text: string }> {}

export class RewriteNoteHandler extends ChangeHandler<Note, RewriteNoteCommand> {
  protected change(note: Note, { data }: RewriteNoteCommand): void {
    note.rewrite(data.text);
  }
}

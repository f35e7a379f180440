import { ConcurrencyError } from '@bascule/shared/ddd';
import { AggregateChanges } from './aggregate-changes';
import { cloudRequest } from './command-metadata';
import { InMemoryAggregateRepository } from './testing/in-memory-aggregate.repository';
import { Note, NoteNotFound, RewriteNoteCommand, RewriteNoteHandler } from './testing/test-aggregate';

describe('a change handler: load, check the version, change, save', () => {
  const given = async () => {
    const repository = new InMemoryAggregateRepository<Note>();
    const changes = new AggregateChanges(repository, {
      name: 'note',
      notFound: (id) => new NoteNotFound(`note ${id}`),
    });
    const { id } = await changes.save(Note.write('first'), cloudRequest('corr-1'));
    repository.forgetSaved();
    return { repository, handler: new RewriteNoteHandler(changes), id };
  };
  const rewrite = (aggregateId: string, expectedVersion: number | undefined, text: string) =>
    new RewriteNoteCommand({ aggregateId, expectedVersion, metadata: cloudRequest('corr-2') }, { text });

  it('saves the change with the command metadata and returns the next version', async () => {
    const { repository, handler, id } = await given();
    expect(await handler.execute(rewrite(id, 1, 'second'))).toEqual({ id, version: 2 });
    expect(repository.saved).toEqual([
      {
        events: [expect.objectContaining({ type: 'NoteWritten', aggregateVersion: 2 })],
        metadata: cloudRequest('corr-2'),
      },
    ]);
    expect((await repository.findById(id))?.text).toBe('second');
  });

  it('saves nothing when the change records nothing', async () => {
    const { repository, handler, id } = await given();
    expect(await handler.execute(rewrite(id, 1, 'first'))).toEqual({ id, version: 1 });
    expect(repository.saved).toEqual([]);
  });

  it('refuses a stale expected version before changing anything', async () => {
    const { repository, handler, id } = await given();
    await expect(handler.execute(rewrite(id, 7, 'second'))).rejects.toEqual(new ConcurrencyError('note', id, 7, 1));
    expect(repository.saved).toEqual([]);
    expect((await repository.findById(id))?.text).toBe('first');
  });

  it('skips the version check for a change replayed from another system (no expected version)', async () => {
    const { handler, id } = await given();
    expect(await handler.execute(rewrite(id, undefined, 'third'))).toEqual({ id, version: 2 });
  });

  it("refuses an unknown aggregate with the context's not-found error", async () => {
    const { handler } = await given();
    await expect(handler.execute(rewrite('5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11', 1, 'x'))).rejects.toBeInstanceOf(
      NoteNotFound,
    );
  });
});

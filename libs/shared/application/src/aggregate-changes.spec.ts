import { ConcurrencyError } from '@bascule/shared/ddd';
import { AggregateChanges } from './aggregate-changes';
import { cloudRequest } from './command-metadata';
import { InMemoryAggregateRepository } from './testing/in-memory-aggregate.repository';
import { Note, NoteNotFound, RewriteNoteCommand } from './testing/test-aggregate';

describe('AggregateChanges: load, check the version, change, save', () => {
  const given = async () => {
    const repository = new InMemoryAggregateRepository<Note>();
    const changes = new AggregateChanges(repository, {
      name: 'note',
      notFound: (id) => new NoteNotFound(`note ${id}`),
    });
    const { id } = await changes.save(Note.write('first'), cloudRequest('corr-1'));
    repository.forgetSaved();
    return { repository, changes, id };
  };
  const rewrite = (id: string, expectedVersion: number | undefined) =>
    new RewriteNoteCommand(id, expectedVersion, cloudRequest('corr-2'));

  it('saves the change with the command metadata and returns the next version', async () => {
    const { repository, changes, id } = await given();
    expect(await changes.apply(rewrite(id, 1), (note) => note.rewrite('second'))).toEqual({ id, version: 2 });
    expect(repository.saved).toEqual([
      {
        events: [expect.objectContaining({ type: 'NoteWritten', aggregateVersion: 2 })],
        metadata: cloudRequest('corr-2'),
      },
    ]);
  });

  it('saves nothing when the change records nothing', async () => {
    const { repository, changes, id } = await given();
    expect(await changes.apply(rewrite(id, 1), (note) => note.rewrite('first'))).toEqual({ id, version: 1 });
    expect(repository.saved).toEqual([]);
  });

  it('refuses a stale expected version before changing anything', async () => {
    const { repository, changes, id } = await given();
    const change = jest.fn();
    await expect(changes.apply(rewrite(id, 7), change)).rejects.toEqual(new ConcurrencyError('note', id, 7, 1));
    expect(change).not.toHaveBeenCalled();
    expect(repository.saved).toEqual([]);
  });

  it('skips the version check for a change replayed from another system (no expected version)', async () => {
    const { changes, id } = await given();
    expect(await changes.apply(rewrite(id, undefined), (note) => note.rewrite('third'))).toEqual({ id, version: 2 });
  });

  it("refuses an unknown aggregate with the context's not-found error", async () => {
    const { changes } = await given();
    const unknown = '5f0c8a55-3c36-4a63-8a3c-2f3d8f0b9e11';
    await expect(changes.apply(rewrite(unknown, 1), jest.fn())).rejects.toBeInstanceOf(NoteNotFound);
  });
});

import { AggregateRoot, ConcurrencyError, DomainEvent, Entity, FixedClock, Money, TypedId } from '@bascule/shared/ddd';
import { cloudRequest } from '../command-metadata';
import { InMemoryAggregateRepository } from './in-memory-aggregate.repository';
import { Note } from './test-aggregate';

class TabId extends TypedId {
  static generate(): TabId {
    return new TabId(TypedId.newUuid());
  }
}

class Round extends Entity<TabId> {
  constructor(
    id: TabId,
    public price: Money,
  ) {
    super(id);
  }
}

/** A bar tab: a clock it was given, child entities, value objects, a date. */
class Tab extends AggregateRoot<TabId, DomainEvent<'RoundOrdered'>> {
  readonly rounds: Round[] = [];
  openedAt: Date;

  constructor(readonly clock: FixedClock) {
    super(TabId.generate(), 0);
    this.openedAt = clock.now();
  }

  order(price: Money): Round {
    const round = new Round(TabId.generate(), price);
    this.rounds.push(round);
    this.record((aggregateVersion) => ({
      type: 'RoundOrdered',
      aggregateId: this.id.value,
      aggregateVersion,
      occurredAt: this.clock.now(),
    }));
    return round;
  }
}

describe('InMemoryAggregateRepository hands out and keeps copies, as a database would', () => {
  it('gives two loads two instances: a concurrent change is refused as a stale version', async () => {
    const repository = new InMemoryAggregateRepository<Note>();
    const note = Note.write('first');
    await repository.save(note, cloudRequest());
    const [mine, theirs] = [await repository.findById(note.id.value), await repository.findById(note.id.value)];
    expect(mine).not.toBe(theirs);
    mine?.rewrite('mine');
    theirs?.rewrite('theirs');
    await repository.save(mine as Note, cloudRequest());
    await expect(repository.save(theirs as Note, cloudRequest())).rejects.toBeInstanceOf(ConcurrencyError);
    expect((await repository.findById(note.id.value))?.text).toBe('mine');
  });

  it('keeps what was saved, not what a caller changes afterwards without saving', async () => {
    const repository = new InMemoryAggregateRepository<Note>();
    const note = Note.write('saved');
    await repository.save(note, cloudRequest());
    note.rewrite('after the save');
    (await repository.findById(note.id.value))?.rewrite('loaded, never saved');
    expect(await repository.findById(note.id.value)).toMatchObject({ text: 'saved', version: 1 });
  });

  it('copies the child entities and dates, and shares the clock and value objects', async () => {
    const repository = new InMemoryAggregateRepository<Tab>();
    const clock = new FixedClock();
    const tab = new Tab(clock);
    const round = tab.order(Money.of(450, 'EUR'));
    await repository.save(tab, cloudRequest());
    const loaded = (await repository.findById(tab.id.value)) as Tab;
    expect(loaded).toBeInstanceOf(Tab);
    expect(loaded.rounds[0]).toBeInstanceOf(Round);
    expect(loaded.rounds[0]).not.toBe(round);
    expect(loaded.rounds[0].equals(round)).toBe(true);
    expect(loaded.rounds[0].price).toBe(round.price);
    expect(loaded.clock).toBe(clock);
    expect(loaded.openedAt).not.toBe(tab.openedAt);
    loaded.rounds[0].price = Money.of(1, 'EUR');
    loaded.openedAt.setTime(0);
    expect((await repository.findById(tab.id.value))?.rounds[0].price).toEqual(Money.of(450, 'EUR'));
    expect((await repository.findById(tab.id.value))?.openedAt).toEqual(clock.now());
    clock.advance(60_000);
    loaded.order(Money.of(300, 'EUR'));
    expect(loaded.pendingEvents[0].occurredAt).toEqual(clock.now());
  });
});

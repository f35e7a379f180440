import { Client, ClientEmailTaken, ClientStatus } from '@bascule/client/domain';
import { ConcurrencyError } from '@bascule/shared/ddd';
import { CommandMetadata } from '../command-metadata';
import { ClientRepository } from '../ports/client.repository';

/** The repository contract in memory, for handler specs: versions, unique email, events kept as saved. */
export class InMemoryClientRepository implements ClientRepository {
  readonly saved: { events: Client['pendingEvents']; metadata: CommandMetadata }[] = [];
  private readonly rows = new Map<string, { client: Client; version: number }>();

  async findById(id: string): Promise<Client | undefined> {
    return this.rows.get(id)?.client;
  }

  async save(client: Client, metadata: CommandMetadata): Promise<void> {
    const stored = this.rows.get(client.id.value);
    if ((stored?.version ?? 0) !== client.persistedVersion)
      throw new ConcurrencyError('client', client.id.value, client.persistedVersion, stored?.version ?? 0);
    const email = client.snapshot.email?.value;
    const taken = [...this.rows.values()].some(
      ({ client: other }) =>
        email !== undefined &&
        !other.id.equals(client.id) &&
        other.snapshot.status !== ClientStatus.Erased &&
        other.snapshot.email?.value === email,
    );
    if (taken) throw new ClientEmailTaken();
    this.saved.push({ events: [...client.pendingEvents], metadata });
    client.clearPendingEvents();
    this.rows.set(client.id.value, { client, version: client.version });
  }

  get events() {
    return this.saved.flatMap((s) => s.events);
  }
}

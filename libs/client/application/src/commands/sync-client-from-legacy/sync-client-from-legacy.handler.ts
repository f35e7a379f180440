import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Client, ClientId, ClientStatus } from '@bascule/client/domain';
import { CLOCK, Clock } from '@bascule/shared/ddd';
import { AggregateRef as ClientRef } from '@bascule/shared/application';
import { CLIENT_REPOSITORY, ClientRepository } from '../../ports/client.repository';
import { clientDataOf } from './client-image';
import { ClientImage, SyncClientFromLegacyCommand } from './sync-client-from-legacy.command';

const DELETED_OVER_THERE = 'deleted in the legacy system';

@CommandHandler(SyncClientFromLegacyCommand)
export class SyncClientFromLegacyHandler implements ICommandHandler<SyncClientFromLegacyCommand, ClientRef> {
  constructor(
    @Inject(CLIENT_REPOSITORY) private readonly clients: ClientRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ clientId, image, metadata }: SyncClientFromLegacyCommand): Promise<ClientRef> {
    const id = ClientId.of(clientId);
    let client = await this.clients.findById(id.value);
    if (!image) {
      if (client && client.snapshot.status !== ClientStatus.Erased) client.deactivate(DELETED_OVER_THERE);
    } else {
      client = client ? this.update(client, image) : Client.register(id, clientDataOf(image), this.clock);
      this.applyStatus(client, image.status);
    }
    if (client && client.pendingEvents.length > 0) await this.clients.save(client, metadata);
    return { id: clientId, version: client?.version ?? 0 };
  }

  private update(client: Client, image: ClientImage): Client {
    if (image.status === 'ERASED') return client;
    const { name, email, address } = clientDataOf(image);
    client.rename(name);
    if (email) client.changeEmail(email);
    else client.removeEmail();
    client.changeAddress(address);
    return client;
  }

  private applyStatus(client: Client, status: ClientImage['status']): void {
    if (status === 'ERASED') client.erase();
    else if (status === 'INACTIVE') client.deactivate('deactivated in the legacy system');
    else client.reactivate();
  }
}

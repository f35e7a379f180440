import { ClientAlreadyErased } from '@bascule/client/domain';
import { CommandMetadata } from '@bascule/shared/application';
import { FixedClock } from '@bascule/shared/ddd';
import { inMemoryClients } from '../../testing/handler-fixture';
import { ClientImage, SyncClientFromLegacyCommand } from './sync-client-from-legacy.command';
import { SyncClientFromLegacyHandler } from './sync-client-from-legacy.handler';

const fromLegacy: CommandMetadata = { correlationId: 'legacy-lsn-1', causationId: 'tx-1', originSystem: 'legacy' };
const dupont: ClientImage = {
  givenName: 'Jean',
  familyName: 'DUPONT',
  email: 'jean.dupont@exemple.fr',
  phone: null,
  address: { line1: '3 rue des Lilas', line2: null, postalCode: '69003', city: 'LYON', country: 'FR' },
  status: 'ACTIVE',
};
const id = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';

describe('SyncClientFromLegacyHandler', () => {
  const setup = () => {
    const repository = inMemoryClients();
    return {
      repository,
      sync: (image: ClientImage | null) =>
        new SyncClientFromLegacyHandler(repository, new FixedClock()).execute(
          new SyncClientFromLegacyCommand(id, image, fromLegacy),
        ),
    };
  };
  const types = (repository: ReturnType<typeof inMemoryClients>) => repository.events.map((e) => e.type);

  it('registers an unknown client under the given id, marked as coming from legacy', async () => {
    const { repository, sync } = setup();
    expect(await sync({ ...dupont, status: 'INACTIVE' })).toEqual({ id, version: 2 });
    expect(types(repository)).toEqual(['ClientRegistered', 'ClientDeactivated']);
    expect(repository.saved[0].metadata.originSystem).toBe('legacy');
  });

  it('emits nothing when the client already has that state (replays and echoes converge)', async () => {
    const { repository, sync } = setup();
    await sync(dupont);
    await sync(dupont);
    await sync({ ...dupont, email: 'JEAN.DUPONT@exemple.fr' });
    expect(types(repository)).toEqual(['ClientRegistered']);
  });

  it('applies only what changed', async () => {
    const { repository, sync } = setup();
    await sync(dupont);
    await sync({ ...dupont, address: { ...dupont.address, line1: '1 quai Saint-Antoine' }, status: 'INACTIVE' });
    expect(types(repository)).toEqual(['ClientRegistered', 'ClientAddressChanged', 'ClientDeactivated']);
  });

  it('erases an erased legacy client, registering it first when it is new', async () => {
    const { repository, sync } = setup();
    await sync({ ...dupont, status: 'ERASED' });
    expect(types(repository)).toEqual(['ClientRegistered', 'ClientErased']);
    expect((await repository.findById(id))?.snapshot.status).toBe('ERASED');
  });

  it('deactivates a client deleted in legacy, and refuses to bring an erased one back', async () => {
    const { repository, sync } = setup();
    await sync(dupont);
    await sync(null);
    expect((await repository.findById(id))?.snapshot.deactivationReason).toBe('deleted in the legacy system');
    await sync({ ...dupont, status: 'ERASED' });
    await expect(sync(dupont)).rejects.toBeInstanceOf(ClientAlreadyErased);
  });

  it('registers a client legacy holds without email, and follows its email as legacy gives and removes it', async () => {
    const { repository, sync } = setup();
    await sync({ ...dupont, email: null });
    expect((await repository.findById(id))?.snapshot.email).toBeNull();
    await sync({ ...dupont, email: null });
    await sync(dupont);
    await sync({ ...dupont, email: null });
    expect(types(repository)).toEqual(['ClientRegistered', 'ClientEmailChanged', 'ClientEmailRemoved']);
    expect(repository.events[0]).toMatchObject({ email: null });
  });

  it('refuses an email that is not one, changing nothing', async () => {
    const { repository, sync } = setup();
    await sync(dupont);
    await expect(sync({ ...dupont, familyName: 'MARTIN', email: 'jean@@exemple' })).rejects.toThrow(
      expect.objectContaining({ field: 'email' }),
    );
    expect(types(repository)).toEqual(['ClientRegistered']);
  });
});

import { ClientEvent } from '@bascule/client/domain';
import {
  ClientAddressChangedV1,
  ClientDeactivatedV1,
  ClientEmailChangedV1,
  ClientEmailRemovedV1,
  ClientErasedV1,
  ClientReactivatedV1,
  ClientRegisteredV1,
  ClientRenamedV1,
} from '@bascule/client/contracts';
import { IntegrationEvent } from '@bascule/shared/persistence';

/** Domain event → published integration event (v1): the only place the two vocabularies meet. */
export function clientIntegrationEvent(event: ClientEvent): IntegrationEvent {
  const clientId = event.aggregateId;
  switch (event.type) {
    case 'ClientRegistered': {
      const { givenName, familyName, email, phone, address, companyId, status } = event;
      return {
        contract: ClientRegisteredV1,
        payload: { clientId, givenName, familyName, email, phone, address, companyId, status },
      };
    }
    case 'ClientRenamed':
      return {
        contract: ClientRenamedV1,
        payload: { clientId, givenName: event.givenName, familyName: event.familyName },
      };
    case 'ClientAddressChanged':
      return { contract: ClientAddressChangedV1, payload: { clientId, address: event.address } };
    case 'ClientEmailChanged':
      return { contract: ClientEmailChangedV1, payload: { clientId, email: event.email } };
    case 'ClientEmailRemoved':
      return { contract: ClientEmailRemovedV1, payload: { clientId } };
    case 'ClientDeactivated':
      return { contract: ClientDeactivatedV1, payload: { clientId, reason: event.reason } };
    case 'ClientReactivated':
      return { contract: ClientReactivatedV1, payload: { clientId } };
    case 'ClientErased':
      return { contract: ClientErasedV1, payload: { clientId, erasedAt: event.occurredAt.toISOString() } };
  }
}

import { Type } from '@sinclair/typebox';
import { defineEvent, PayloadOf, Personal } from '@bascule/shared/contracts';
import { AddressSchema } from './client-address.schema';

/**
 * The client context's published language on Kafka, version 1. A breaking change adds a V2 beside it.
 * Personal fields travel sealed with the client's own key, destroyed by erasure (ADR 0033); other contexts read
 * a client's personal data through client-service's API. Amended in place while v1 has no consumer (ADR 0021).
 */
export const CLIENT_EVENTS_TOPIC = 'client.events.v1';
const base = { version: 1, topic: CLIENT_EVENTS_TOPIC, aggregateType: 'client' } as const;
const closed = { additionalProperties: false } as const;
const clientId = Type.String({ format: 'uuid' });
const status = Type.Union([Type.Literal('ACTIVE'), Type.Literal('INACTIVE'), Type.Literal('ERASED')]);

export const ClientRegisteredV1 = defineEvent({
  ...base,
  type: 'client.client-registered',
  summary: 'A client was registered.',
  schema: Type.Object(
    {
      clientId,
      givenName: Personal(Type.String()),
      familyName: Personal(Type.String()),
      // Null: registered without one (contact details incomplete). Amended in place while v1 has no consumer (ADR 0021).
      email: Personal(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
      phone: Personal(Type.Union([Type.String(), Type.Null()])),
      address: Personal(AddressSchema),
      companyId: Type.Union([Type.String(), Type.Null()]),
      status,
    },
    closed,
  ),
});
export const ClientRenamedV1 = defineEvent({
  ...base,
  type: 'client.client-renamed',
  summary: 'A client changed name.',
  schema: Type.Object({ clientId, givenName: Personal(Type.String()), familyName: Personal(Type.String()) }, closed),
});
export const ClientAddressChangedV1 = defineEvent({
  ...base,
  type: 'client.client-address-changed',
  summary: 'A client moved.',
  schema: Type.Object({ clientId, address: Personal(AddressSchema) }, closed),
});
export const ClientEmailChangedV1 = defineEvent({
  ...base,
  type: 'client.client-email-changed',
  summary: 'A client changed email.',
  schema: Type.Object({ clientId, email: Personal(Type.String({ format: 'email' })) }, closed),
});
export const ClientEmailRemovedV1 = defineEvent({
  ...base,
  type: 'client.client-email-removed',
  summary: 'A client has no email any more: its contact details are incomplete.',
  schema: Type.Object({ clientId }, closed),
});
export const ClientDeactivatedV1 = defineEvent({
  ...base,
  type: 'client.client-deactivated',
  summary: 'A client was deactivated.',
  schema: Type.Object({ clientId, reason: Personal(Type.String()) }, closed),
});
export const ClientReactivatedV1 = defineEvent({
  ...base,
  type: 'client.client-reactivated',
  summary: 'A deactivated client was reactivated.',
  schema: Type.Object({ clientId }, closed),
});
export const ClientErasedV1 = defineEvent({
  ...base,
  type: 'client.client-erased',
  summary: 'A client was erased (GDPR); carries no personal data.',
  schema: Type.Object({ clientId, erasedAt: Type.String({ format: 'date-time' }) }, closed),
});

export const clientEventContracts = [
  ClientRegisteredV1,
  ClientRenamedV1,
  ClientAddressChangedV1,
  ClientEmailChangedV1,
  ClientEmailRemovedV1,
  ClientDeactivatedV1,
  ClientReactivatedV1,
  ClientErasedV1,
] as const;

export type ClientRegisteredV1 = PayloadOf<typeof ClientRegisteredV1>;
export type ClientRenamedV1 = PayloadOf<typeof ClientRenamedV1>;
export type ClientAddressChangedV1 = PayloadOf<typeof ClientAddressChangedV1>;
export type ClientEmailChangedV1 = PayloadOf<typeof ClientEmailChangedV1>;
export type ClientEmailRemovedV1 = PayloadOf<typeof ClientEmailRemovedV1>;
export type ClientDeactivatedV1 = PayloadOf<typeof ClientDeactivatedV1>;
export type ClientReactivatedV1 = PayloadOf<typeof ClientReactivatedV1>;
export type ClientErasedV1 = PayloadOf<typeof ClientErasedV1>;

/** Where a change was first made: stops two-way sync from echoing a change back to where it came from. */
export type OriginSystem = 'legacy' | 'cloud';

/**
 * Who made a change through the platform's API, as their verified token says: the token's subject and the
 * OAuth client it was issued to (`azp`). Ids only, never a name or an email, so events can keep them.
 */
export interface Actor {
  subject: string;
  client?: string;
}

/** The actor of a verified caller (the auth guard's principal), ids only; none for a public route. */
export function actorOf(principal: { subject: string; clientId?: string } | undefined): Actor | undefined {
  if (!principal) return undefined;
  return principal.clientId
    ? { subject: principal.subject, client: principal.clientId }
    : { subject: principal.subject };
}

/**
 * What travels on `<context>.events.v1`: the wire identity is `type` + integer `version`, never a class name.
 * The same fields are repeated as Kafka headers so routers and filters need not parse the value.
 */
export interface EventEnvelope<TPayload = unknown> {
  id: string;
  type: string;
  version: number;
  aggregateType: string;
  aggregateId: string;
  aggregateVersion: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  originSystem: OriginSystem;
  /** Who asked, when the change came through the platform's API. */
  actor?: Actor;
  payload: TPayload;
}

/** Kafka header names; fixed, because consumers in other languages read them. */
export const Headers = {
  eventId: 'event_id',
  eventType: 'event_type',
  eventVersion: 'event_version',
  correlationId: 'correlation_id',
  causationId: 'causation_id',
  originSystem: 'origin_system',
  actorSubject: 'actor_subject',
  actorClient: 'actor_client',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  contentType: 'content-type',
} as const;

/** The headers of an envelope as Kafka carries them. */
export function envelopeHeaders(envelope: EventEnvelope, trace: Record<string, string> = {}): Record<string, string> {
  return {
    [Headers.eventId]: envelope.id,
    [Headers.eventType]: envelope.type,
    [Headers.eventVersion]: String(envelope.version),
    [Headers.correlationId]: envelope.correlationId,
    ...(envelope.causationId ? { [Headers.causationId]: envelope.causationId } : {}),
    [Headers.originSystem]: envelope.originSystem,
    ...(envelope.actor ? { [Headers.actorSubject]: envelope.actor.subject } : {}),
    ...(envelope.actor?.client ? { [Headers.actorClient]: envelope.actor.client } : {}),
    [Headers.contentType]: 'application/json',
    ...trace,
  };
}

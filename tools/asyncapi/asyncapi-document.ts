import { EventContract } from '@bascule/shared/contracts';

/** An AsyncAPI 3.1 document listing every event contract: one channel per topic, one message per type+version. */
export function asyncApiDocument(title: string, contracts: readonly EventContract[]) {
  const channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }> = {};
  const messages: Record<string, object> = {};
  const operations: Record<string, object> = {};
  for (const contract of contracts) {
    const name = `${contract.type}.v${contract.version}`;
    const channel = (channels[contract.topic] ??= { address: contract.topic, messages: {} });
    channel.messages[name] = { $ref: `#/components/messages/${name}` };
    messages[name] = {
      name: contract.type,
      title: `${contract.type} v${contract.version}`,
      summary: contract.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        required: ['event_id', 'event_type', 'event_version', 'correlation_id', 'origin_system'],
        properties: {
          event_id: { type: 'string', format: 'uuid' },
          event_type: { const: contract.type },
          event_version: { const: String(contract.version) },
          correlation_id: { type: 'string' },
          causation_id: { type: 'string' },
          origin_system: { enum: ['legacy', 'cloud'] },
          actor_subject: { type: 'string', description: 'Token subject of the caller whose command caused it (an id)' },
          actor_client: { type: 'string', description: 'OAuth client (azp) the caller’s token was issued to' },
          traceparent: { type: 'string' },
        },
      },
      payload: {
        type: 'object',
        description: 'Bascule event envelope; `payload` holds the contract',
        properties: { payload: JSON.parse(JSON.stringify(contract.schema)) },
      },
      bindings: {
        kafka: { key: { type: 'string', description: `${contract.aggregateType} id (per-aggregate order)` } },
      },
    };
    operations[`publish.${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${contract.topic}` },
      messages: [{ $ref: `#/channels/${contract.topic}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.1.0',
    info: { title, version: '1.0.0' },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}

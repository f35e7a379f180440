import { Static, TSchema } from '@sinclair/typebox';

/**
 * One version of one integration event: its wire identity, the topic it is published on, and the JSON
 * Schema of its payload. Contracts live in a context's `contracts` library and are the only thing other
 * contexts may import from it.
 */
export interface EventContract<TType extends string = string, TPayloadSchema extends TSchema = TSchema> {
  readonly type: TType;
  readonly version: number;
  readonly topic: string;
  readonly aggregateType: string;
  readonly schema: TPayloadSchema;
  readonly summary: string;
}

export type PayloadOf<C extends EventContract> = Static<C['schema']>;

export function defineEvent<TType extends string, TPayloadSchema extends TSchema>(
  contract: EventContract<TType, TPayloadSchema>,
): EventContract<TType, TPayloadSchema> {
  return Object.freeze(contract);
}

import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EventContract } from './event-contract';
import { EventEnvelope } from './event-envelope';

export class ContractViolation extends Error {
  /** The message names the contract and the offending fields' paths (ajv's messages quote no value). */
  readonly safeMessage = true;

  constructor(
    readonly reason: 'unknown-contract' | 'invalid-payload',
    message: string,
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

export interface ContractReading {
  /**
   * A consumer's reading (ADR 0054): a property its contract does not know is dropped from the payload, not refused,
   * so a field added to a v1 contract (optional, additive) reaches consumers built before it without breaking them.
   * Publishers stay strict: what they write holds to their contract exactly.
   */
  tolerateAddedFields?: boolean;
}

/** Validates payloads against their contract's JSON Schema, on publish and on consume. */
export class ContractRegistry {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, { contract: EventContract; validate: ValidateFunction }>();

  constructor(contracts: readonly EventContract[] = [], { tolerateAddedFields = false }: ContractReading = {}) {
    this.ajv = addFormats(new Ajv({ allErrors: true, strict: false, removeAdditional: tolerateAddedFields }));
    contracts.forEach((contract) => this.register(contract));
  }

  register(contract: EventContract): this {
    this.validators.set(key(contract.type, contract.version), {
      contract,
      validate: this.ajv.compile(contract.schema),
    });
    return this;
  }

  contracts(): EventContract[] {
    return [...this.validators.values()].map((entry) => entry.contract);
  }

  find(type: string, version: number): EventContract | undefined {
    return this.validators.get(key(type, version))?.contract;
  }

  /** Throws a ContractViolation naming every offending field. */
  assertValid(envelope: Pick<EventEnvelope, 'type' | 'version' | 'payload'>): EventContract {
    const entry = this.validators.get(key(envelope.type, envelope.version));
    if (!entry)
      throw new ContractViolation('unknown-contract', `no contract for ${envelope.type} v${envelope.version}`);
    if (!entry.validate(envelope.payload)) {
      const details = describeSchemaErrors(entry.validate.errors);
      throw new ContractViolation('invalid-payload', `${envelope.type} v${envelope.version} payload: ${details}`);
    }
    return entry.contract;
  }
}

const key = (type: string, version: number) => `${type}@${version}`;

/** Ajv's errors as one line: each JSON pointer (`/` for the whole value) and what is wrong there. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
}

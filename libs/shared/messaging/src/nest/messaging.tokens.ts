export const KAFKA = Symbol('Kafka');
export const KAFKA_PRODUCER = Symbol('KafkaProducer');
export const CONTRACTS = Symbol('ContractRegistry');
/** The context's sealer and opener of personal fields (ADR 0033); null when none of its contracts has any. */
export const PERSONAL_FIELDS = Symbol('PersonalFields');

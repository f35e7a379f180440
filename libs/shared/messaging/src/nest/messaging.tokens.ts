export const KAFKA = Symbol('Kafka');
export const KAFKA_PRODUCER = Symbol('KafkaProducer');
export const CONTRACTS = Symbol('ContractRegistry');

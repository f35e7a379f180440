import { ConcurrencyError, DomainError, RetryLaterError } from '@bascule/shared/ddd';
import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyFailure, isLostRace } from './failure-classifier';

const sqlError = (code: string, message = 'boom') => Object.assign(new DatabaseError(message, 0, 'error'), { code });
const nodeError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
/** What grpc-js rejects a call with (a ServiceError): the status number in `code`, beside `details` and `metadata`. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
class CallFailed extends Error {
  constructor(readonly code: string) {
    super(`${code}: client GetClient`);
  }
}
class EmailTaken extends DomainError {
  readonly code = 'CLIENT.EMAIL_TAKEN';
}
class KafkaJSConnectionError extends Error {
  override name = 'KafkaJSConnectionError';
  retriable = true;
}

class BacklogFull extends RetryLaterError {
  readonly code = 'TEST.BACKLOG_FULL';

  constructor() {
    super('full', 2);
  }
}

describe('classifyFailure tells what to wait out from what to set aside', () => {
  it.each([
    ['a serialization failure', sqlError('40001'), '40001'],
    ['a deadlock', sqlError('40P01'), '40P01'],
    ['a lock timeout', sqlError('55P03'), '55P03'],
    [
      'an administrator shutdown (failover)',
      sqlError('57P01', 'terminating connection due to administrator command'),
      '57P01',
    ],
    ['a crash shutdown', sqlError('57P02'), '57P02'],
    ['a server starting up', sqlError('57P03', 'the database system is starting up'), '57P03'],
    ['a connection exception', sqlError('08006'), '08006'],
    ['too many connections', sqlError('53300'), '53300'],
    ['a statement timeout', sqlError('57014'), '57014'],
    [
      'a database not accepting connections',
      sqlError('55000', 'database "x" is not currently accepting connections'),
      '55000',
    ],
    ['a refused connection', nodeError('ECONNREFUSED'), 'ECONNREFUSED'],
    ['a reset connection', nodeError('ECONNRESET'), 'ECONNRESET'],
    ['a connection lost by node-postgres', new Error('Connection terminated unexpectedly'), 'connection'],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect'), 'connection'],
    ['a concurrent write', new ConcurrencyError('client', 'c-1', 3, 4), 'concurrency'],
    ['a driver error wrapped by TypeORM', new QueryFailedError('SELECT 1', [], sqlError('40001')), '40001'],
    ['an error with a transient cause', new Error('apply failed', { cause: nodeError('ECONNRESET') }), 'ECONNRESET'],
    ['a broker unreachable', new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'), 'kafka'],
    ['a gRPC callee unavailable', grpcError(14, 'No connection established'), 'grpc:UNAVAILABLE'],
    ['a gRPC deadline exceeded', grpcError(4, 'Deadline exceeded'), 'grpc:DEADLINE_EXCEEDED'],
    ['a gRPC callee out of resources', grpcError(8, 'Bandwidth exhausted'), 'grpc:RESOURCE_EXHAUSTED'],
    ['a call whose breaker is open', new CallFailed('CALL.CIRCUIT_OPEN'), 'CALL.CIRCUIT_OPEN'],
    ['a call past its deadline', new CallFailed('CALL.DEADLINE_EXCEEDED'), 'CALL.DEADLINE_EXCEEDED'],
    ['a call to a callee down', new CallFailed('CALL.UPSTREAM_UNAVAILABLE'), 'CALL.UPSTREAM_UNAVAILABLE'],
    ['a call without a service token', new CallFailed('CALL.TOKEN_UNAVAILABLE'), 'CALL.TOKEN_UNAVAILABLE'],
    ['a backlog full ("retry later")', new BacklogFull(), 'TEST.BACKLOG_FULL'],
  ])('%s is transient', (_, error, reason) => {
    expect(classifyFailure(error)).toEqual({ kind: 'transient', reason });
  });

  it.each([
    ['a refusal by the domain', new EmailTaken('taken')],
    ['a unique violation', sqlError('23505')],
    ['a check violation', sqlError('23514')],
    ['bad input to SQL', sqlError('22P02')],
    // What PostgreSQL 15 answers node-postgres for 65,536 and for 80,000 parameters in one statement.
    [
      'a statement with too many parameters',
      sqlError('08P01', 'bind message supplies 0 parameters, but prepared statement "" requires 65536'),
    ],
    [
      'a statement with far too many parameters',
      sqlError('08P01', 'bind message has 14464 parameter formats but 0 parameters'),
    ],
    ['a gRPC NOT_FOUND (an answer)', grpcError(5, 'client c-1 not found')],
    ['a gRPC message over the size limit', grpcError(8, 'Received message larger than max (5242880 vs. 4194304)')],
    ['a gRPC INVALID_ARGUMENT', grpcError(3, 'bad id')],
    ['a gRPC PERMISSION_DENIED', grpcError(7, 'missing role')],
    ['a number code without gRPC details', Object.assign(new Error('x'), { code: 14 })],
    ['an unknown CALL code', new CallFailed('CALL.SOMETHING_ELSE')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a value that is not an error', 'nope'],
    ['nothing', undefined],
  ])('%s is poison', (_, error) => {
    expect(classifyFailure(error).kind).toBe('poison');
  });

  it.each([
    ['a stale version', new ConcurrencyError('thing', 'a-1', 1, 2), true],
    ['a deadlock', sqlError('40P01'), true],
    ['a serialization failure wrapped by TypeORM', new QueryFailedError('UPDATE', [], sqlError('40001')), true],
    ['a lock timeout', sqlError('55P03'), false],
    ['a lost connection', sqlError('08006'), false],
    ['a unique violation', sqlError('23505'), false],
    ['a bug', new TypeError('x'), false],
  ])('%s is a lost race: %s', (_, error, lost) => {
    expect(isLostRace(error)).toBe(lost);
  });
});

import { LoggerService } from '@nestjs/common';
import { withQuietStartUp } from './start-up-logger';

describe('the start-up logger', () => {
  const calls: [string, unknown[]][] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      void calls.push([level, args]);
  const inner: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
  };
  const logger = withQuietStartUp(inner);

  beforeEach(() => (calls.length = 0));

  it("moves Nest's module and route lines to debug", () => {
    logger.log('Mapped {/clients, POST} route', 'RouterExplorer');
    logger.log('CqrsModule dependencies initialized', 'InstanceLoader');
    expect(calls).toEqual([
      ['debug', ['Mapped {/clients, POST} route', 'RouterExplorer']],
      ['debug', ['CqrsModule dependencies initialized', 'InstanceLoader']],
    ]);
  });

  it('passes every other line through at its own level', () => {
    logger.log('outbox relay leader', 'OutboxRelay');
    logger.warn('slow', 'InstanceLoader');
    logger.error('failed', 'NestFactory');
    expect(calls.map(([level]) => level)).toEqual(['log', 'warn', 'error']);
  });
});

import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { GrpcMethod } from '@nestjs/microservices';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Public, Roles } from './access.decorators';
import { AccessRulesCheck } from './access-rules.check';

@Controller('declared')
@Roles('thing:read')
class DeclaredOnTheClass {
  @Get()
  list() {
    return [];
  }
}

@Controller('mixed')
class Mixed {
  @Get('open')
  @Public()
  open() {
    return 'ok';
  }

  @Get('forgotten')
  forgotten() {
    return 'oops';
  }

  @GrpcMethod('ThingService', 'GetThing')
  getThing() {
    return {};
  }

  helper() {
    return 'not a handler';
  }
}

async function boot(...controllers: (new () => unknown)[]) {
  @Module({ imports: [DiscoveryModule], controllers, providers: [AccessRulesCheck] })
  class TestModule {}
  const app = await NestFactory.create(TestModule, new FastifyAdapter(), { logger: false, abortOnError: false });
  return app.init().then(
    () => app.close().then(() => undefined),
    (error: Error) => error.message,
  );
}

describe('the start-up check of access rules (deny by default, caught before a request)', () => {
  it('lets a service start when every handler declares roles or says it is public', async () => {
    expect(await boot(DeclaredOnTheClass)).toBeUndefined();
  });

  it('fails the start naming each HTTP and gRPC handler that declares nothing, and only those', async () => {
    expect(await boot(DeclaredOnTheClass, Mixed)).toBe(
      'Handlers without @Roles(...) or @Public() (deny by default refuses every call to them): Mixed.forgotten, Mixed.getThing',
    );
  });
});

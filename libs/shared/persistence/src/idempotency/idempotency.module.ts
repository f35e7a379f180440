import { Global, Module } from '@nestjs/common';
import { IdempotencyStore } from '@bascule/shared/application';
import { DataSource } from 'typeorm';
import { poolOf } from '../transactions';
import { PgIdempotencyStore } from './pg-idempotency-store';

/** The `IdempotencyStore` of the service's database, for `IdempotencyInterceptor` on any route. */
@Global()
@Module({
  providers: [
    {
      provide: IdempotencyStore,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => new PgIdempotencyStore(poolOf(dataSource)),
    },
  ],
  exports: [IdempotencyStore],
})
export class IdempotencyModule {}

// Lint fixture: an application-layer file that breaks the boundaries on purpose, one import per banned package
// family and one of another layer. tools/lint/module-boundaries.int-spec.ts proves lint rejects exactly these
// lines (and accepts the first two); the normal lint run ignores this folder.
import { Inject, Injectable } from '@nestjs/common';
import { ClientId } from '@bascule/client/domain';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { InjectDataSource } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { Kafka } from 'kafkajs';
import { FastifyRequest } from 'fastify';
import { FastifyStaticOptions } from '@fastify/static';
import { Metadata } from '@grpc/grpc-js';
import { ClientGrpc } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DeadLetterPublisher } from '@bascule/shared/messaging';

@Injectable()
export class LeakyUseCase {
  constructor(
    @InjectDataSource() readonly database: DataSource,
    @Inject('pool') readonly pool: Pool,
    @Inject('kafka') readonly kafka: Kafka,
    @Inject('grpc') readonly grpc: ClientGrpc,
    readonly deadLetters: DeadLetterPublisher,
  ) {}

  handle(id: ClientId, _request: FastifyRequest, _metadata: Metadata, _app: NestFastifyApplication): string {
    return id.value;
  }

  options(): [PostgresConnectionOptions?, FastifyStaticOptions?] {
    return [];
  }
}

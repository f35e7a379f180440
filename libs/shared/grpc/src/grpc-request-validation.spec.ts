import { Metadata } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { InvalidValueError } from '@bascule/shared/ddd';
import { Type } from '@sinclair/typebox';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { correlationIdFrom } from './grpc-correlation';
import { GrpcSchemaPipe } from './grpc-request-validation';
import { acceptUndecodableRequests, UndecodableRequest } from './undecodable-request';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof InvalidValueError ? { field: error.field, message: error.message } : error;
  }
  throw new Error('expected a refusal');
};

describe('gRPC requests checked at the edge', () => {
  const pipe = new GrpcSchemaPipe(
    Type.Object({
      name: Type.String({ minLength: 1 }),
      version: Type.Integer({ minimum: 1 }),
      address: Type.Object({ city: Type.String({ maxLength: 5 }) }, { additionalProperties: false }),
    }),
  );

  it('passes a valid message on, without the virtual oneof fields proto-loader adds', () => {
    expect(pipe.transform({ name: 'Ada', version: 1, address: { city: 'Paris', _line2: 'line2' } })).toEqual({
      name: 'Ada',
      version: 1,
      address: { city: 'Paris' },
    });
  });

  it('names the first field at fault and lists every problem', () => {
    expect(refusal(() => pipe.transform({ name: '', version: 0, address: { city: 'Marseille' } }))).toEqual({
      field: 'name',
      message: expect.stringMatching(/^name .+; version .+; address\/city .+$/),
    });
    expect(refusal(() => pipe.transform({ name: 'Ada', version: 1, address: null }))).toMatchObject({
      field: 'address',
    });
  });

  it('refuses NUL and the replacement character left by bytes that were not UTF-8, wherever they are', () => {
    expect(refusal(() => pipe.transform({ name: 'A\u0000', version: 1, address: { city: 'X' } }))).toMatchObject({
      field: 'name',
    });
    expect(refusal(() => pipe.transform({ name: 'Ada', version: 1, address: { city: '\uFFFDA' } }))).toMatchObject({
      field: 'address/city',
    });
  });

  it('refuses a message that could not be decoded, naming the request', () => {
    expect(
      refusal(() => pipe.transform(new UndecodableRequest('GetClientRequest', 'invalid wire type 7 at offset 1'))),
    ).toEqual({
      field: 'request',
      message: 'request cannot be decoded as GetClientRequest: invalid wire type 7 at offset 1',
    });
  });

  it('turns a decoding failure into an UndecodableRequest instead of an exception', () => {
    const proto = join(tmpdir(), `undecodable-${process.pid}.proto`);
    writeFileSync(
      proto,
      'syntax = "proto3"; package t; message Req { int32 n = 1; } service S { rpc Call (Req) returns (Req); }',
    );
    const definition = loadSync(proto);
    acceptUndecodableRequests(definition);
    const method = (definition['t.S'] as any).Call;
    expect(method.requestDeserialize(Buffer.from([0x08, 0x2a]))).toEqual({ n: 42 });
    expect(method.requestDeserialize(Buffer.from([0x0f, 0xff]))).toEqual(
      new UndecodableRequest('Req', expect.any(String)),
    );
  });

  it('takes a correlation id only when it is one short token', () => {
    const metadata = (value?: string) => {
      const m = new Metadata();
      if (value !== undefined) m.set('x-correlation-id', value);
      return m;
    };
    expect(correlationIdFrom(metadata())).toBeUndefined();
    expect(correlationIdFrom(metadata('trace-1:a.b_c'))).toBe('trace-1:a.b_c');
    for (const bad of ['', 'a b', 'x'.repeat(129), '{"a":1}'])
      expect(refusal(() => correlationIdFrom(metadata(bad)))).toMatchObject({ field: 'x-correlation-id' });
  });
});

import { Client, credentials, Metadata, ServiceError, status } from '@grpc/grpc-js';
import { loadSync, MethodDefinition } from '@grpc/proto-loader';
import { PROTO_LOADER_OPTIONS } from '@bascule/shared/contracts';
import request from 'supertest';
import { DemoUser, tokenFor } from './test-tokens';

/** What a bad-input table sends its cases to: a running service (`startTestService`'s answer, or one of a world's). */
export interface BadInputTarget {
  http(): ReturnType<typeof request.agent>;
  grpcAddress: string;
  metadata(): Metadata;
}

/**
 * A bad-input table: the running world it needs (the service, and the fixtures its cases refer to: an existing
 * id, a known client), the cases, and what must still hold after them (nothing created, nothing changed).
 */
export interface BadInputTable<World, Case> {
  /** Starts the service and makes the fixtures; runs in `beforeAll`. */
  start(): Promise<World>;
  /** Which service of the world the cases go to. */
  target(world: World): BadInputTarget;
  close(world: World): Promise<void>;
  /** Built once the world exists (cases may name its ids). */
  cases(world: World): Case[];
  /** At least this many cases (25 by default: the bar for a context). */
  minimum?: number;
  /** Checked after every case was answered: what the refusals must have left as it was. */
  unchanged?(world: World): Promise<void>;
}

/** A table's world (start, target, close, what must hold after): what a context's REST and gRPC tables share. */
export type BadInputWorld<World> = Omit<BadInputTable<World, never>, 'cases' | 'minimum'>;

/** The world a table started (defined once `beforeAll` ran), for the suite's own further tests. */
export interface RunningBadInputTable<World> {
  readonly world: World;
}

/**
 * Registers the table's hooks and tests in the current `describe`: start the world, check the minimum, answer every
 * case (each failure listed with what came back instead), then `unchanged`.
 */
function registerTable<World, Case extends readonly unknown[]>(
  table: BadInputTable<World, Case>,
  answer: (target: BadInputTarget, item: Case) => Promise<string | undefined>,
): RunningBadInputTable<World> {
  let world: World | undefined;
  beforeAll(async () => {
    world = await table.start();
  }, 180_000);
  afterAll(async () => {
    if (world !== undefined) await table.close(world);
  });
  const started = () => {
    if (world === undefined) throw new Error('the bad-input table did not start');
    return world;
  };

  it(`has at least ${table.minimum ?? 25} cases`, () => {
    expect(table.cases(started()).length).toBeGreaterThanOrEqual(table.minimum ?? 25);
  });

  it('answers each case with its status, naming the field, and changes nothing', async () => {
    const failures: string[] = [];
    for (const item of table.cases(started())) {
      const failure = await answer(table.target(started()), item);
      if (failure !== undefined) failures.push(`${String(item[0])}: ${failure}`);
    }
    expect(failures).toEqual([]);
    await table.unchanged?.(started());
  }, 180_000);

  return {
    get world() {
      return started();
    },
  };
}

/**
 * One REST case: its name, the request, the status expected and the field the problem must name: a JSON pointer
 * (`#/lines/1/sku`) or a parameter (`limit`, `If-Match`) among its `errors`, or the stable code of a refusal that
 * names no field (`INVOICE.NOT_FOUND`); '' when the answer names nothing (413). A string body is sent as it is
 * (malformed JSON), anything else as JSON.
 */
export type RestBadInput = [
  name: string,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body: unknown,
  status: number,
  field: string,
  headers?: Record<string, string>,
];

/** A REST bad-input table: every case answers problem+json with its status, a stable code, and the field named. */
export function restBadInputTable<World>(table: BadInputTable<World, RestBadInput>): RunningBadInputTable<World> {
  return registerTable(table, async (target, [, method, path, body, status, field, headers = {}]) => {
    let call = target.http()[method](path).set(headers).timeout(15_000);
    if (body !== undefined)
      call = call.set('content-type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
    const answer = await call;
    const pointers: string[] = (answer.body?.errors ?? []).map(
      (e: { pointer?: string; parameter?: string }) => e.pointer ?? e.parameter,
    );
    const problem =
      /^application\/problem\+json/.test(answer.headers['content-type'] ?? '') &&
      answer.body?.status === status &&
      ['type', 'title', 'code', 'correlationId'].every((key) => typeof answer.body?.[key] === 'string');
    const named = field === '' || pointers.includes(field) || answer.body?.code === field;
    if (answer.status === status && problem && named) return undefined;
    return `${answer.status} ${answer.headers['content-type']} ${JSON.stringify(answer.body).slice(0, 300)} (wanted ${status} naming ${field || 'nothing'})`;
  });
}

/** Bytes sent as a message, as no generated client would send them (wrong wire types, garbage, truncation). */
export class ProtobufBytes {
  constructor(readonly bytes: Buffer) {}
}

const varint = (n: number) => {
  const bytes: number[] = [];
  for (; n > 0x7f; n = Math.floor(n / 128)) bytes.push((n % 128) | 0x80);
  return Buffer.from([...bytes, n]);
};

/** One field on the wire: a number as a varint, a string or bytes length-delimited. */
export const wireField = (number: number, value: number | string | Buffer): Buffer =>
  typeof value === 'number'
    ? Buffer.concat([varint(number * 8), varint(value)])
    : Buffer.concat([varint(number * 8 + 2), varint(Buffer.byteLength(value)), Buffer.from(value)]);

/** A message made of these fields' (or raw) bytes. */
export const protobufBytes = (...parts: Buffer[]) => new ProtobufBytes(Buffer.concat(parts));

/** Who calls: the suite's token holding every role (by default), nobody, or a demo user of narrower roles. */
export type Caller = 'anonymous' | DemoUser;

/**
 * One gRPC case: its name, the method (its name is unique in the package), the status expected, a text its details
 * must hold (the field: `lines/1/sku`; or a stable code: `ORDER.NOT_FOUND`; '' for none), the request (or its
 * bytes), and optionally who calls and extra metadata.
 */
export type GrpcBadInput = [
  name: string,
  method: string,
  code: keyof typeof status,
  field: string,
  request: object | ProtobufBytes,
  call?: { as?: Caller; metadata?: Record<string, string> },
];

export interface GrpcBadInputTable<World> extends BadInputTable<World, GrpcBadInput> {
  /** The context's .proto (`ORDERS_PROTO_PATH`): its services' methods, by name. */
  protoPath: string;
  /** Every rpc of the .proto has a case (true by default). */
  everyRpc?: boolean;
}

/** A gRPC bad-input table: every case answers its status (never INTERNAL), the details naming the field. */
export function grpcBadInputTable<World>(table: GrpcBadInputTable<World>): RunningBadInputTable<World> {
  const methods = new Map<string, MethodDefinition<object, object>>();
  for (const service of Object.values(loadSync(table.protoPath, PROTO_LOADER_OPTIONS)))
    if (!('format' in service))
      for (const [name, method] of Object.entries(service))
        methods.set(name, method as MethodDefinition<object, object>);
  const clients = new Map<string, Client>();
  afterAll(() => clients.forEach((client) => client.close()));
  if (table.everyRpc ?? true)
    it('has a case for every rpc of the .proto', () => {
      const world = running.world;
      const covered = new Set(table.cases(world).map(([, method]) => method));
      expect([...methods.keys()].filter((name) => !covered.has(name))).toEqual([]);
    });

  const running = registerTable(table, async (target, [, name, code, field, message, call = {}]) => {
    const method = methods.get(name);
    if (!method) return `no method ${name} in ${table.protoPath}`;
    const client = clients.get(target.grpcAddress) ?? new Client(target.grpcAddress, credentials.createInsecure());
    clients.set(target.grpcAddress, client);
    const metadata = await metadataFor(target, call.as);
    for (const [key, value] of Object.entries(call.metadata ?? {})) metadata.set(key, value);
    const bytes =
      message instanceof ProtobufBytes
        ? message.bytes
        : method.requestSerialize(message as Parameters<typeof method.requestSerialize>[0]);
    const error = await new Promise<ServiceError | null>((resolve) =>
      client.makeUnaryRequest(
        method.path,
        (b: Buffer) => b,
        (b: Buffer) => b,
        bytes,
        metadata,
        { deadline: Date.now() + 10_000 },
        (failure) => resolve(failure),
      ),
    );
    const named = field === '' || (error?.details ?? '').includes(field);
    if (error?.code === status[code] && named) return undefined;
    return `${error ? status[error.code] : 'OK'} "${error?.details ?? ''}" (wanted ${code} naming ${field || 'nothing'})`;
  });
  return running;
}

async function metadataFor(target: BadInputTarget, caller: Caller | undefined): Promise<Metadata> {
  if (caller === 'anonymous') return new Metadata();
  if (caller === undefined) return target.metadata();
  const metadata = new Metadata();
  metadata.set('authorization', `Bearer ${await tokenFor(caller)}`);
  return metadata;
}

import { Enum, Field, MapField, Namespace, parse, Service, Type } from 'protobufjs';
import { GeneratorInputError } from '../../utils/context-names';

export interface TypedRpc {
  name: string;
  request: string;
  response: string;
}
export interface TypedMessage {
  name: string;
  fields: { name: string; type: string; optional: boolean }[];
}

/** How proto-loader hands values over with the platform's options (longs: Number, enums as numbers, defaults). */
const SCALARS: Record<string, string> = {
  string: 'string',
  bool: 'boolean',
  bytes: 'Buffer',
  double: 'number',
  float: 'number',
  int32: 'number',
  int64: 'number',
  uint32: 'number',
  uint64: 'number',
  sint32: 'number',
  sint64: 'number',
  fixed32: 'number',
  fixed64: 'number',
  sfixed32: 'number',
  sfixed64: 'number',
};

/** A `.proto`'s service and the TypeScript shapes of the messages `rpcs` use, as a caller receives them. */
export function protoTypes(protoText: string, protoFile: string, rpcs: string[]) {
  const parsed = parse(protoText, { keepCase: false });
  const root = parsed.root;
  root.resolveAll();
  const services: Service[] = [];
  const collect = (ns: Namespace) =>
    ns.nestedArray.forEach((nested) => {
      if (nested instanceof Service) services.push(nested);
      else if (nested instanceof Namespace) collect(nested);
    });
  collect(root);
  if (services.length !== 1)
    throw new GeneratorInputError(`${protoFile} declares ${services.length} services: the client expects one`);
  const [service] = services;
  const messages = new Map<string, TypedMessage>();
  const typeOf = (field: Field): string => {
    const resolved = field.resolvedType;
    const single =
      resolved instanceof Type ? messageOf(resolved) : resolved instanceof Enum ? 'number' : SCALARS[field.type];
    if (field instanceof MapField) return `Record<string, ${single}>`;
    return field.repeated ? `${single}[]` : single;
  };
  const messageOf = (type: Type): string => {
    if (!messages.has(type.name)) {
      const message: TypedMessage = { name: type.name, fields: [] };
      messages.set(type.name, message);
      message.fields = type.fieldsArray.map((field) => ({
        name: field.name,
        type: typeOf(field),
        // proto3 `optional`: a synthetic oneof of its own; unset it is absent.
        optional: Boolean(field.partOf && field.partOf.oneof.length === 1 && field.partOf.name.startsWith('_')),
      }));
    }
    return type.name;
  };
  const typed: TypedRpc[] = rpcs.map((name) => {
    const method = service.methods[name];
    if (!method) throw new GeneratorInputError(`${protoFile}: ${service.name} has no rpc ${name}`);
    method.resolve();
    return {
      name,
      request: messageOf(method.resolvedRequestType as Type),
      response: messageOf(method.resolvedResponseType as Type),
    };
  });
  return { service: service.name, rpcs: typed, messages: [...messages.values()] };
}

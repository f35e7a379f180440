import { ClientPage, ClientView } from '@bascule/client/application';
import { TypedId, InvalidValueError } from '@bascule/shared/ddd';

export interface GrpcAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}

export function toGrpcClient(view: ClientView) {
  return { ...view, phone: view.phone ?? undefined, companyId: view.companyId ?? undefined, address: view.address ? { ...view.address, line2: view.address.line2 ?? undefined } : undefined };
}

export const toGrpcPage = (page: ClientPage) => ({ items: page.items.map(toGrpcClient), nextCursor: page.nextCursor ?? undefined });

export function requireUuid(value: string, field = 'id'): string {
  if (!TypedId.isUuid(value ?? '')) throw new InvalidValueError(field, `"${value}" is not a UUID`);
  return value;
}

export function requireAddress(address: GrpcAddress | undefined): GrpcAddress {
  if (!address) throw new InvalidValueError('address', 'address is required');
  return address;
}

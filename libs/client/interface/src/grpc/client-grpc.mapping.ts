import { ClientPage, ClientView } from '@bascule/client/application';

export function toGrpcClient(view: ClientView) {
  return {
    ...view,
    email: view.email ?? undefined,
    phone: view.phone ?? undefined,
    companyId: view.companyId ?? undefined,
    address: view.address ? { ...view.address, line2: view.address.line2 ?? undefined } : undefined,
  };
}

export const toGrpcPage = (page: ClientPage) => ({
  items: page.items.map(toGrpcClient),
  nextCursor: page.nextCursor ?? undefined,
});

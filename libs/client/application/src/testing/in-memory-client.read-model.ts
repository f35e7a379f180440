import { ClientListFilter, ClientPage, ClientReadModel, ClientView } from '../ports/client-read-model';

/** The read-model port in memory, for query handler specs. */
export class InMemoryClientReadModel implements ClientReadModel {
  constructor(private readonly views: ClientView[] = []) {}

  async get(id: string): Promise<ClientView | undefined> {
    return this.views.find((view) => view.id === id);
  }

  async list(filter: ClientListFilter): Promise<ClientPage> {
    const matching = this.views.filter((view) => !filter.status || view.status === filter.status);
    const start = filter.cursor ? matching.findIndex((view) => view.id === filter.cursor) + 1 : 0;
    const items = matching.slice(start, start + filter.limit);
    return { items, nextCursor: start + filter.limit < matching.length ? items[items.length - 1].id : null };
  }
}

export function aClientView(overrides: Partial<ClientView> = {}): ClientView {
  return {
    id: '3f2b8e1c-7a4d-4c2e-9b1f-5d6e7f8a9b0c',
    version: 1,
    givenName: 'Ada',
    familyName: 'Lovelace',
    email: 'ada@example.com',
    phone: null,
    address: { line1: '12 St James Sq', line2: null, postalCode: 'SW1Y 4LB', city: 'London', country: 'GB' },
    companyId: null,
    status: 'ACTIVE',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

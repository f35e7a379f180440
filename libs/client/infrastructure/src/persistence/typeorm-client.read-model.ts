import { Injectable } from '@nestjs/common';
import { ClientListFilter, ClientPage, ClientReadModel, ClientView } from '@bascule/client/application';
import { ClientStatus } from '@bascule/client/domain';
import { DataSource } from 'typeorm';
import { ClientRecord } from './client.record';

/** Queries straight from the `clients` table; keyset pagination on (created_at, id). */
@Injectable()
export class TypeOrmClientReadModel implements ClientReadModel {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string): Promise<ClientView | undefined> {
    const record = await this.dataSource.getRepository(ClientRecord).findOneBy({ id });
    return record ? toView(record) : undefined;
  }

  async list(filter: ClientListFilter): Promise<ClientPage> {
    const query = this.dataSource.getRepository(ClientRecord).createQueryBuilder('c').orderBy('c.created_at', 'ASC').addOrderBy('c.id', 'ASC').limit(filter.limit + 1);
    if (filter.status) query.andWhere('c.status = :status', { status: filter.status });
    if (filter.email) query.andWhere('c.email = :email', { email: filter.email.trim().toLowerCase() });
    if (filter.text) query.andWhere('(c.given_name ILIKE :text OR c.family_name ILIKE :text OR c.email ILIKE :text)', { text: `%${filter.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%` });
    if (filter.cursor) query.andWhere('(c.created_at, c.id) > (SELECT created_at, id FROM clients WHERE id = :after)', { after: filter.cursor });
    const records = await query.getMany();
    const items = records.slice(0, filter.limit).map(toView);
    return { items, nextCursor: records.length > filter.limit ? items[items.length - 1].id : null };
  }
}

function toView(r: ClientRecord): ClientView {
  return {
    id: r.id,
    version: r.version,
    givenName: r.givenName,
    familyName: r.familyName,
    email: r.email,
    phone: r.phone,
    address: r.addressLine1 && r.postalCode && r.city && r.country ? { line1: r.addressLine1, line2: r.addressLine2, postalCode: r.postalCode, city: r.city, country: r.country } : null,
    companyId: r.companyId,
    status: r.status as ClientStatus,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

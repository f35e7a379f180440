import { randomUUID } from 'node:crypto';
import { RegisterClientBody } from '../../../libs/client/interface/src/rest/client.schemas';
import { BareRoute, envelope } from '../bare-route';

/** POST /clients: client row + client.client-registered in one transaction, read back. */
export const clientsRoute: BareRoute<RegisterClientBody> = {
  path: '/clients',
  role: 'client:write',
  body: RegisterClientBody,
  async handle(body, { transaction, appendOutbox, readOne, correlationId }) {
    const id = randomUUID();
    await transaction(async (tx) => {
      await tx.query(
        `INSERT INTO clients (id, version, given_name, family_name, email, phone, address_line1, address_line2, postal_code, city, country, company_id, status)
         VALUES ($1, 1, $2, $3, $4, $5, $6, NULL, $7, $8, $9, $10, 'ACTIVE')`,
        [
          id,
          body.givenName,
          body.familyName,
          body.email,
          body.phone ?? null,
          body.address.line1,
          body.address.postalCode,
          body.address.city,
          body.address.country,
          body.companyId ?? null,
        ],
      );
      await appendOutbox(
        tx,
        envelope(
          {
            type: 'client.client-registered',
            aggregateType: 'client',
            aggregateId: id,
            payload: { clientId: id, ...body },
          },
          correlationId,
        ),
      );
    });
    const row = await readOne('SELECT * FROM clients WHERE id = $1', id);
    return {
      id,
      version: Number(row.version),
      view: {
        id: row.id,
        version: row.version,
        givenName: row.given_name,
        familyName: row.family_name,
        email: row.email,
        phone: row.phone,
        address: {
          line1: row.address_line1,
          line2: row.address_line2,
          postalCode: row.postal_code,
          city: row.city,
          country: row.country,
        },
        companyId: row.company_id,
        status: row.status,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      },
    };
  },
};

import { EntityManager } from 'typeorm';
import { Customer, CustomerContact } from '../domain/customer';

const customerColumns = `id, code, name, kind, address, created_by as "createdBy", created_at as "createdAt"`;
const contactColumns = `id, customer_id as "customerId", name, role, phone, email, created_by as "createdBy", created_at as "createdAt"`;

/** Customers and their contacts; always inside a tenant transaction (row-level security). */
export class CustomerRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(tenant: string, c: Customer): Promise<void> {
    await this.em.query(
      `insert into customer (id, tenant_id, code, name, kind, address, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [c.id, tenant, c.code, c.name, c.kind, c.address, c.createdBy, c.createdAt],
    );
  }

  async insertContact(tenant: string, c: CustomerContact): Promise<void> {
    await this.em.query(
      `insert into customer_contact (id, tenant_id, customer_id, name, role, phone, email, created_by, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [c.id, tenant, c.customerId, c.name, c.role, c.phone, c.email, c.createdBy, c.createdAt],
    );
  }

  async find(id: string): Promise<Customer | null> {
    const [row] = await this.em.query(`select ${customerColumns} from customer where id = $1`, [id]);
    return row ?? null;
  }

  async contacts(customerId: string): Promise<CustomerContact[]> {
    return this.em.query(`select ${contactColumns} from customer_contact where customer_id = $1 order by created_at, id`, [customerId]);
  }

  async list(filter: { q?: string }, limit: number, offset: number): Promise<{ rows: Customer[]; total: number }> {
    const where = `where ($1::text is null or name ilike '%' || $1 || '%' or code ilike '%' || $1 || '%')`;
    const rows = await this.em.query(`select ${customerColumns} from customer ${where} order by name, id limit $2 offset $3`, [filter.q ?? null, limit, offset]);
    const [{ total }] = await this.em.query(`select count(*)::int as total from customer ${where}`, [filter.q ?? null]);
    return { rows, total };
  }
}

import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller, ProblemException, LabCalendar } from '@calchain/platform';
import { Customer, CustomerContact, newContact, newCustomer } from '../domain/customer';
import { CustomerRepository } from '../infrastructure/customer.repository';
import { inCallerTransaction } from '../../shared/application/caller-scope';

@Injectable()
export class CustomerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly time: LabCalendar,
  ) {}

  register(input: Pick<Customer, 'code' | 'name' | 'kind' | 'address'>, caller: Caller): Promise<Customer> {
    return inCallerTransaction(this.dataSource, caller, async (em) => {
      const customer = newCustomer(input, caller.subject, this.time.now());
      // A second customer with the same code fails the unique key: 409 conflict.
      await new CustomerRepository(em).insert(caller.tenant, customer);
      return customer;
    });
  }

  addContact(customerId: string, input: Pick<CustomerContact, 'name' | 'role' | 'phone' | 'email'>, caller: Caller): Promise<CustomerContact> {
    return inCallerTransaction(this.dataSource, caller, async (em) => {
      const repository = new CustomerRepository(em);
      if (!(await repository.find(customerId))) throw ProblemException.notFound('Customer', customerId);
      const contact = newContact(customerId, input, caller.subject, this.time.now());
      try {
        await repository.insertContact(caller.tenant, contact);
      } catch (error) {
        // A failed query carries its parameters (name, phone, e-mail); they must not reach the error log.
        if (error && typeof error === 'object' && 'parameters' in error) (error as { parameters?: unknown }).parameters = ['[personal data removed]'];
        throw error;
      }
      return contact;
    });
  }

  get(id: string, caller: Caller): Promise<Customer & { contacts: CustomerContact[] }> {
    return inCallerTransaction(this.dataSource, caller, async (em) => {
      const repository = new CustomerRepository(em);
      const customer = await repository.find(id);
      if (!customer) throw ProblemException.notFound('Customer', id);
      return { ...customer, contacts: await repository.contacts(id) };
    });
  }

  list(filter: { q?: string }, limit: number, offset: number, caller: Caller) {
    return inCallerTransaction(this.dataSource, caller, (em) => new CustomerRepository(em).list(filter, limit, offset));
  }
}

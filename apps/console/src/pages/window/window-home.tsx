import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, itemsOf, post } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/field';
import { Badge, ProblemAlert, QueryState } from '../../components/status';
import { Customer } from './types';

interface ContractRow {
  id: string;
  number: string;
  status: string;
  customerName: string | null;
  createdAt?: string;
}

/** The service window: find the customer, start a contract, see what is in progress (R-6.1.1). */
export function WindowHome() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  const customers = useQuery({
    queryKey: ['customers', term],
    queryFn: () => get<unknown>(`/api/intake/customers?pageSize=20${term ? `&q=${encodeURIComponent(term)}` : ''}`).then(itemsOf<Customer>),
  });
  const contracts = useQuery({ queryKey: ['contracts'], queryFn: () => get<unknown>('/api/intake/contracts?pageSize=20').then(itemsOf<ContractRow>) });
  const search = (e: FormEvent) => {
    e.preventDefault();
    setTerm(q.trim());
  };
  return (
    <div className="columns">
      <section aria-labelledby="customers-title">
        <h1 id="customers-title">{t('window.customers')}</h1>
        <form role="search" onSubmit={search} className="inline-form">
          <Field label={t('window.searchCustomer')} value={q} onChange={(e) => setQ(e.target.value)} type="search" />
          <button type="submit">{t('common.search')}</button>
        </form>
        <QueryState query={customers} isEmpty={(c) => c.length === 0} empty={t('window.noCustomers')}>
          {(list) => (
            <table>
              <thead><tr><th scope="col">{t('field.code')}</th><th scope="col">{t('field.name')}</th><th /></tr></thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <td>{c.code}</td>
                    <td>{c.name}</td>
                    <td>{can('POST', '/api/intake/contracts') && <Link to={`/window/contracts/new?customerId=${c.id}`}>{t('window.newContract')}</Link>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
        {can('POST', '/api/intake/customers') && <NewCustomer />}
      </section>
      <section aria-labelledby="contracts-title">
        <h2 id="contracts-title">{t('window.contracts')}</h2>
        <QueryState query={contracts} isEmpty={(c) => c.length === 0} empty={t('window.noContracts')}>
          {(list) => (
            <table>
              <thead><tr><th scope="col">{t('field.number')}</th><th scope="col">{t('field.customer')}</th><th scope="col">{t('field.status')}</th></tr></thead>
              <tbody>
                {list.map((c) => (
                  <tr key={c.id}>
                    <td><Link to={`/window/contracts/${c.id}`}>{c.number}</Link></td>
                    <td>{c.customerName}</td>
                    <td><Badge tone={c.status === 'accepted' ? 'ok' : 'info'}>{t(`contractStatus.${c.status}`, { defaultValue: c.status })}</Badge></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </QueryState>
      </section>
    </div>
  );
}

function NewCustomer() {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [phone, setPhone] = useState('');
  const create = useMutation({
    mutationFn: async () => {
      const customer = await post<Customer>('/api/intake/customers', { code, name });
      if (contact.trim()) await post(`/api/intake/customers/${customer.id}/contacts`, { name: contact, phone: phone || null });
      return customer;
    },
    onSuccess: (customer) => {
      void queries.invalidateQueries({ queryKey: ['customers'] });
      navigate(`/window/contracts/new?customerId=${customer.id}`);
    },
  });
  return (
    <details className="card">
      <summary>{t('window.newCustomer')}</summary>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }} className="stack">
        <ProblemAlert error={create.error} />
        <Field label={t('field.code')} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} />
        <Field label={t('field.name')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <Field label={t('window.contactName')} value={contact} onChange={(e) => setContact(e.target.value)} hint={t('window.personalData')} />
        <Field label={t('window.contactPhone')} value={phone} onChange={(e) => setPhone(e.target.value)} type="tel" />
        <button type="submit" disabled={create.isPending}>{t('window.createCustomer')}</button>
      </form>
    </details>
  );
}

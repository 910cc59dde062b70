import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam, offsetOf, page } from '../../shared/api/dto';
import { CustomerService } from '../application/customer-service';
import { AddContactBody, CustomerQuery, RegisterCustomerBody } from './customers.dto';

const readers = ['intake-clerk', 'technical-manager', 'administrator'] as const;

/** customers (organisations) and their contacts. */
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: CustomerService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  register(@Body(new ZodValidationPipe(RegisterCustomerBody)) body: z.infer<typeof RegisterCustomerBody>, @CurrentCaller() caller: Caller) {
    return this.customers.register(body, caller);
  }

  @Get()
  @RequireRoles(...readers)
  async list(@Query(new ZodValidationPipe(CustomerQuery)) query: z.infer<typeof CustomerQuery>, @CurrentCaller() caller: Caller) {
    const { rows, total } = await this.customers.list({ q: query.q }, query.pageSize, offsetOf(query), caller);
    return page(rows, total, query);
  }

  @Get(':id')
  @RequireRoles(...readers)
  get(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.customers.get(id, caller);
  }

  @Post(':id/contacts')
  @HttpCode(201)
  @RequireRoles('intake-clerk', 'administrator')
  addContact(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(AddContactBody)) body: z.infer<typeof AddContactBody>, @CurrentCaller() caller: Caller) {
    return this.customers.addContact(id, body, caller);
  }
}

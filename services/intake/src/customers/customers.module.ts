import { Module } from '@nestjs/common';
import { CustomersController } from './api/customers.controller';
import { CustomerService } from './application/customer-service';

@Module({ controllers: [CustomersController], providers: [CustomerService], exports: [CustomerService] })
export class CustomersModule {}

import { Module } from '@nestjs/common';
import { ImprovementModule } from '../improvement/improvement.module';
import { SatisfactionController } from './api/satisfaction.controller';
import { SatisfactionService } from './application/satisfaction-service';
import { ItemReturnedHandler } from './infrastructure/item-returned.handler';

@Module({ imports: [ImprovementModule], controllers: [SatisfactionController], providers: [SatisfactionService, ItemReturnedHandler] })
export class SatisfactionModule {}

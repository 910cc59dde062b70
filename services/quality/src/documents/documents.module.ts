import { Module } from '@nestjs/common';
import { DocumentsController } from './api/documents.controller';
import { DocumentService } from './application/document-service';

@Module({ controllers: [DocumentsController], providers: [DocumentService] })
export class DocumentsModule {}

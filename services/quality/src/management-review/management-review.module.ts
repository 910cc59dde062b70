import { Module } from '@nestjs/common';
import { ManagementReviewController } from './api/management-review.controller';
import { ManagementReviewService } from './application/management-review';

@Module({ controllers: [ManagementReviewController], providers: [ManagementReviewService] })
export class ManagementReviewModule {}

import { createHash } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Public, ZodValidationPipe } from '@calchain/platform';
import { VerificationService } from '../application/verification.service';
import { VerifyBody } from './dto';

const Tenant = new ZodValidationPipe(z.string().min(1).max(64));
const CertNumber = new ZodValidationPipe(z.string().min(1).max(60));

/** Unauthenticated verification (the gateway forwards /api/certificates/public/* without a token). */
@Controller('public/certificates')
export class PublicVerificationController {
  constructor(private readonly verification: VerificationService) {}

  @Get(':tenant/:number')
  @Public()
  status(@Param('tenant', Tenant) tenant: string, @Param('number', CertNumber) number: string) {
    return this.verification.verify(tenant, number);
  }

  /** The holder sends the document (or its SHA-256): it matches only if it is byte-identical to the issued one. */
  @Post(':tenant/:number/verify')
  @Public()
  @HttpCode(200)
  check(@Param('tenant', Tenant) tenant: string, @Param('number', CertNumber) number: string, @Body(new ZodValidationPipe(VerifyBody)) body: z.infer<typeof VerifyBody>) {
    const digest = body.sha256 ?? createHash('sha256').update(Buffer.from(body.documentBase64!, 'base64')).digest('hex');
    return this.verification.verify(tenant, number, digest);
  }
}

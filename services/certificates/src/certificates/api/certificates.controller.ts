import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { AmendmentsService } from '../application/amendments.service';
import { DraftsService } from '../application/drafts.service';
import { IssueService } from '../application/issue.service';
import { DraftPreviewService } from '../application/preview.service';
import { SigningReadinessService } from '../application/signing-readiness.service';
import * as dto from './dto';

const id = new ZodValidationPipe(dto.IdParam);
const CONTENT_TYPES = { json: 'application/json', xml: 'application/xml', pdf: 'application/pdf' } as const;
/** Who works on drafts in the signing queue: edits them and previews them. */
const DRAFT_REVIEWERS = ['authorised-signatory', 'checker', 'technical-manager'] as const;
interface RawResponse {
  setHeader(name: string, value: string): void;
  end(body: Buffer): void;
}

@Controller('certificates')
export class CertificatesController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly issue: IssueService,
    private readonly amendments: AmendmentsService,
    private readonly previews: DraftPreviewService,
    private readonly readiness: SigningReadinessService,
  ) {}

  /** retrieval by number, customer, item and issue date. */
  @Get()
  list(@Query(new ZodValidationPipe(dto.ListQuery)) q: z.infer<typeof dto.ListQuery>, @CurrentCaller() caller: Caller) {
    return this.drafts.list(caller, q);
  }

  @Get(':id')
  get(@Param('id', id) certificateId: string, @CurrentCaller() caller: Caller) {
    return this.drafts.get(caller, certificateId);
  }

  @Get(':id/history')
  history(@Param('id', id) certificateId: string, @CurrentCaller() caller: Caller) {
    return this.drafts.history(caller, certificateId);
  }

  @Get(':id/documents/:format')
  async document(@Param('id', id) certificateId: string, @Param('format', new ZodValidationPipe(dto.FormatParam)) format: 'json' | 'xml' | 'pdf', @CurrentCaller() caller: Caller, @Res() res: RawResponse) {
    const doc = await this.drafts.document(caller, certificateId, format);
    res.setHeader('content-type', CONTENT_TYPES[format]);
    res.setHeader('x-content-sha256', doc.sha256);
    res.end(doc.bytes);
  }

  /**
   * A draft as a PDF, as signing would render it but without number, signature or QR code, marked
   * "草稿 — 无效 DRAFT — NOT VALID" on every page, and never stored (R-6.4.5: numbers are taken only
   * at signing). 409 for an issued certificate, whose PDF is its stored document.
   * Customers are refused by role, whatever the id, so a refusal says nothing of which drafts exist.
   */
  @Get(':id/preview')
  @RequireRoles(...DRAFT_REVIEWERS)
  async preview(@Param('id', id) certificateId: string, @CurrentCaller() caller: Caller, @Res() res: RawResponse) {
    const pdf = await this.previews.pdf(caller, certificateId);
    res.setHeader('content-type', CONTENT_TYPES.pdf);
    res.setHeader('content-disposition', `inline; filename="draft-${certificateId}.pdf"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-certificate-preview', 'draft');
    res.end(pdf);
  }

  @Patch(':id')
  @RequireRoles(...DRAFT_REVIEWERS)
  edit(@Param('id', id) certificateId: string, @Body(new ZodValidationPipe(dto.DraftEditBody)) body: z.infer<typeof dto.DraftEditBody>, @CurrentCaller() caller: Caller) {
    return this.drafts.edit(caller, certificateId, body);
  }

  /**
   * Whether signing would be refused for the caller, and why, before they type their PIN (R-5.1.3,
   * .x, R-6.4.4): the refusals signing would give, in its order, without the PIN check.
   * For who may sign; an issued certificate answers `canSign: false`, not an error.
   */
  @Get(':id/signing-readiness')
  @RequireRoles('authorised-signatory')
  signingReadiness(@Param('id', id) certificateId: string, @CurrentCaller() caller: Caller) {
    return this.readiness.check(caller, certificateId);
  }

  /** signing re-authenticates the signatory with their PIN. */
  @Post(':id/sign')
  @HttpCode(200)
  @RequireRoles('authorised-signatory')
  sign(@Param('id', id) certificateId: string, @Body(new ZodValidationPipe(dto.SignBody)) body: z.infer<typeof dto.SignBody>, @CurrentCaller() caller: Caller) {
    return this.issue.sign(caller, certificateId, body.pin);
  }

  @Post(':id/supplements')
  @HttpCode(201)
  @RequireRoles('authorised-signatory', 'technical-manager')
  supplement(@Param('id', id) certificateId: string, @Body(new ZodValidationPipe(dto.SupplementBody)) body: z.infer<typeof dto.SupplementBody>, @CurrentCaller() caller: Caller) {
    return this.amendments.supplement(caller, certificateId, body);
  }

  @Post(':id/reissue')
  @HttpCode(201)
  @RequireRoles('authorised-signatory', 'technical-manager')
  reissue(@Param('id', id) certificateId: string, @Body(new ZodValidationPipe(dto.ReissueBody)) body: z.infer<typeof dto.ReissueBody>, @CurrentCaller() caller: Caller) {
    return this.amendments.reissue(caller, certificateId, body);
  }
}

/** who read which certificate document when (staff, customers, public verification). */
@Controller('archive-access-log')
export class ArchiveAccessLogController {
  constructor(private readonly drafts: DraftsService) {}

  @Get()
  @RequireRoles('quality-supervisor', 'administrator')
  list(@Query(new ZodValidationPipe(dto.AccessLogQuery)) q: z.infer<typeof dto.AccessLogQuery>, @CurrentCaller() caller: Caller) {
    return this.drafts.accessLog(caller, q);
  }
}

@Controller()
export class CertificateSettingsController {
  constructor(
    private readonly drafts: DraftsService,
    private readonly issue: IssueService,
  ) {}

  /**
   * Manual override of the decision rule agreed at contract review for one item (R-6.4.2.3,
   * ); the rule normally arrives with `intake.contract.accepted`. Recorded in the rule log.
   */
  @Put('items/:itemId/decision-rule')
  @RequireRoles('technical-manager')
  rule(@Param('itemId', id) itemId: string, @Body(new ZodValidationPipe(dto.DecisionRuleBody)) body: z.infer<typeof dto.DecisionRuleBody>, @CurrentCaller() caller: Caller) {
    return this.drafts.agreeRule(caller, itemId, body);
  }
  /** The rule certificates apply to an item's conformity statements, and every change of it (R-6.4.2.3). */
  @Get('items/:itemId/decision-rule')
  ruleOf(@Param('itemId', id) itemId: string, @CurrentCaller() caller: Caller) {
    return this.drafts.ruleOf(caller, itemId);
  }


  @Put('institution')
  @RequireRoles('technical-manager', 'administrator')
  institution(@Body(new ZodValidationPipe(dto.InstitutionBody)) body: z.infer<typeof dto.InstitutionBody>, @CurrentCaller() caller: Caller) {
    return this.drafts.setInstitution(caller, body);
  }

  @Put('staff/me')
  @RequireRoles('calibrator', 'checker', 'authorised-signatory')
  staffName(@Body(new ZodValidationPipe(dto.StaffNameBody)) body: z.infer<typeof dto.StaffNameBody>, @CurrentCaller() caller: Caller) {
    return this.drafts.setStaffName(caller, body.printedName);
  }

  @Put('signatories/me')
  @RequireRoles('authorised-signatory')
  enrol(@Body(new ZodValidationPipe(dto.EnrolBody)) body: z.infer<typeof dto.EnrolBody>, @CurrentCaller() caller: Caller) {
    return this.issue.enrol(caller, body);
  }
}

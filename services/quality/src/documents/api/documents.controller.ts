import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CurrentCaller, intParam, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { DocumentService } from '../application/document-service';

const NewDocumentBody = z.object({
  code: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(300),
  kind: z.enum(['manual', 'procedure', 'work-instruction', 'form', 'external']),
});
/** The document's content lives in the document store; the register keeps where and its SHA-256. */
const DraftBody = z.object({
  changeSummary: z.string().trim().min(1).max(2000),
  contentRef: z.string().trim().min(1).max(500),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex SHA-256'),
});
const IdParam = z.uuid();
const RevisionParam = intParam(1); // an integer column: larger is 400, not a 500

const EDITORS = ['quality-supervisor', 'technical-manager', 'administrator'] as const;

/** Controlled documents. Every staff member may read what is in force. */
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentService) {}

  @Post()
  @HttpCode(201)
  @RequireRoles(...EDITORS)
  create(@Body(new ZodValidationPipe(NewDocumentBody)) body: z.infer<typeof NewDocumentBody>, @CurrentCaller() caller: Caller) {
    return this.documents.create(caller, body);
  }

  @Get()
  list(@CurrentCaller() caller: Caller) {
    return this.documents.list(caller);
  }

  @Get(':id')
  get(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.documents.get(caller, id);
  }

  @Post(':id/revisions')
  @HttpCode(201)
  @RequireRoles(...EDITORS)
  draft(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Body(new ZodValidationPipe(DraftBody)) body: z.infer<typeof DraftBody>, @CurrentCaller() caller: Caller) {
    return this.documents.draft(caller, id, body);
  }

  @Post(':id/revisions/:revision/approve')
  @HttpCode(200)
  @RequireRoles('technical-manager', 'quality-supervisor')
  approve(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Param('revision', new ZodValidationPipe(RevisionParam)) revision: number, @CurrentCaller() caller: Caller) {
    return this.documents.approve(caller, id, revision);
  }

  @Post(':id/revisions/:revision/issue')
  @HttpCode(200)
  @RequireRoles(...EDITORS)
  issue(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Param('revision', new ZodValidationPipe(RevisionParam)) revision: number, @CurrentCaller() caller: Caller) {
    return this.documents.issue(caller, id, revision);
  }

  @Post(':id/revisions/:revision/discard')
  @HttpCode(200)
  @RequireRoles(...EDITORS)
  discard(@Param('id', new ZodValidationPipe(IdParam)) id: string, @Param('revision', new ZodValidationPipe(RevisionParam)) revision: number, @CurrentCaller() caller: Caller) {
    return this.documents.discard(caller, id, revision);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequireRoles(...EDITORS)
  withdraw(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.documents.withdraw(caller, id);
  }
}

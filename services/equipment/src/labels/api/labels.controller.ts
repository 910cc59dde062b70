import { Body, Controller, Get, Header, Headers, Param, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { Caller, CurrentCaller, Public, RequireRoles, ZodValidationPipe } from '@calchain/platform';
import { IdParam, Text } from '../../shared/dto';
import { EQUIPMENT_MANAGERS } from '../../shared/roles';
import { TenantParam } from '../../standards/api/standards.dto';
import { LabelService } from '../application/label.service';

const SheetQuery = z.object({ ids: z.string().optional().transform((s) => (s ? s.split(',').map((x) => x.trim()) : null)).pipe(z.array(z.uuid()).max(500).nullable()) });
const InstitutionBody = z.object({ name: Text(200) });
const PublicId = z.string().regex(/^[A-Za-z0-9_-]{16,32}$/, 'a label id');

@Controller()
export class LabelsController {
  constructor(private readonly labels: LabelService) {}

  /** The institution's name as printed on labels. */
  @Put('institution')
  @RequireRoles('administrator', 'technical-manager')
  setInstitution(@Body(new ZodValidationPipe(InstitutionBody)) body: z.infer<typeof InstitutionBody>, @CurrentCaller() caller: Caller) {
    return this.labels.setInstitution(body.name, caller);
  }

  @Get('equipment/:id/label.svg')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  svg(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return this.labels.svg(id, caller);
  }

  /** The same label as a 840 × 480 px PNG (about 305 dpi) for label printers that take raster images. */
  @Get('equipment/:id/label.png')
  async png(@Param('id', new ZodValidationPipe(IdParam)) id: string, @CurrentCaller() caller: Caller) {
    return new StreamableFile(await this.labels.png(id, caller), { type: 'image/png', disposition: 'inline; filename="status-label.png"' });
  }

  @Get('labels/sheet.pdf')
  @RequireRoles(...EQUIPMENT_MANAGERS)
  async sheet(@Query(new ZodValidationPipe(SheetQuery)) query: z.infer<typeof SheetQuery>, @CurrentCaller() caller: Caller) {
    return new StreamableFile(await this.labels.sheet(query.ids, caller), { type: 'application/pdf', disposition: 'inline; filename="status-labels.pdf"' });
  }

  /** Where a label's QR code leads: the live status, as a small page for phones or JSON for programs. */
  @Public()
  @Get('public/:tenant/equipment/:publicId')
  async publicStatus(
    @Param('tenant', new ZodValidationPipe(TenantParam)) tenant: string,
    @Param('publicId', new ZodValidationPipe(PublicId)) publicId: string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const status = await this.labels.publicStatus(tenant, publicId);
    response.setHeader('cache-control', 'no-store');
    if (!accept?.includes('text/html')) return status;
    response.type('text/html; charset=utf-8');
    const esc = (s: string | null) => (s ?? '-').replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
    return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(status.assetNumber)}</title></head>
<body style="font-family:sans-serif;max-width:30em;margin:1em auto"><h1 style="color:${status.usable ? (status.status === 'due' ? '#c99a06' : '#1b7f3b') : '#b3261e'}">${esc(status.statusText)}</h1>
<p><b>${esc(status.assetNumber)}</b> ${esc(status.name)}</p><p>Calibrated: ${esc(status.lastCalibratedOn)}<br>Valid until: ${esc(status.dueDate)}<br>Certificate: ${esc(status.certificateNumber)}</p>
<p>${esc(status.institution)}<br><small>Live status as of ${esc(status.checkedAt)}</small></p></body></html>`;
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Caller, CurrentCaller, ZodValidationPipe } from '@calchain/platform';
import { WebFormIntake } from '../application/web-form-intake';
import { WebFormComplaint, WebFormComplaintBody } from './web-form.dto';

/**
 * The public complaint form's way in. Not @Public(): only the gateway reaches it, with a
 * token it signed for the institution named in the public path; the gateway also rate-limits it
 * per client and honours idempotency keys. No gateway route forwards staff here.
 */
@Controller('web-form')
export class WebFormController {
  constructor(private readonly intake: WebFormIntake) {}

  @Post('complaints')
  @HttpCode(201)
  file(@Body(new ZodValidationPipe(WebFormComplaintBody, { requirement: 'R-8.3.1' })) body: WebFormComplaint, @CurrentCaller() caller: Caller) {
    return this.intake.file(caller, body);
  }
}

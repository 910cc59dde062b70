import { Injectable } from '@nestjs/common';
import { Caller } from '@calchain/platform';
import { WebFormComplaint } from '../api/web-form.dto';
import { ComplaintService } from './complaint-service';

/**
 * complaints from the public form, forwarded by the gateway (which names the institution
 * from the path and signs for it). Registered by the one complaint use case, so the complainant
 * is encrypted, kept out of events and the improvement register exactly as for any complaint
 * . The filer gets the reference number and the time limit, nothing else.
 */
@Injectable()
export class WebFormIntake {
  constructor(private readonly complaints: ComplaintService) {}

  async file(caller: Caller, form: WebFormComplaint) {
    const receipt = await this.complaints.register(caller, {
      ...form,
      channel: 'web-form',
      workOrderId: null,
      receivedAt: null,
    });
    return {
      reference: receipt.number,
      receivedAt: receipt.receivedAt,
      handlingDays: receipt.handlingDays,
      respondBy: receipt.dueAt,
      requirement: 'R-8.3.2',
    };
  }
}

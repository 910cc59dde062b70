import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { ProblemException, Public, ZodValidationPipe } from '@calchain/platform';
import { EdgeCaller, EdgeIdentity, forbidden } from '../identity/edge-identity';
import { InstitutionSchema, RegistrySeedSchema } from './registry-seed';
import { RegistryRepository } from './registry.repository';

const UserBody = RegistrySeedSchema.shape.users.element;

/**
 * The registry through the API: an administrator keeps the institutions and users of
 * its own lab network; nobody edits another network, and a regulator's jurisdiction is not set here.
 */
@Public()
@Controller('tenancy')
export class TenancyController {
  constructor(
    private readonly identity: EdgeIdentity,
    private readonly registry: RegistryRepository,
  ) {}

  @Get('institutions/:id')
  async institution(@Param('id') id: string, @Headers('authorization') authorization?: string, @Headers('x-calchain-institution') chosen?: string) {
    const caller = await this.identity.identify(authorization, chosen);
    const record = await this.registry.institution(id);
    // Staff see their own institution, network administrators their network; others see nothing.
    const visible = record && (record.id === caller.tenant || (caller.roles.includes('administrator') && record.network === caller.network));
    if (!visible || caller.roles.includes('customer')) throw ProblemException.notFound('Institution', id);
    return record;
  }

  /** Which regulator looked at what, for the institution's own administrators and quality staff. */
  @Get('institutions/:id/regulator-access')
  async regulatorAccess(@Param('id') id: string, @Headers('authorization') authorization?: string, @Headers('x-calchain-institution') chosen?: string) {
    const caller = await this.identity.identify(authorization, chosen ?? id);
    if (caller.tenant !== id || !caller.roles.some((r) => r === 'administrator' || r === 'quality-supervisor')) {
      throw forbidden('roles', 'institution-oversight', 'administrators and quality supervisors of the institution only');
    }
    return this.registry.regulatorAccess(id);
  }

  @Put('institutions/:id')
  async putInstitution(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(InstitutionSchema)) body: z.infer<typeof InstitutionSchema>,
    @Headers('authorization') authorization?: string,
    @Headers('x-calchain-institution') chosen?: string,
  ) {
    const caller = await this.networkAdministrator(authorization, chosen);
    if (body.id !== id) throw ProblemException.validation([{ field: 'id', rule: 'matches-path', message: 'the body names another institution' }]);
    const existing = await this.registry.institution(id);
    if (existing && existing.network !== caller.network) throw forbidden('id', 'own-network', `${id} belongs to another lab network`);
    await this.registry.seed({ networks: [{ id: caller.network!, name: await this.registry.networkName(caller.network!), institutions: [body] }], users: [] });
    return this.registry.institution(id);
  }

  @Put('users/:id')
  async putUser(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(UserBody)) body: z.infer<typeof UserBody>,
    @Headers('authorization') authorization?: string,
    @Headers('x-calchain-institution') chosen?: string,
  ) {
    const caller = await this.networkAdministrator(authorization, chosen);
    if (body.id !== id) throw ProblemException.validation([{ field: 'id', rule: 'matches-path', message: 'the body names another user' }]);
    if (body.jurisdiction.length) throw forbidden('jurisdiction', 'not-by-lab', 'regulator jurisdiction is not granted by a lab network');
    const outside = body.memberships.findIndex((m) => m.network !== caller.network);
    if (outside >= 0) throw forbidden(`memberships.${outside}.network`, 'own-network', 'memberships only in your own lab network');
    const layout = await this.registry.networkLayout(caller.network!);
    body.memberships.forEach((m, i) => {
      if (m.institution && !layout.has(m.institution)) throw forbidden(`memberships.${i}.institution`, 'own-network', `${m.institution} is not in your lab network`);
      if (m.site && !(m.institution && layout.get(m.institution)!.includes(m.site))) {
        throw ProblemException.validation([{ field: `memberships.${i}.site`, rule: 'site-of-institution', message: 'a site of the membership\'s institution', requirement: 'R-4.1.1' }]);
      }
    });
    const foreign = await this.registry.userOutsideNetwork(id, caller.network!);
    if (foreign) throw forbidden('id', 'own-network', 'this user belongs to another lab network or is a regulator');
    if (body.memberships.some((m) => m.roles.includes('regulator'))) throw forbidden('memberships', 'not-by-lab', 'a lab network cannot make a regulator');
    await this.registry.seed({ networks: [], users: [body] });
    return { id, memberships: body.memberships };
  }

  private async networkAdministrator(authorization: string | undefined, chosen: string | undefined): Promise<EdgeCaller> {
    const caller = await this.identity.identify(authorization, chosen);
    if (!caller.roles.includes('administrator') || !caller.network || caller.via !== 'oidc') {
      throw forbidden('roles', 'network-administrator', 'only an administrator of the lab network keeps its registry');
    }
    return caller;
  }
}

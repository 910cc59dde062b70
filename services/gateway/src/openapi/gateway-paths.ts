/**
 * The gateway's own public operations in the aggregated OpenAPI document. They are plain Nest
 * handlers reading the request by hand (rate limits and idempotency come first), so their
 * parameters are declared here, with the same patterns the handlers enforce; the complaint body is
 * the one the quality service's web-form intake validates, passed on untouched.
 */
import { WebFormCategories } from '@calchain/contracts';

// public.controller.ts `institutionId`
const institution = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'the institution id' };

const problem = {
  description: 'application/problem+json (RFC 9457): errors[] name the field, the rule and, for rules of the standard, the requirement ID',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
const tooMany = { ...problem, description: 'rate limited per client; Retry-After says when to try again' };

const institutionParam = { name: 'institution', in: 'path', required: true, schema: institution };

const text = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max });

/** the categories are a closed list; the filer's identity stays with quality. */
const complaintForm = {
  type: 'object',
  additionalProperties: false,
  required: ['category', 'subject', 'description', 'complainant'],
  properties: {
    category: { type: 'string', enum: [...WebFormCategories] },
    subject: text(1, 200),
    description: text(1, 8000),
    confidential: { type: 'boolean', default: false, description: 'R-8.3.3: keep the complainant’s identity confidential' },
    complainant: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'contact'],
      properties: {
        name: text(1, 200),
        contact: text(3, 200),
        organisation: { anyOf: [text(1, 200), { type: 'null' }], default: null },
      },
    },
  },
};

export const gatewayPaths = {
  '/public/institutions/{institution}/disclosure': {
    get: {
      operationId: 'Gateway.disclosure',
      tags: ['gateway'],
      summary: 'Public disclosure of an institution (R-4.4, R-6.2.1, R-8.3.1)',
      security: [],
      parameters: [institutionParam],
      responses: { '200': { description: 'OK' }, '400': problem, '404': problem, '429': tooMany },
    },
  },
  '/public/certificates/verify': {
    get: {
      operationId: 'Gateway.verifyCertificate',
      tags: ['gateway'],
      summary: 'Verify a certificate by institution, number and, optionally, the SHA-256 of the document (R-6.4.5)',
      security: [],
      parameters: [
        { name: 'institution', in: 'query', required: true, schema: institution },
        { name: 'number', in: 'query', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'the certificate number' } },
        { name: 'hash', in: 'query', required: false, schema: { type: 'string', pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 of the document, hex' } },
      ],
      responses: { '200': { description: 'OK' }, '400': problem, '404': problem, '429': tooMany },
    },
  },
  '/public/institutions/{institution}/complaints': {
    post: {
      operationId: 'Gateway.publicComplaint',
      tags: ['gateway'],
      summary: 'Public complaint form (R-8.3.1): answers the reference number and time limit; Idempotency-Key honoured; strict per-client rate limit',
      security: [],
      parameters: [
        institutionParam,
        {
          name: 'Idempotency-Key', in: 'header', required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
          description: 'a retried submission with the same key and body answers the first receipt and files nothing twice',
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: complaintForm } } },
      responses: { '201': { description: 'Filed' }, '400': problem, '404': problem, '409': problem, '415': problem, '422': problem, '429': tooMany },
    },
  },
  '/dev-issuer/jwks.json': {
    get: {
      operationId: 'Gateway.devIssuerKeys',
      tags: ['gateway'],
      summary: 'Development issuer keys (development only)',
      security: [],
      parameters: [],
      responses: { '200': { description: 'OK' }, '404': { description: 'the development issuer is off' } },
    },
  },
};

import { z } from 'zod';

const onOff = z.enum(['on', 'off']);
const positive = z.coerce.number().int().min(1);

/**
 * The gateway's own settings. Development conveniences (the built-in issuer, platform tokens at
 * the edge) are on unless NODE_ENV=production, so a production deployment is strict by default.
 */
export const GatewayConfigSchema = z.object({
  NODE_ENV: z.string().default('development'),
  OIDC_ISSUER: z.string().min(1).default('calchain-dev-issuer'),
  OIDC_AUDIENCE: z.string().min(1).default('calchain-gateway'),
  /** The identity provider's JWKS; without it the built-in development issuer's keys are used. */
  OIDC_JWKS_URL: z.url().optional(),
  DEV_ISSUER: onOff.optional(),
  DEV_ISSUER_KEY_FILE: z.string().default('.local/dev-issuer/es256.json'),
  /** Accept tokens signed with the platform secret at the edge (tools/dev-token.ts, tests). */
  GATEWAY_PLATFORM_TOKENS: z.enum(['accept', 'refuse']).optional(),
  INTERNAL_TOKEN_TTL_SECONDS: positive.max(900).default(60),
  RATE_LIMIT_PER_MINUTE: positive.default(600),
  PUBLIC_RATE_LIMIT_PER_MINUTE: positive.default(120),
  /** The public complaint form (R-8.3.1) writes: far stricter than public reads, per IP. */
  PUBLIC_COMPLAINT_RATE_LIMIT_PER_MINUTE: positive.default(5),
  /** Per IP before the token is even checked, so a flood of bad tokens costs little. */
  EDGE_IP_RATE_LIMIT_PER_MINUTE: positive.default(1200),
  GATEWAY_MAX_BODY_BYTES: positive.default(4 * 1024 * 1024), // = the services' HTTP_BODY_LIMIT_BYTES
  IDEMPOTENCY_TTL_SECONDS: positive.default(86400),
  CORS_ORIGINS: z.string().default(''),
});

export type GatewayConfig = Omit<z.infer<typeof GatewayConfigSchema>, 'DEV_ISSUER' | 'GATEWAY_PLATFORM_TOKENS' | 'CORS_ORIGINS'> & {
  DEV_ISSUER: 'on' | 'off';
  GATEWAY_PLATFORM_TOKENS: 'accept' | 'refuse';
  CORS_ORIGINS: string[];
};

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export function loadGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const parsed = GatewayConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid gateway configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const production = parsed.data.NODE_ENV === 'production';
  return {
    ...parsed.data,
    DEV_ISSUER: parsed.data.DEV_ISSUER ?? (production ? 'off' : 'on'),
    GATEWAY_PLATFORM_TOKENS: parsed.data.GATEWAY_PLATFORM_TOKENS ?? (production ? 'refuse' : 'accept'),
    CORS_ORIGINS: parsed.data.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean),
  };
}

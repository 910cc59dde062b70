// Prints an access token from the local issuer (development only; production uses the OIDC provider).
// Usage: node -r ./tools/register.js tools/dev-token.ts [tenant] [subject] [role,role]
import { signAccessToken } from '@calchain/platform';
import { Role } from '@calchain/contracts';

async function main() {
  const [tenant = 'demo-lab', subject = 'demo-admin', roles = 'administrator,intake-clerk'] = process.argv.slice(2);
  const secret = process.env.JWT_SECRET;
  if (!secret) throw new Error('JWT_SECRET is not set (source scripts/env.sh)');
  const token = await signAccessToken(
    { tenant, subject, roles: roles.split(',') as Role[] },
    { secret, issuer: process.env.JWT_ISSUER ?? 'calchain-local', audience: process.env.JWT_AUDIENCE ?? 'calchain' },
    8 * 3600,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});

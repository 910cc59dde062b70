import { Roles } from '@calchain/contracts';
import { RouteRule } from './permission-matrix';

/** The matrix as the markdown table in services/gateway/PERMISSIONS.md (R = read, W = write). */
export function renderPermissionMatrix(matrix: readonly RouteRule[]): string {
  const header = ['route', ...Roles, 'note'];
  const lines = [
    '# Gateway permission matrix',
    '',
    'Generated from `services/gateway/src/authorization/permission-matrix.ts` by',
    '`node -r ./tools/register.js services/gateway/src/main.ts permissions > services/gateway/PERMISSIONS.md`; a unit test keeps',
    'them equal. R = may read (GET, HEAD), W = may write (any other method). Routes not listed are',
    'refused. Every route of a service under `public/` passes without a token; a regulator never writes.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
  ];
  for (const rule of matrix) {
    const cells = Roles.map((role) => `${rule.read.includes(role) ? 'R' : ''}${rule.write.includes(role) ? 'W' : ''}` || '-');
    lines.push(`| /api/${rule.service}/${rule.path} | ${cells.join(' | ')} | ${rule.why ?? ''} |`);
  }
  return `${lines.join('\n')}\n`;
}

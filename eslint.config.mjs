// Module boundaries (architecture brief): services import libs, never each other; metrology is
// pure (no framework or I/O packages); contracts import only schema tooling.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.local/**', '.nx/**', 'coverage/**', 'web/**/build/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:intake', onlyDependOnLibsWithTags: ['scope:intake', 'scope:shared'] },
            { sourceTag: 'scope:records', onlyDependOnLibsWithTags: ['scope:records', 'scope:shared'] },
            { sourceTag: 'scope:certificates', onlyDependOnLibsWithTags: ['scope:certificates', 'scope:shared'] },
            { sourceTag: 'scope:equipment', onlyDependOnLibsWithTags: ['scope:equipment', 'scope:shared'] },
            { sourceTag: 'scope:quality', onlyDependOnLibsWithTags: ['scope:quality', 'scope:shared'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            // The console runs in the browser: it shares the contracts (types and plain data such as closed lists), never server code.
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'ioredis', 'pg', 'express'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'kafkajs', 'ioredis', 'pg', '@opentelemetry/*', 'express'],
            },
          ],
        },
      ],
    },
  },
];

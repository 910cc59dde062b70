import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev -w @calchain/console` proxies the gateway's routes (CALCHAIN_GATEWAY, default :3000);
// production builds are served by the gateway itself (services/gateway/src/console).
const gateway = process.env.CALCHAIN_GATEWAY ?? 'http://127.0.0.1:3000';
const proxied = ['/api', '/public', '/identity', '/dev-issuer', '/console-api'];

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 800 },
  server: { proxy: Object.fromEntries(proxied.map((p) => [p, { target: gateway, changeOrigin: false }])) },
});

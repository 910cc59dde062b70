import { join } from 'node:path';

export interface CertificateSettings {
  /** Directory of the signatories' Ed25519 private keys (PEM, mode 0600); never the database. */
  keyDir: string;
  /** Dev and tests: create a signatory's key on first signing. Production provisions keys. */
  generateKeys: boolean;
  fontPath: string;
  fontFace: string;
  /** Base of the public verification URL printed as QR code. */
  publicBaseUrl: string;
  timeZone: string;
}

export const CERTIFICATE_SETTINGS = Symbol('CERTIFICATE_SETTINGS');

export function loadCertificateSettings(env: NodeJS.ProcessEnv = process.env): CertificateSettings {
  return {
    keyDir: env['CERTIFICATES_KEY_DIR'] ?? join(process.cwd(), '.local', 'certificate-keys'),
    generateKeys: (env['CERTIFICATES_GENERATE_KEYS'] ?? 'false') === 'true',
    fontPath: env['CERTIFICATES_CJK_FONT'] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    fontFace: env['CERTIFICATES_CJK_FONT_FACE'] ?? 'WenQuanYiMicroHei',
    publicBaseUrl: env['CERTIFICATES_PUBLIC_BASE_URL'] ?? 'http://localhost:8080/api/certificates',
    timeZone: env['CERTIFICATES_TIME_ZONE'] ?? 'Asia/Shanghai',
  };
}

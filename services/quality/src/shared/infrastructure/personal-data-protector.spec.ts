import { randomBytes } from 'node:crypto';
import { normaliseIdentifier, PersonalDataProtector } from './personal-data-protector';

describe('personal data protector (R-5.1.5, R-8.3.3)', () => {
  const protector = new PersonalDataProtector(randomBytes(32).toString('base64'));

  it('encrypts with a fresh nonce: the same value never gives the same ciphertext, and never contains it', () => {
    const a = protector.encrypt('110105194912310021', 'person.national-id');
    const b = protector.encrypt('110105194912310021', 'person.national-id');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('110105194912310021');
    expect(protector.decrypt(a, 'person.national-id')).toBe('110105194912310021');
  });

  it('binds a ciphertext to its field: a national id cannot be decrypted as a complainant', () => {
    const token = protector.encrypt('secret', 'person.national-id');
    expect(() => protector.decrypt(token, 'complaint.complainant')).toThrow();
  });

  it('detects tampering', () => {
    const token = protector.encrypt('secret', 'complaint.complainant');
    const parts = token.split('.');
    parts[3] = Buffer.from('SECRET').toString('base64url');
    expect(() => protector.decrypt(parts.join('.'), 'complaint.complainant')).toThrow();
  });

  it('gives one lookup key per person however the identifier is written, and none across keys', () => {
    const k1 = protector.identityKey('national-id', '11010519491231002x');
    expect(protector.identityKey('national-id', ' 110105-19491231-002X ')).toBe(k1);
    expect(protector.identityKey('registration-number', '11010519491231002X')).not.toBe(k1);
    const other = new PersonalDataProtector(randomBytes(32).toString('base64'));
    expect(other.identityKey('national-id', '11010519491231002X')).not.toBe(k1);
    expect(k1).not.toContain('110105');
  });

  it('normalises spaces, hyphens and case', () => {
    expect(normaliseIdentifier('ab-12 3x')).toBe('AB123X');
  });
});

// Component tests: a fresh language and storage per test; network answers are given per test.
import { TextDecoder, TextEncoder } from 'node:util';
import '../i18n';
import i18n from 'i18next';

Object.assign(globalThis, { TextEncoder, TextDecoder });

beforeEach(async () => {
  localStorage.clear();
  sessionStorage.clear();
  await i18n.changeLanguage('zh-CN');
});
import '@testing-library/jest-dom';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    // The tests read English messages whatever the machine's locale; test/i18n/ runs the other languages.
    env: { BAGALAU_LANG: 'en' },
  },
});

import { defineVitestConfig } from '@nuxt/test-utils/config'

export default defineVitestConfig({
  test: {
    environment: 'nuxt',
    environmentOptions: { nuxt: { domEnvironment: 'happy-dom' } },
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 90_000,
  },
})

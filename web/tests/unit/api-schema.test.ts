import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ES module shared with `npm run api:generate`
import { limitsFile, readBackendOpenApi, renderLimits, renderSchema, schemaFile } from '../../scripts/api-schema.mjs'

describe('generated API client', () => {
  it('matches the backend OpenAPI document (run `make web-api` when this fails)', async () => {
    const document = readBackendOpenApi()
    const expected = await renderSchema(document)
    expect(readFileSync(schemaFile, 'utf8') === expected, 'app/api/schema.ts is stale: run `make web-api`').toBe(true)
    expect(readFileSync(limitsFile, 'utf8') === renderLimits(document), 'app/api/limits.ts is stale: run `make web-api`').toBe(true)
  }, 120_000)
})

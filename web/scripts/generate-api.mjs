// Regenerates app/api/schema.ts from the backend: `npm run api:generate` (or `make web-api`).
import { writeFileSync } from 'node:fs'
import { readBackendOpenApi, renderSchema, schemaFile } from './api-schema.mjs'

const text = await renderSchema(readBackendOpenApi())
writeFileSync(schemaFile, text)
console.log(`Wrote ${schemaFile}`)

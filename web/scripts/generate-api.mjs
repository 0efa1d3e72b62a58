// Regenerates app/api/schema.ts from the backend: `npm run api:generate` (or `make web-api`).
import { writeFileSync } from 'node:fs'
import { limitsFile, readBackendOpenApi, renderLimits, renderSchema, schemaFile } from './api-schema.mjs'

const document = readBackendOpenApi()
writeFileSync(schemaFile, await renderSchema(document))
writeFileSync(limitsFile, renderLimits(document))
console.log(`Wrote ${schemaFile} and ${limitsFile}`)

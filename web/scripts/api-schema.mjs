// Shared by `npm run api:generate` and the staleness test: the backend's OpenAPI document -> TypeScript types.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

const here = dirname(fileURLToPath(import.meta.url))
export const webRoot = resolve(here, '..')
export const repoRoot = resolve(webRoot, '..')
export const schemaFile = join(webRoot, 'app', 'api', 'schema.ts')
export const limitsFile = join(webRoot, 'app', 'api', 'limits.ts')

const HEADER = '// Generated from the backend OpenAPI document by `npm run api:generate`. Do not edit by hand.\n'

/** Ask the backend for its OpenAPI document (the same one it serves at /openapi.json). */
export function readBackendOpenApi() {
  const dir = mkdtempSync(join(tmpdir(), 'internhub-openapi-'))
  const file = join(dir, 'openapi.json')
  try {
    const uv = process.env.UV ? process.env.UV.split(' ') : ['uv']
    execFileSync(uv[0], [...uv.slice(1), 'run', '--quiet', 'internhub', 'openapi', '--output', file], {
      cwd: process.env.INTERNHUB_REPO ?? repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    return JSON.parse(readFileSync(file, 'utf8'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function renderSchema(document) {
  const ast = await openapiTS(document, { alphabetize: true, defaultNonNullable: false })
  return HEADER + astToString(ast)
}

const LIMIT_KEYS = ['minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems']

/** A property's limits, wherever the document puts them: on it, on its non-null variant, on its items. */
function limitsOf(property) {
  const found = {}
  const variants = [property, ...(property.anyOf ?? []).filter((v) => v.type !== 'null')]
  for (const variant of variants) {
    for (const key of LIMIT_KEYS) if (variant[key] !== undefined) found[key] = variant[key]
    if (variant.items) {
      for (const key of ['minLength', 'maxLength']) {
        if (variant.items[key] !== undefined) found[`item${key[0].toUpperCase()}${key.slice(1)}`] = variant.items[key]
      }
    }
  }
  // An id's bounds (1 to 2^63-1) say only "an id": nothing a form checks, and beyond a JavaScript number.
  if (found.maximum > Number.MAX_SAFE_INTEGER) return {}
  return found
}

/** The limits of every request body's fields, for the forms to check what the API will check. */
export function renderLimits(document) {
  const bodies = {}
  const schemas = document.components?.schemas ?? {}
  for (const name of Object.keys(schemas).sort()) {
    if (!/(In|Patch|Form)$/.test(name)) continue
    const fields = {}
    for (const [field, property] of Object.entries(schemas[name].properties ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const limits = limitsOf(property)
      if (Object.keys(limits).length) fields[field] = limits
    }
    if (Object.keys(fields).length) bodies[name] = fields
  }
  return (
    HEADER.replace('TypeScript types', 'the limits of request fields') +
    '// The API\'s own limits on what a form may send, so a form says what the API would refuse before sending it.\n' +
    `export const limits = ${JSON.stringify(bodies, null, 2)} as const\n`
  )
}

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

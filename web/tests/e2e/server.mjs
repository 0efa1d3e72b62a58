// Starts the real backend for the browser tests: a free loopback port, a fresh SQLite database in a temp folder,
// the built web UI, and an admin created with the CLI. stop() ends the server and removes the folder.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const repoRoot = resolve(new URL('../../..', import.meta.url).pathname)
const webDir = join(repoRoot, 'web', '.output', 'public')
const uv = (process.env.UV ?? 'uv').split(' ')

export const ADMIN = { email: 'admin@example.com', password: 'e2e-secret-password' }

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => ok(port))
    })
  })
}

/**
 * @param {{ databaseUrl?: string, workspace?: string, env?: Record<string, string>, setup?: string[][] }} [options]
 */
export async function startServer({ databaseUrl, workspace, env: extraEnv = {}, setup = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'internhub-e2e-'))
  const port = await freePort()
  const env = {
    ...process.env,
    INTERNHUB_DATABASE_URL: databaseUrl ?? `sqlite+aiosqlite:///${join(dir, 'e2e.db')}`,
    INTERNHUB_DATA_DIR: join(dir, 'data'),
    INTERNHUB_WEB_DIR: webDir,
    INTERNHUB_LOG_LEVEL: 'WARNING',
    ...extraEnv,
  }
  // What the CLI prints (progress bars, the admin's password) is shown only when it fails.
  const run = (...args) => {
    try {
      execFileSync(uv[0], [...uv.slice(1), 'run', '--quiet', 'internhub', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (error) {
      throw new Error(`internhub ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`)
    }
  }
  run('migrate')
  run('create-admin', '--email', ADMIN.email, '--password', ADMIN.password, '--if-missing', ...(workspace ? ['--workspace', workspace] : []))
  for (const args of setup) run(...args)
  const child = spawn(uv[0], [...uv.slice(1), 'run', '--quiet', 'internhub', 'serve', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)))
  let stopping = false
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`The server stopped unexpectedly (${code ?? signal}):\n${stderr}`)
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || i > 150) throw new Error(`The server did not start:\n${stderr}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  async function stop() {
    stopping = true
    if (child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM')
      await new Promise((r) => {
        const timer = setTimeout(() => {
          if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
          r()
        }, 5000)
        child.once('exit', () => {
          clearTimeout(timer)
          r()
        })
      })
    }
    rmSync(dir, { recursive: true, force: true })
  }
  return { base, stop }
}

/** A Bitrix24 sandbox portal of its own (`internhub bitrix24 sandbox`), holding a few companies, contacts and deals
 * of its own; `webhook` is its incoming webhook. stop() ends it. */
/** @param {{ domain?: string, seedDemo?: boolean }} [options] */
export async function startSandboxPortal({ domain, seedDemo = true } = {}) {
  const port = await freePort()
  const args = ['--port', String(port), '--seed', '7', ...(seedDemo ? ['--seed-demo'] : []), ...(domain ? ['--domain', `${domain}:${port}`] : [])]
  const child = spawn(uv[0], [...uv.slice(1), 'run', '--quiet', 'internhub', 'bitrix24', 'sandbox', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  for (let i = 0; !/Uvicorn running/.test(output); i++) {
    if (child.exitCode !== null || i > 150) throw new Error(`The sandbox portal did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const webhook = output.match(/Incoming webhook: (\S+)/)[1]
  return {
    webhook,
    /** Where a browser opens the portal's pages. */
    base: `http://${domain ?? '127.0.0.1'}:${port}`,
    stop() {
      if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM')
    },
  }
}

/** A small API client for setting up data the test does not click through. */
export async function apiClient(base, email, password) {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`)
  const { access_token: token } = await login.json()
  return async function call(method, path, body) {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    const data = text ? JSON.parse(text) : null
    if (!res.ok) throw Object.assign(new Error(`${method} ${path}: ${res.status} ${text}`), { status: res.status, data })
    return data
  }
}

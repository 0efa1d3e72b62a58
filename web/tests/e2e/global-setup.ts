// One server per parallel worker slot, started once for the run (starting one costs a few seconds of CPU, and a
// worker process is replaced whenever the project changes). A slot's server is used by one worker at a time, so the
// tests on it run one after another and a test's before-and-after counts hold; each test makes its own data.
import type { FullConfig } from '@playwright/test'
import { startServer } from './server.mjs'

export default async function globalSetup(config: FullConfig) {
  const servers: { base: string; stop: () => Promise<void> }[] = []
  for (let i = 0; i < config.workers; i++) servers.push(await startServer())
  process.env.E2E_SERVERS = JSON.stringify(servers.map((server) => server.base))
  return async () => {
    for (const server of servers) await server.stop()
  }
}

// How much JavaScript the main route costs:  node tests/e2e/bundle-size.mjs   (after `npm run build`)
// Starts a fresh server, adds one application so every dashboard chart has data to draw, signs in, opens `/`,
// waits for the counts by status and sums every /_nuxt/ script the browser fetched, each gzipped at level 9.
// Exits non-zero when the total is over the budget.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { ADMIN, apiClient, startServer } from './server.mjs'

const BUDGET_KB = 300
// WEB_DIR=<another build's .output/public> measures that build (a previous one, as a baseline).
const publicDir = process.env.WEB_DIR ?? join(new URL('../..', import.meta.url).pathname, '.output', 'public')
const server = await startServer({ env: { INTERNHUB_WEB_DIR: publicDir } })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
try {
  const api = await apiClient(server.base, ADMIN.email, ADMIN.password)
  const university = await api('POST', '/universities', { name: 'Томский политехнический университет' })
  const company = await api('POST', '/companies', { name: 'ООО «Сибирские системы»' })
  const opening = await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: 'Стажёр-аналитик', status: 'active' })
  const student = await api('POST', '/students', { university_id: university.id, full_name: 'Алексеева Дарья', email: 'daria@example.com', course: 3 })
  await api('POST', '/applications', { opening_id: opening.id, student_id: student.id })

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ru-RU' })).newPage()
  await page.goto(`${server.base}/login`)
  await page.getByLabel('Эл. почта').fill(ADMIN.email)
  await page.getByLabel('Пароль').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.getByRole('navigation', { name: 'Меню' }).waitFor()

  // A fresh tab, so what counts is a person opening `/` with a session, not the sign-in page's leftovers.
  const probe = await page.context().newPage()
  const scripts = new Set()
  probe.on('request', (r) => {
    if (r.resourceType() === 'script' && r.url().includes('/_nuxt/')) scripts.add(new URL(r.url()).pathname)
  })
  await probe.goto(`${server.base}/`)
  await probe.getByRole('list', { name: 'Отклики по статусам сейчас' }).getByRole('listitem').filter({ hasText: /^Новый\s*1$/ }).waitFor({ timeout: 30_000 })
  await probe.waitForLoadState('networkidle')
  const sizes = [...scripts].map((path) => ({ path, gz: gzipSync(readFileSync(join(publicDir, path)), { level: 9 }).length }))
  sizes.sort((a, b) => b.gz - a.gz)
  for (const { path, gz } of sizes.slice(0, 8)) console.log(`  ${(gz / 1024).toFixed(1).padStart(6)} KB  ${path}`)
  const kb = sizes.reduce((sum, s) => sum + s.gz, 0) / 1024
  console.log(`main route: ${sizes.length} scripts, ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`)
  process.exitCode = kb <= BUDGET_KB ? 0 : 1
} finally {
  await browser.close()
  await server.stop()
}

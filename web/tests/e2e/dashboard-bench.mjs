// How long the dashboard takes to show its data on a big database:
//   node tests/e2e/dashboard-bench.mjs sqlite+aiosqlite:////path/to/bench-L.db [workspace]
// Measures from navigation to every stat card and the counts by status showing numbers, five times, signed in.
import { chromium } from 'playwright-core'
import { ADMIN, startServer } from './server.mjs'

const [databaseUrl, workspace = 'demo'] = process.argv.slice(2)
if (!databaseUrl) throw new Error('usage: dashboard-bench.mjs DATABASE_URL [workspace]')
const server = await startServer({ databaseUrl, workspace })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] })
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'ru-RU' })
  const page = await context.newPage()
  await page.goto(`${server.base}/login`)
  await page.getByLabel('Эл. почта').fill(ADMIN.email)
  await page.getByLabel('Пароль').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Войти' }).click()
  await page.getByRole('navigation', { name: 'Меню' }).waitFor()
  const times = []
  for (let i = 0; i < 6; i++) {
    const t0 = Date.now()
    await page.goto(`${server.base}/`)
    for (const label of ['Открытые вакансии', 'Отклики в работе', 'Вузы-партнёры', 'Приняты на работу']) {
      await page.getByLabel(new RegExp(`^${label}: `)).waitFor({ timeout: 60_000 })
    }
    await page.getByRole('list', { name: 'Отклики по статусам сейчас' }).getByRole('listitem').filter({ hasText: /^Новый/ }).waitFor({ timeout: 60_000 })
    if (i > 0) times.push(Date.now() - t0)
  }
  times.sort((a, b) => a - b)
  console.log(`dashboard data shown in ${times.join(', ')} ms; median ${times[Math.floor(times.length / 2)]} ms`)
} finally {
  await browser.close()
  await server.stop()
}

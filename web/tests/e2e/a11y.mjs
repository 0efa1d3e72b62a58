// Accessibility of every screen, checked by axe-core in the real browser: critical and serious violations only.
// Used by the browser tests; on its own against a running server (for example `make run`'s):
//   node tests/e2e/a11y.mjs http://127.0.0.1:8000 admin@example.com internhub-demo
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const webRoot = new URL('../..', import.meta.url).pathname
const axeSource = readFileSync(join(webRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']

/** The critical and serious violations on the page as it is now, one line each. */
export async function violations(page) {
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.addScriptTag({ content: axeSource })
  const found = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return result.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
  }, TAGS)
  const where = `${new URL(page.url()).pathname} [${page.viewportSize().width}px]`
  return found.map((v) => `${where} ${v.impact} ${v.id} ×${v.count}: ${v.nodes.join(' | ')}`)
}

/** Sign in and audit the staff screens, then the public ones, at each width. */
export async function auditAll({ base, email, password, newContext, ids, widths = [1280, 390] }) {
  const found = []
  const staff = ['/', '/openings', '/openings/new', `/openings/${ids.opening}`, '/applications', `/applications/${ids.application}`, '/universities', `/universities/${ids.university}`, '/companies', `/companies/${ids.company}`, '/students', '/students/import', '/bitrix24', '/routing', '/reports', '/users', '/settings', '/audit']
  const visitor = ['/login', '/catalogue', `/catalogue/${ids.opening}`]
  for (const width of widths) {
    const context = await newContext({ viewport: { width, height: 860 } })
    const page = await context.newPage()
    await page.goto(`${base}/login`)
    await page.getByLabel(/^(Эл\. почта|E-?mail)/).fill(email)
    await page.getByLabel(/^(Пароль|Password)/).fill(password)
    await page.getByRole('button', { name: /^(Войти|Sign in)$/ }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    for (const path of staff) {
      await page.goto(`${base}${path}`)
      await page.locator('h1').first().waitFor()
      found.push(...(await violations(page)))
    }
    await context.close()
    const anonymous = await newContext({ viewport: { width, height: 860 } })
    const visit = await anonymous.newPage()
    for (const path of visitor) {
      await visit.goto(`${base}${path}`)
      await visit.locator('h1, form').first().waitFor()
      found.push(...(await violations(visit)))
    }
    await anonymous.close()
  }
  return found
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { chromium } = await import('playwright-core')
  const [base, email, password] = process.argv.slice(2)
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })
  const token = (await login.json()).access_token
  const first = async (path) => (await (await fetch(`${base}/api/v1${path}?limit=1`, { headers: { authorization: `Bearer ${token}` } })).json()).items[0].id
  const ids = { opening: await first('/public/openings'), application: await first('/applications'), university: await first('/universities'), company: await first('/companies') }
  const found = await auditAll({ base, email, password, ids, newContext: (o) => browser.newContext({ locale: 'ru-RU', ...o }) })
  await browser.close()
  console.log(found.length ? found.join('\n') : 'no critical or serious violations')
  process.exitCode = found.length ? 1 : 0
}

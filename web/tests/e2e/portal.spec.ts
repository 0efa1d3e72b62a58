// InternHub inside a Bitrix24 portal: the portal (a sandbox on one site, localhost) shows our pages in frames, and
// InternHub runs on another (127.0.0.1), so the frame's session must work across sites. A server and a portal of
// the test's own, the server connected as the portal's installed app.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Frame, Page } from '@playwright/test'
import { expect, nextYear, test } from './fixtures'
import { startSandboxPortal, startServer } from './server.mjs'

const webRoot = new URL('../..', import.meta.url).pathname

test('inside a Bitrix24 portal: the app opens from its menu, the deal, contact and company cards show our record, a forged sign-in is refused', async ({ newContext }, testInfo) => {
  test.setTimeout(240_000)
  const portal = await startSandboxPortal({ domain: 'localhost', seedDemo: false })
  const app = await startServer({
    env: {
      INTERNHUB_BITRIX24_CLIENT_ID: 'local.sandbox0000000001',
      INTERNHUB_BITRIX24_CLIENT_SECRET: 'sandbox-client-secret',
      INTERNHUB_BITRIX24_OAUTH_URL: `${portal.base}/oauth/token/`,
    },
  })
  const context = await newContext()
  // The portal's JS library (api.bitrix24.com) stands in here as a recorder of what the page asks of the frame.
  await context.route('https://api.bitrix24.com/api/v1/', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: "window.__bx24 = []; window.BX24 = { init(cb) { cb() }, fitWindow() { __bx24.push('fitWindow') }, resizeWindow(w, h) { __bx24.push('resizeWindow') } }",
    }),
  )
  const ours = (page: Page) => page.frames().find((f) => f.url().startsWith(app.base))
  /** Our frame inside the portal's page, once it has opened. */
  async function ourFrame(page: Page): Promise<Frame> {
    await expect.poll(() => Boolean(ours(page)), { message: 'our frame never opened' }).toBe(true)
    return ours(page)!
  }
  /** A frame's picture: Chromium paints another site's frame only in a shot of the frame itself. */
  async function frameShot(page: Page, name: string) {
    const path = join(webRoot, 'test-results', 'screenshots', testInfo.project.name, `${name}.png`)
    const picture = await page.locator('iframe').screenshot({ path })
    await testInfo.attach(name, { path, contentType: 'image/png' })
    return picture
  }
  try {
    const installed = await fetch(`${portal.base}/sandbox/install-app`, {
      method: 'POST',
      body: new URLSearchParams({ handler_url: `${app.base}/api/v1/bitrix24/events`, app_url: `${app.base}/api/v1/bitrix24/app` }),
    })
    expect(installed.ok, `install: ${installed.status}`).toBe(true)
    // The install binds our tab in the deal card (placement.bind) once the first connection is through.
    await expect
      .poll(async () => (await (await fetch(`${portal.base}/crm/deal/details/1/`)).text()).includes('<iframe'), { message: 'the deal card tab was never bound', timeout: 60_000 })
      .toBe(true)
    const page = await context.newPage()
    await page.goto(`${portal.base}/marketplace/app/?user_id=1`)
    const frame = page.frameLocator('iframe')
    await expect(frame.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Отклики' })).toBeVisible()
    await expect(frame.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Обзор' })).toBeVisible()
    await frameShot(page, '16-bitrix24-app-page')
    const calls = await (await ourFrame(page)).evaluate(() => ((window as any).__bx24 ?? []) as string[])
    expect(calls, 'the page did not ask the portal to fit its frame').toContain('fitWindow')

    // Data made by the portal's administrator, signed in through the frame (the session lives in the frame).
    const made = await (await ourFrame(page)).evaluate(async (next: number) => {
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
        return await res.json()
      }
      const university = await post('/universities', { name: 'Уральский федеральный университет' })
      const company = await post('/companies', { name: 'ООО «Уральские системы»' })
      const opening = await post('/openings', { company_id: company.id, kind: 'internship', title: 'Стажёр-разработчик', city: 'Екатеринбург', status: 'active', slots: 2, starts_on: `${next}-06-01`, ends_on: `${next}-08-31` })
      const student = await post('/students', { university_id: university.id, full_name: 'Кузнецова Мария Игоревна', email: 'maria.k@example.com', course: 4, skills: ['Python', 'SQL'] })
      const application = await post('/applications', { opening_id: opening.id, student_id: student.id, cover_letter: 'Хочу работать над настоящими задачами.' })
      return { application: application.id as number, student: student.id as number, company: company.id as number }
    }, nextYear)
    let deal: number | null = null
    await expect
      .poll(async () => (deal = await (await ourFrame(page)).evaluate(async (id: number) => (await (await fetch(`/api/v1/applications/${id}`)).json()).bitrix24_deal_id, made.application)), {
        message: 'the application never reached the portal as a deal',
        timeout: 60_000,
      })
      .toBeTruthy()

    // A manager of the portal (user 2, new here) opens the deal: our tab shows the candidate, with status moves.
    await page.goto(`${portal.base}/crm/deal/details/${deal}/?user_id=2`)
    const card = frame.getByTestId('candidate')
    await expect(card.getByText('maria.k@example.com')).toBeVisible({ timeout: 30_000 })
    await expect(card.getByText('Python')).toBeVisible()
    await expect(frame.getByRole('group', { name: 'Перевести' }).getByRole('button', { name: 'Отбор' })).toBeVisible()
    await page.waitForLoadState('networkidle').catch(() => undefined)
    // E2E_UPDATE_DOCS=1 refreshes the README's picture too.
    const tab = await frameShot(page, '17-bitrix24-deal-tab')
    if (process.env.E2E_UPDATE_DOCS) writeFileSync(join(webRoot, '..', 'docs', 'bitrix24-deal-tab.png'), tab)

    // The contact's card shows the student's page (applications and placements); the employer's card shows its
    // openings and the pipeline of their applications.
    const linked = await (await ourFrame(page)).evaluate(
      async ({ student, company }: { student: number; company: number }) => ({
        contact: (await (await fetch(`/api/v1/students/${student}`)).json()).bitrix24_contact_id,
        company: (await (await fetch(`/api/v1/companies/${company}`)).json()).bitrix24_company_id,
      }),
      made,
    )
    expect(linked.contact && linked.company, `not linked in the portal: ${JSON.stringify(linked)}`).toBeTruthy()
    await page.goto(`${portal.base}/crm/contact/details/${linked.contact}/?user_id=2`)
    await expect(frame.getByRole('heading', { name: 'Кузнецова Мария Игоревна' })).toBeVisible({ timeout: 30_000 })
    await expect(frame.getByRole('list', { name: 'Отклики' }).getByText('Стажёр-разработчик')).toBeVisible()
    await page.goto(`${portal.base}/crm/company/details/${linked.company}/?user_id=2`)
    await expect(frame.getByRole('heading', { name: 'ООО «Уральские системы»' })).toBeVisible({ timeout: 30_000 })
    await expect(frame.getByRole('heading', { name: /^Воронка заявок \(1\)$/ })).toBeVisible()

    // A made-up sign-in gets the refusal page, not a session.
    await page.setContent(`<form method="post" action="${app.base}/api/v1/bitrix24/app?DOMAIN=${new URL(portal.base).host}&LANG=ru"><input name="AUTH_ID" value="forged"><input name="member_id" value="sandbox0member0id0000000000000001"><input name="PLACEMENT" value="DEFAULT"></form>`)
    await Promise.all([page.waitForNavigation(), page.evaluate(() => document.forms[0]!.submit())])
    await expect(page.getByRole('alert').getByText('не подтвердил этот вход', { exact: false })).toBeVisible()
  } finally {
    await context.close()
    await app.stop()
    portal.stop()
  }
})

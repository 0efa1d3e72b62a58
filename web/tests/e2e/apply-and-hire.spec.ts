// One application's way, as the people involved see it: a student applies through the public catalogue, a
// manager moves the application across the board and hires, the application page shows the candidate, the
// dashboard counts it. The steps build on each other, so they run in order (and are retried together).
import { apiClient } from './server.mjs'
import { ADMIN, ONE_PAGE_PDF, expect, expectNoSidewaysScroll, expectStat, nextYear, stat, test } from './fixtures'

test.describe.configure({ mode: 'serial' })

const run = `${Date.now()}`.slice(-6)
const names = {
  university: `Томский политехнический университет ${run}`,
  short: `ТПУ-${run}`,
  company: `ООО «Сибирские системы» ${run}`,
  opening: `Стажёр-аналитик ${run}`,
  student: `Алексеева Дарья ${run}`,
  email: `daria${run}@example.com`,
}
const before = { active: 0, hires: 0 }
let application = 0
let company = 0

test.beforeAll(async ({ server }) => {
  const api = await apiClient(server.base, ADMIN.email, ADMIN.password)
  await api('POST', '/universities', { name: names.university, short_name: names.short, city: 'Томск' })
  company = (await api('POST', '/companies', { name: names.company })).id
  await api('POST', '/openings', { company_id: company, kind: 'internship', title: names.opening, city: 'Томск', status: 'active', slots: 2, starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
})

test('sign in; the menu shows what an admin may see; the dashboard counts', { tag: '@matrix' }, async ({ page, signIn, shot, w, isMobile }) => {
  await page.goto('/login')
  await shot(page, '01-login')
  await signIn(page)
  if (isMobile) await page.getByRole('button', { name: w.openMenu }).click()
  const menu = page.getByRole('navigation', { name: w.menu })
  for (const item of Object.values(w.nav)) await expect(menu.getByRole('link', { name: item, exact: true })).toBeVisible()
  if (isMobile) await page.keyboard.press('Escape')
  before.active = await stat(page, w.active)
  before.hires = await stat(page, w.hires)
  await expectNoSidewaysScroll(page)
  await shot(page, '02-dashboard-empty')
})

test('a student applies through the public catalogue and follows the status page', { tag: '@matrix' }, async ({ page, newContext, session, shot, w }) => {
  const visitor = await (await newContext()).newPage()
  await visitor.goto('/catalogue')
  await visitor.getByLabel(w.search).fill(names.opening)
  await visitor.getByRole('link', { name: names.opening }).click()
  await visitor.getByLabel(w.fullName).fill(names.student)
  await visitor.getByLabel(w.email).fill(names.email)
  await visitor.getByLabel(w.university, { exact: true }).fill('политехнический')
  // The universities the API knows are offered as the applicant types.
  await expect(visitor.locator(`#apply-universities option[value="${names.university}"]`)).toBeAttached()
  await expect(visitor.getByLabel(w.university, { exact: true })).toHaveAttribute('list', 'apply-universities')
  await visitor.getByLabel(w.university, { exact: true }).fill(names.short)
  await visitor.getByRole('spinbutton', { name: w.course }).fill('3')
  await visitor.locator('input[type=file]').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf', buffer: ONE_PAGE_PDF })
  await visitor.getByText(w.consentText).click() // the text consented to is there to read
  await expect(visitor.getByTestId('consent-text')).toContainText(w.consentStatement)
  await visitor.getByLabel(w.consent).check()
  await expectNoSidewaysScroll(visitor)
  await visitor.getByRole('button', { name: w.submit }).click()
  await expect(visitor.getByText(w.submitted)).toBeVisible()
  await shot(visitor, '07-public-applied')
  await visitor.getByRole('link', { name: w.openStatus }).click()
  await expect(visitor.getByText(w.status.new, { exact: true }).first()).toBeVisible()
  await expectNoSidewaysScroll(visitor)
  await shot(visitor, '08-public-status')

  await session()
  await page.goto('/')
  await expectStat(page, w.active, before.active + 1)
})

test('move the application across the board; a refused move snaps back; a hire can be undone', { tag: '@matrix' }, async ({ page, api, session, shot, w, isMobile }) => {
  await session()
  await page.goto('/applications')
  const card = page.getByRole('article', { name: new RegExp(names.student) })
  const column = (status: string) => page.locator(`section[data-status="${status}"]`)
  const toasts = page.getByRole('region', { name: /Notifications/ })
  await expect(card).toBeVisible()
  // The card's preview shows the candidate without leaving the board.
  await card.getByRole('button', { name: w.candidate }).click()
  await expect(card.getByText(names.university)).toBeVisible()
  await expect(card.getByRole('link', { name: w.viewCv })).toBeVisible()
  await card.getByRole('button', { name: w.candidate }).click()
  if (isMobile) {
    // No dragging on a touch screen: the card's menu moves it.
    await card.getByRole('button', { name: w.moveCard }).click()
    await page.getByRole('menuitem', { name: w.status.interview }).click()
  } else {
    await card.dragTo(column('interview'))
  }
  await expect(toasts.getByText(w.moved(w.status.interview))).toBeVisible()
  await expect(column('interview').getByRole('article', { name: new RegExp(names.student) })).toBeVisible()
  // From an interview the menu offers only the moves the server allows.
  await card.getByRole('button', { name: w.moveCard }).click()
  await expect(page.getByRole('menuitem')).toHaveText([w.status.offer, w.status.hired, w.status.rejected, w.status.withdrawn])
  await page.keyboard.press('Escape')
  if (!isMobile) {
    await card.dragTo(column('new'))
    await expect(toasts.getByText(w.moveRefused)).toBeVisible()
    await expect(toasts.getByText(w.refused(w.status.interview, w.status.new, [w.status.offer, w.status.hired]))).toBeVisible()
    await expect(column('interview').getByRole('article', { name: new RegExp(names.student) })).toBeVisible()
    await expect(column('new').getByRole('article', { name: new RegExp(names.student) }), 'the card did not snap back').toHaveCount(0)
  }
  await expectNoSidewaysScroll(page)
  await shot(page, '09-board')
  // Hiring e-mails the candidate: it is confirmed, and can be undone for a few seconds.
  await card.getByRole('button', { name: w.moveCard }).click()
  await page.getByRole('menuitem', { name: w.status.hired }).click()
  await page.getByRole('dialog', { name: w.hireTitle }).getByRole('button', { name: w.hire }).click()
  await expect(column('hired').getByRole('article', { name: new RegExp(names.student) })).toBeVisible()
  await toasts.getByRole('button', { name: w.undo }).click()
  await expect(column('interview').getByRole('article', { name: new RegExp(names.student) })).toBeVisible()
  await page.waitForTimeout(6500) // past the undo window: nothing was sent
  expect((await api('GET', `/applications?status=interview&q=${encodeURIComponent(names.student)}`)).total, 'an undone move reached the server').toBe(1)
  await card.getByRole('button', { name: w.moveCard }).click()
  await page.getByRole('menuitem', { name: w.status.hired }).click()
  await page.getByRole('dialog', { name: w.hireTitle }).getByRole('button', { name: w.hire }).click()
  const hired = column('hired').getByRole('article', { name: new RegExp(names.student) })
  await expect(hired).toBeVisible()
  // The board re-renders after the move; on a busy machine the first click can land on the old card.
  await expect(async () => {
    if (!/\/applications\/\d+$/.test(page.url())) await hired.getByRole('link').click()
    await expect(page.getByRole('heading', { name: w.history })).toBeVisible({ timeout: 5_000 })
  }).toPass({ timeout: 20_000 })
  await expect(page.getByText(`${w.status.interview} → ${w.status.hired}`)).toBeVisible()
  application = Number(page.url().split('/').pop())
  await shot(page, '10-application-detail')
})

test('the application page shows the candidate whole, and the CV opens in the browser’s viewer', { tag: '@matrix' }, async ({ page, session, w }) => {
  await session()
  await page.goto(`/applications/${application}`)
  const card = page.getByTestId('candidate')
  await expect(card.getByText(names.university)).toBeVisible()
  await expect(card.getByText(names.email)).toBeVisible()
  await expect(card.getByText(new RegExp(`^${w.courseN(3)}`))).toBeVisible()
  await expectNoSidewaysScroll(page)
  const [viewer] = await Promise.all([page.waitForEvent('popup'), card.getByRole('link', { name: w.viewCv }).click()])
  await viewer.waitForLoadState('load')
  expect(await viewer.evaluate(() => document.contentType), 'the CV did not open as a PDF').toBe('application/pdf')
  await viewer.close()
  await expect(card.getByRole('link', { name: w.download })).toHaveAttribute('href', /\/cv\?download=true$/)
})

test('the dashboard numbers change, and its period stays in the address', { tag: '@matrix' }, async ({ page, session, shot, w }) => {
  await session()
  await page.goto('/')
  await expectStat(page, w.hires, before.hires + 1)
  expect(await stat(page, w.active), 'active applications should be back where they were').toBe(before.active)
  // The employer's own numbers: the filter is kept in the address.
  await page.goto(`/?company_id=${company}`)
  const hiredBar = page.getByRole('list', { name: w.byStatus }).getByRole('listitem').filter({ hasText: new RegExp(`^${w.status.hired}\\s*1$`) })
  await expect(hiredBar).toBeVisible()
  await expect(page.getByTestId('time-to-hire').getByText(w.days).first()).toBeVisible()
  await page.getByRole('combobox', { name: w.period }).or(page.getByRole('button', { name: new RegExp(`^${w.period}`) })).first().click()
  await page.getByRole('option', { name: w.year, exact: true }).click()
  await expect(page).toHaveURL(/period=365d/)
  await expect(page).toHaveURL(new RegExp(`company_id=${company}`))
  await page.reload()
  await expect(hiredBar).toBeVisible()
  expect(page.url(), 'the period was lost on reload').toContain('period=365d')
  await expectNoSidewaysScroll(page)
  await shot(page, '11-dashboard')
})

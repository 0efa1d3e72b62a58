// On a phone (the phone projects only): the dashboard fits the width, the board lists the applications.
import { expect, expectNoSidewaysScroll, nextYear, test } from './fixtures'

test('a phone-width screen works', { tag: '@phone' }, async ({ page, api, signIn, shot, uid, w }) => {
  const university = await api('POST', '/universities', { name: `Томский политехнический университет ${uid}` })
  const company = await api('POST', '/companies', { name: `ООО «Сибирские системы» ${uid}` })
  const opening = await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Стажёр-аналитик ${uid}`, city: 'Томск', status: 'active', slots: 1, starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  const student = `Алексеева Дарья ${uid}`
  const { id } = await api('POST', '/students', { university_id: university.id, full_name: student, email: `daria${uid}@example.com`, course: 3 })
  await api('POST', '/applications', { opening_id: opening.id, student_id: id })
  // On a phone the menu is behind a button; sign-in lands on the dashboard.
  await signIn(page)
  await expect(page.getByLabel(new RegExp(`^${w.hires}: `))).toBeVisible()
  await expect(page.getByRole('navigation', { name: w.menu }), 'the sidebar covers a phone’s screen until asked for').toBeHidden()
  await expectNoSidewaysScroll(page)
  await shot(page, '19-phone-dashboard')
  await page.getByRole('button', { name: w.openMenu }).click()
  await page.getByRole('navigation', { name: w.menu }).getByRole('link', { name: w.nav.applications, exact: true }).click()
  await expect(page.getByRole('article', { name: new RegExp(student) })).toBeVisible()
  await expectNoSidewaysScroll(page)
  await shot(page, '20-phone-board')
})

test('a phone builds only what it shows: no hidden sidebar, the trend chart once scrolled to', { tag: '@phone' }, async ({ page, api, signIn, uid, w }) => {
  const university = await api('POST', '/universities', { name: `Новосибирский государственный университет ${uid}` })
  const company = await api('POST', '/companies', { name: `ООО «Обские данные» ${uid}` })
  const opening = await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Стажёр-тестировщик ${uid}`, city: 'Новосибирск', status: 'active', slots: 1, starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  const { id } = await api('POST', '/students', { university_id: university.id, full_name: `Кузнецов Илья ${uid}`, email: `ilya${uid}@example.com`, course: 2 })
  await api('POST', '/applications', { opening_id: opening.id, student_id: id })
  // Chart.js, known by one of its own messages.
  const chartLibrary: string[] = []
  page.on('response', async (r) => {
    if (r.url().includes('/_nuxt/') && r.request().resourceType() === 'script' && (await r.text()).includes('Canvas is already in use')) chartLibrary.push(r.url())
  })
  await signIn(page)
  await expect(page.getByLabel(new RegExp(`^${w.hires}: `))).toBeVisible()
  await page.waitForLoadState('networkidle')
  // The wide screen's sidebar column is not built only to be hidden; the menu is behind its button.
  await expect(page.locator('aside')).toHaveCount(0)
  // The trends panel is screens below: neither its chart nor the chart library is loaded yet.
  await expect(page.getByRole('img', { name: w.trendChart })).toHaveCount(0)
  expect(chartLibrary, 'the chart library loaded before its chart was in view').toEqual([])
  await page.getByRole('heading', { name: w.trends, exact: true }).scrollIntoViewIfNeeded()
  await expect(page.getByRole('img', { name: w.trendChart })).toBeVisible()
  expect(chartLibrary).toHaveLength(1)
  // The menu still opens.
  await page.getByRole('button', { name: w.openMenu }).click()
  await expect(page.getByRole('navigation', { name: w.menu })).toBeVisible()
})

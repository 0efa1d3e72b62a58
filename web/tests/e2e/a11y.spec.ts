// Every screen through axe-core (tests/e2e/a11y.mjs), at the project's width: on a desktop and on a phone.
import { auditAll } from './a11y.mjs'
import { ADMIN, expect, nextYear, test } from './fixtures'

test('every screen passes axe with no critical or serious violation', { tag: '@widths' }, async ({ api, newContext, baseURL, viewport, uid }) => {
  test.setTimeout(180_000)
  // One of each record, so every detail screen has something to show.
  const university = await api('POST', '/universities', { name: `Томский политехнический университет ${uid}` })
  const company = await api('POST', '/companies', { name: `ООО «Сибирские системы» ${uid}` })
  const opening = await api('POST', '/openings', { company_id: company.id, kind: 'internship', title: `Стажёр-аналитик ${uid}`, city: 'Томск', status: 'active', slots: 1, starts_on: `${nextYear}-07-01`, ends_on: `${nextYear}-09-01` })
  const student = await api('POST', '/students', { university_id: university.id, full_name: `Алексеева Дарья ${uid}`, email: `daria${uid}@example.com`, course: 3 })
  const application = await api('POST', '/applications', { opening_id: opening.id, student_id: student.id })
  const ids = { university: university.id, company: company.id, opening: opening.id, application: application.id }
  const found = await auditAll({ base: baseURL, email: ADMIN.email, password: ADMIN.password, newContext, ids, widths: [viewport!.width] })
  expect(found, `axe found ${found.length} critical or serious violations`).toEqual([])
})

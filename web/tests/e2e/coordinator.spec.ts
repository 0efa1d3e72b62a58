// A university coordinator sees their own university's students only.
import { expect, test } from './fixtures'

test('a university coordinator cannot see another university’s students', async ({ page, api, signIn, shot, uid }) => {
  const own = await api('POST', '/universities', { name: `Томский политехнический университет ${uid}` })
  const other = await api('POST', '/universities', { name: `Другой университет ${uid}` })
  await api('POST', '/students', { university_id: other.id, full_name: `Чужой Студент ${uid}`, email: `other${uid}@example.com`, course: 2 })
  await api('POST', '/students', { university_id: own.id, full_name: `Свой Студент ${uid}`, email: `own${uid}@example.com`, course: 2 })
  const coordinator = { email: `coordinator${uid}@example.com`, password: 'coordinator-password-1' }
  await api('POST', '/users', { ...coordinator, full_name: 'Координатор ТПУ', role: 'university', university_id: own.id })
  await signIn(page, coordinator.email, coordinator.password)
  const menu = page.getByRole('navigation', { name: 'Меню' })
  await expect(menu.getByRole('link', { name: 'Студенты' })).toBeVisible()
  await expect(menu.getByRole('link', { name: 'Компании' }), 'a coordinator sees Companies').toHaveCount(0)
  await menu.getByRole('link', { name: 'Студенты' }).click()
  await expect(page.getByText(`Свой Студент ${uid}`)).toBeVisible()
  await expect(page.getByText(`Чужой Студент ${uid}`), 'another university’s student is listed').toHaveCount(0)
  await page.getByPlaceholder('ФИО или почта').fill('Чужой')
  await expect(page.getByText('Студентов не найдено')).toBeVisible()
  await shot(page, '21-coordinator-students')
  await page.goto(`/universities/${other.id}`)
  await expect(page.getByText('Не получилось')).toBeVisible()
  await shot(page, '22-coordinator-other-university')
})

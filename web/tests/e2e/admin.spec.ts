// What an admin looks after: users, the workspace's settings, the audit log, students and their import.
import { expect, pickEntity, test } from './fixtures'

test.beforeEach(async ({ session }) => session())

test('an admin adds a user, gives them a company, and closes their access; the settings screen shows the setup', async ({ page, api, shot, uid }) => {
  const company = `ООО «Сибирские системы» ${uid}`
  await api('POST', '/companies', { name: company })
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Пользователи' }).click()
  await page.getByRole('button', { name: 'Новый пользователь' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Эл. почта').fill(`hr${uid}@example.com`)
  await dialog.getByLabel('Имя').fill(`Рекрутер ${uid}`)
  await dialog.getByLabel('Пароль').fill('a-long-enough-password')
  await dialog.getByRole('combobox', { name: /^Роль/ }).or(dialog.getByRole('button', { name: /^Роль/ })).first().click()
  await page.getByRole('option', { name: /Рекрутер компании/ }).click()
  await dialog.getByRole('button', { name: 'Создать' }).click()
  await expect(dialog.getByText('Обязательное поле')).toBeVisible() // a recruiter needs a company
  await pickEntity(page, 'Компания', uid, company)
  await dialog.getByRole('button', { name: 'Создать' }).click()
  await expect(dialog).toBeHidden()
  const row = page.getByRole('row', { name: new RegExp(`Рекрутер ${uid}`) })
  await expect(row.getByText(company)).toBeVisible()
  await row.getByRole('button', { name: `Изменить: Рекрутер ${uid}` }).click()
  await page.getByRole('dialog').getByRole('switch', { name: 'Доступ открыт' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click()
  await expect(row.getByText('Отключён')).toBeVisible()
  await shot(page, '17b-users')
  await page.getByRole('navigation', { name: 'Меню' }).getByRole('link', { name: 'Настройки' }).click()
  await page.getByLabel('Название организации').fill(`Центр карьеры ${uid}`)
  await page.getByRole('button', { name: 'Сохранить' }).click()
  await expect(page.getByText('Сохранено').first()).toBeVisible()
  await expect(page.getByText('Письма сохраняются в базе (не отправляются)')).toBeVisible()
  await expect(page.getByRole('link', { name: /\/catalogue\?workspace=/ })).toBeVisible()
  await shot(page, '17c-settings')
})

test('an admin reads who changed what, and from which side, in the audit log', async ({ page, api, shot, uid }) => {
  const university = `Томский политехнический университет ${uid}`
  await api('POST', '/universities', { name: university })
  await page.goto('/')
  await page.getByRole('link', { name: 'Журнал изменений' }).click()
  const log = page.getByRole('list', { name: 'Журнал изменений' })
  await expect(log.getByText(university).first()).toBeVisible()
  await expect(log.getByText('Пользователь').first()).toBeVisible()
  await shot(page, '18-audit')
})

test('screens for students, import, universities and Bitrix24 render; a CSV import adds the good rows', async ({ page, api, shot, uid }) => {
  const university = await api('POST', '/universities', { name: `Томский политехнический университет ${uid}` })
  const student = `Алексеева Дарья ${uid}`
  await api('POST', '/students', { university_id: university.id, full_name: student, email: `daria${uid}@example.com`, course: 3 })
  for (const [path, name, text] of [
    ['/students', '12-students', student],
    ['/students/import', '13-students-import', 'Импорт из CSV'],
    ['/universities', '14-universities', university.name],
    ['/bitrix24', '15-bitrix24', 'Битрикс24'],
  ]) {
    await page.goto(path)
    await expect(page.getByText(text).first()).toBeVisible()
    await shot(page, name)
  }
  await page.goto('/students/import')
  await page.locator('input[type=file]').setInputFiles({
    name: 'students.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`full_name,email,university_id,course\nГромов Илья ${uid},ilya${uid}@example.com,${university.id},2\nБез почты,,${university.id},9\n`),
  })
  await expect(page.getByText('Готовы к импорту: 1')).toBeVisible()
  await expect(page.getByText('email: Обязательное поле')).toBeVisible()
  await page.getByRole('button', { name: 'Импортировать 1' }).click()
  await expect(page.getByText('Импорт завершён: добавлено 1, ошибок 0')).toBeVisible()
  await shot(page, '13-students-import-done')
})

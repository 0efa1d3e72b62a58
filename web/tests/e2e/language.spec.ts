// The language a person picks, from the account menu; remembered across reloads.
import { expect, test } from './fixtures'

test('switch language to English and back', async ({ page, session, shot }) => {
  await session()
  await page.goto('/')
  await page.getByRole('button', { name: /Учётная запись$/ }).click()
  await page.getByRole('menuitem', { name: 'Язык' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'English' }).click()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Overview' })).toBeVisible()
  await expect(page.getByLabel(/^Hired: /)).toBeVisible()
  await shot(page, '18-dashboard-english')
  await page.reload()
  await expect(page.getByRole('navigation', { name: 'Menu' })).toBeVisible()
  await page.getByRole('button', { name: /Account$/ }).click()
  await page.getByRole('menuitem', { name: 'Language' }).click()
  await page.getByRole('menuitemcheckbox', { name: 'Русский' }).click()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('navigation', { name: 'Меню' })).toBeVisible()
})

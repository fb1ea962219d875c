import { expect, test } from '@playwright/test'
import { answerRequiredOnly, base, expectConfirmation, submitResponse, t } from './helpers.ts'

test('a resident deletes their own response with the reference and the deletion code shown on the confirmation page only', async ({ page }) => {
  await answerRequiredOnly(page)
  await submitResponse(page)
  await page.getByRole('link', { name: t('en', 'equality', 'intro.skip') }).click()
  const reference = await expectConfirmation(page)
  const code = (await page.getByTestId('deletion-code').textContent())!.trim()
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/)

  // A reload of the page keeps it; once the resident opens another page, it is gone.
  await page.reload()
  await expect(page.getByTestId('deletion-code')).toHaveText(code)
  await page.goto('/')
  await page.goto(`${base}/confirmation`)
  await expect(page.getByTestId('reference')).toHaveText(reference)
  await expect(page.getByTestId('deletion-code')).toHaveCount(0)

  await page.getByRole('main').getByRole('link', { name: t('en', 'survey', 'confirmation.deletion_link') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'survey', 'delete.title'))
  // A wrong code: a clear error, nothing deleted.
  await page.getByLabel(t('en', 'survey', 'delete.reference_label')).fill(reference)
  await page.getByLabel(t('en', 'survey', 'delete.code_label')).fill('AAAA-AAAA-AA')
  await page.getByRole('button', { name: t('en', 'survey', 'delete.submit') }).click()
  await expect(page).toHaveTitle(new RegExp(`^${t('en', 'common', 'error_prefix')}`))
  await expect(page.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.delete_not_found'))
  await expect(page.getByLabel(t('en', 'survey', 'delete.reference_label'))).toHaveValue(reference)

  await page.getByLabel(t('en', 'survey', 'delete.code_label')).fill(code.toLowerCase())
  await page.getByRole('button', { name: t('en', 'survey', 'delete.submit') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(t('en', 'survey', 'delete.done_title'))

  // The same codes no longer find anything.
  await page.goto('/delete')
  await page.getByLabel(t('en', 'survey', 'delete.reference_label')).fill(reference)
  await page.getByLabel(t('en', 'survey', 'delete.code_label')).fill(code)
  await page.getByRole('button', { name: t('en', 'survey', 'delete.submit') }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.delete_not_found'))
})

test('the privacy notice states what is collected, the lawful basis, retention and rights', async ({ page }) => {
  await page.goto(`${base}/privacy`)
  for (const section of ['what', 'why', 'retention', 'rights']) {
    await expect(page.getByRole('heading', { name: t('en', 'common', `privacy.${section}_heading`) })).toBeVisible()
  }
  await expect(page.locator('main')).toContainText('365')
  await page.goto(`${base}/privacy?lng=bn`)
  await expect(page.getByRole('heading', { name: t('bn', 'common', 'privacy.rights_heading') })).toBeVisible()
})

import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import { expect, test } from '@playwright/test'
import { scan } from './axe.ts'
import enAuth from '../../locales/en/auth.json' with { type: 'json' }
import enBuilder from '../../locales/en/builder.json' with { type: 'json' }
import { createUser, signIn } from './staff-helpers.ts'

// WCAG 2.2 AA (axe-core) on the staff pages, at phone size as officers use them at events.

test('staff pages have no WCAG 2.2 AA violations', async ({ page }) => {
  test.setTimeout(300_000)
  const email = `a11y-${crypto.randomBytes(3).toString('hex')}@staff.example`
  const out = execFileSync('npx', ['tsx', 'scripts/user-create.ts', '--email', email, '--role', 'admin'], {
    env: { ...process.env, DATABASE_URL: 'tests/.tmp/e2e.db' },
    encoding: 'utf8',
  })
  const password = out.match(/Password \(shown once\): (\S+)/)![1]!
  await page.goto('/sign-in')
  await scan(page, 'sign in')
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await scan(page, 'sign in with errors')
  await page.getByLabel(enAuth.sign_in.email).fill(email)
  await page.getByLabel(enAuth.sign_in.password).fill(password)
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAuth.admin.title)
  await scan(page, 'staff home')
  for (const [path, name] of [
    ['/admin/consultations', 'consultations'],
    ['/admin/consultations/new', 'new consultation'],
    ['/admin/users', 'users'],
    ['/admin/audit', 'audit log'],
    ['/admin/frameworks', 'frameworks'],
  ] as const) {
    await page.goto(path)
    await scan(page, name)
  }
  await page.goto('/admin/consultations/new')
  await page.getByRole('button', { name: enAuth.consultation.save }).click()
  await scan(page, 'new consultation with errors')
  await page.goto('/admin/consultations')
  await page.getByRole('link', { name: /Manage A Tower Hamlets for All/ }).first().click()
  await scan(page, 'manage consultation')
  await page.getByRole('link', { name: enAuth.preview.link }).click()
  await scan(page, 'preview')
})

test('the survey builder and translation pages have no WCAG 2.2 AA violations', async ({ page }) => {
  test.setTimeout(300_000)
  await signIn(page, createUser('officer'))
  await page.goto('/admin/consultations')
  await page.getByRole('link', { name: /Manage A Tower Hamlets for All/ }).first().click()
  await page.getByRole('link', { name: enAuth.survey.link }).click()
  await scan(page, 'survey builder')
  const survey = page.url().replace(/[?#].*$/, '')
  for (const [path, name] of [
    ['/add', 'add a question'],
    ['/new?type=multiple', 'new multiple choice question'],
    ['/new?type=grid', 'new grid question'],
    ['/new?type=date', 'new date question'],
    ['/questions/connection', 'edit a question'],
    ['/questions/ward/condition', 'skip rule: choose the question'],
    ['/questions/ward/condition?on=connection', 'skip rule: operator and answer'],
    ['/questions/ward/condition?on=nowhere', 'skip rule: no question chosen'],
    ['/questions/connection/remove', 'remove a question'],
    ['/translations/bn', 'translation editor'],
    ['/translations/bn?missing=1', 'translation editor, missing only'],
  ] as const) {
    await page.goto(survey + path)
    await scan(page, name)
  }
  await page.goto(survey.replace('/survey', '/start-page/bn'))
  await scan(page, 'start page translation')
  await page.goto(survey + '/add')
  await page.getByRole('button', { name: enBuilder.continue }).click()
  await scan(page, 'add a question with errors')
  await page.goto(survey + '/new?type=single')
  await page.getByRole('button', { name: enBuilder.editor.save }).click()
  await scan(page, 'new question with errors')
})

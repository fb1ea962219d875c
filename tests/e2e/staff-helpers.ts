import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import { expect, type Page } from '@playwright/test'
import enAuth from '../../locales/en/auth.json' with { type: 'json' }

// Staff accounts for the browser tests, made with the documented command
// against the database the test server uses.

export type Role = 'admin' | 'officer' | 'analyst' | 'moderator'

export function createUser(role: Role) {
  const email = `${role}-${crypto.randomBytes(4).toString('hex')}@staff.example`
  const out = execFileSync('npx', ['tsx', 'scripts/user-create.ts', '--email', email, '--role', role, '--name', `Test ${role}`], {
    env: { ...process.env, DATABASE_URL: 'tests/.tmp/e2e.db' },
    encoding: 'utf8',
  })
  const password = out.match(/Password \(shown once\): (\S+)/)![1]!
  return { email, password }
}

export async function signIn(page: Page, user: { email: string; password: string }, redirectTo = '/admin') {
  await page.goto(`/sign-in?redirectTo=${encodeURIComponent(redirectTo)}`)
  await page.getByLabel(enAuth.sign_in.email).fill(user.email)
  await page.getByLabel(enAuth.sign_in.password).fill(user.password)
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await expect(page).not.toHaveURL(/sign-in/)
}

/** Fills and saves the new consultation form; ends on the consultation's own page. */
export async function createConsultation(page: Page, { title, slug, languages = [] }: { title: string; slug: string; languages?: string[] }) {
  await page.goto('/admin/consultations/new')
  await page.getByLabel(enAuth.consultation.title).fill(title)
  await page.getByLabel(enAuth.consultation.slug).fill(slug)
  await page.getByLabel(enAuth.consultation.summary).fill(`${title}: tell us what you think.`)
  await page.getByLabel(enAuth.consultation.purpose).fill('To decide what to change.')
  await page.getByLabel(enAuth.consultation.what_can_change).fill('Everything asked about.')
  await page.getByLabel(enAuth.consultation.how_used).fill('Every answer is read by the team.')
  await page.getByLabel(enAuth.consultation.how_decided).fill('The partnership board decides in public.')
  for (const [prefix, day, month, year, time] of [['opens', '1', '3', '2027', '09:00'], ['closes', '30', '4', '2027', '17:00']] as const) {
    const group = page.getByRole('group', { name: enAuth.consultation[prefix] })
    await group.getByLabel(enAuth.consultation.day).fill(day)
    await group.getByLabel(enAuth.consultation.month).fill(month)
    await group.getByLabel(enAuth.consultation.year).fill(year)
    await group.getByLabel(enAuth.consultation.time).fill(time)
  }
  for (const language of languages) await page.getByLabel(language, { exact: true }).check()
  await page.getByRole('button', { name: enAuth.consultation.save }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
}

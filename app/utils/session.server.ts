import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv } from './env.server.ts'

// The resident's browser holds, per consultation, a random draft token. The
// database stores only its hash, so a copied database cannot take over a draft.
//
// A resume or deletion code is shown on one page (saved, confirmation). It is
// kept in this signed cookie while the resident is on the pages it belongs to,
// so a reload or a language switch shows it again; it goes as soon as they
// open any other page (forgetShownCodes, from the root loader) or after
// SHOWN_CODE_MS. The database keeps only its hash.
export const SHOWN_CODE_MS = 30 * 60 * 1000

interface ShownCode {
  code: string
  /** Paths (and the paths under them) the code is kept on. */
  keepOn: string[]
  until: number
}
interface ResidentSession {
  drafts: Record<string, string>
  resumeCode: ShownCode & { expiresAt: number }
  /** With the reference it deletes. */
  deletionCode: ShownCode & { reference: string }
}

let storage: ReturnType<typeof createCookieSessionStorage<ResidentSession>> | undefined

function sessionStorage() {
  const env = getEnv()
  storage ??= createCookieSessionStorage<ResidentSession>({
    cookie: {
      name: 'hys_session',
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: env.cookieSecure,
      secrets: [env.SESSION_SECRET],
      maxAge: 60 * 60 * 24 * env.DRAFT_TTL_DAYS,
    },
  })
  return storage
}

export async function getResidentSession(request: Request) {
  return sessionStorage().getSession(request.headers.get('Cookie'))
}

export async function getDraftToken(request: Request, consultationId: string): Promise<string | undefined> {
  const session = await getResidentSession(request)
  return session.get('drafts')?.[consultationId]
}

/** Returns the Set-Cookie header that stores (or, with null, forgets) a draft token, and a resume code to show. */
export async function setDraftToken(
  request: Request,
  consultationId: string,
  token: string | null,
  resume?: { code: string; expiresAt: number; keepOn: string[] },
  now = Date.now(),
): Promise<string> {
  const session = await getResidentSession(request)
  const drafts = { ...(session.get('drafts') ?? {}) }
  if (token) drafts[consultationId] = token
  else delete drafts[consultationId]
  session.set('drafts', drafts)
  if (resume) session.set('resumeCode', { ...resume, until: now + SHOWN_CODE_MS })
  return sessionStorage().commitSession(session)
}

const keptOn = (value: ShownCode, path: string) => value.keepOn.some((p) => path === p || path.startsWith(`${p}/`))

function shown<T extends ShownCode>(value: T | undefined, request: Request, now: number): T | undefined {
  return value && value.until > now && keptOn(value, new URL(request.url).pathname) ? value : undefined
}

/** The resume code "Save and come back later" gave, while the resident stays on the page that shows it. */
export async function readResumeCode(request: Request, now = Date.now()) {
  return shown((await getResidentSession(request)).get('resumeCode'), request, now)
}

export async function keepDeletionCode(
  request: Request,
  value: { reference: string; code: string; keepOn: string[] },
  now = Date.now(),
): Promise<string> {
  const session = await getResidentSession(request)
  session.set('deletionCode', { ...value, until: now + SHOWN_CODE_MS })
  return sessionStorage().commitSession(session)
}

/** The deletion code given at submission, while the resident stays on the pages it belongs to. */
export async function readDeletionCode(request: Request, now = Date.now()) {
  return shown((await getResidentSession(request)).get('deletionCode'), request, now)
}

/** A Set-Cookie header that drops shown codes once the resident opens another page (null: nothing to drop). */
export async function forgetShownCodes(request: Request): Promise<string | null> {
  if (!request.headers.get('Cookie')?.includes('hys_session=')) return null
  const session = await getResidentSession(request)
  const path = new URL(request.url).pathname
  const stale = (['resumeCode', 'deletionCode'] as const).filter((key) => {
    const value = session.get(key)
    return value !== undefined && !keptOn(value, path)
  })
  if (stale.length === 0) return null
  for (const key of stale) session.unset(key)
  return sessionStorage().commitSession(session)
}

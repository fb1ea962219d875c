import { createCookieSessionStorage } from '@remix-run/node'
import { getEnv } from './env.server.ts'

// The resident's browser holds, per consultation, a random draft token. The
// database stores only its hash, so a copied database cannot take over a draft.
interface ResidentSession {
  drafts: Record<string, string>
}
interface ResidentFlash {
  /** Shown once on the "saved" page, never stored in plain text. */
  resumeCode: { code: string; expiresAt: number }
  /** Shown once on the confirmation page, with the reference it deletes. */
  deletionCode: { reference: string; code: string }
}

let storage: ReturnType<typeof createCookieSessionStorage<ResidentSession, ResidentFlash>> | undefined

function sessionStorage() {
  const env = getEnv()
  storage ??= createCookieSessionStorage<ResidentSession, ResidentFlash>({
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

/** Returns the Set-Cookie header that stores (or, with null, forgets) a draft token. */
export async function setDraftToken(
  request: Request,
  consultationId: string,
  token: string | null,
  flash?: ResidentFlash['resumeCode'],
): Promise<string> {
  const session = await getResidentSession(request)
  const drafts = { ...(session.get('drafts') ?? {}) }
  if (token) drafts[consultationId] = token
  else delete drafts[consultationId]
  session.set('drafts', drafts)
  if (flash) session.flash('resumeCode', flash)
  return sessionStorage().commitSession(session)
}

/** Reads (and so removes) the resume code flashed by "Save and come back later". */
export async function takeResumeCode(request: Request) {
  const session = await getResidentSession(request)
  const code = session.get('resumeCode')
  return { code, setCookie: await sessionStorage().commitSession(session) }
}

export async function flashDeletionCode(request: Request, value: ResidentFlash['deletionCode']): Promise<string> {
  const session = await getResidentSession(request)
  session.flash('deletionCode', value)
  return sessionStorage().commitSession(session)
}

/** Reads (and so removes) the deletion code flashed at submission. */
export async function takeDeletionCode(request: Request) {
  const session = await getResidentSession(request)
  const value = session.get('deletionCode')
  return { value, setCookie: await sessionStorage().commitSession(session) }
}

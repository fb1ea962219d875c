import { redirect } from '@remix-run/node'
import { consultationPath, loadResidentContext } from '../responses/resident-flow.server.ts'
import { loadEqualityAnswers } from '../responses/responses.server.ts'

/** Equality pages belong to a response this browser has just submitted. */
export async function loadEqualityContext(request: Request, slug: string | undefined) {
  const ctx = await loadResidentContext(request, slug, { requireOpen: false })
  const response = ctx.response
  if (!response || response.status !== 'submitted') throw redirect(consultationPath(ctx.consultation.slug))
  const { answers, texts } = await loadEqualityAnswers(ctx.db, response.id)
  return { ...ctx, response, equalityAnswers: answers, equalityTexts: texts }
}

import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { normaliseJoinCode } from '~/features/events/codes.ts'
import { findEventByCode } from '~/features/events/events.server.ts'
import { getDb } from '~/utils/db.server.ts'

// /join/<code>: where the QR code on the screen points. A known code goes
// straight to the event; anything else to /join, which says what is wrong
// (translated) and lets the resident type it again.
export async function loader({ request, params }: LoaderFunctionArgs) {
  // By characters, not UTF-16 units: half an emoji cannot be put in a URL (encodeURIComponent throws).
  const raw = Array.from(params.code ?? '').slice(0, 20).join('')
  const code = normaliseJoinCode(raw)
  const lng = new URL(request.url).searchParams.get('lng')
  const keep = lng && /^[a-z]{2}$/.test(lng) ? `lng=${lng}` : ''
  if (code && (await findEventByCode(await getDb(), code))) return redirect(`/events/${code}${keep ? `?${keep}` : ''}`)
  return redirect(`/join?code=${encodeURIComponent(raw)}${keep ? `&${keep}` : ''}`)
}

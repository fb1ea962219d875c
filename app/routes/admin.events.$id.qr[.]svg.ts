import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadStaffEvent, publicOrigin } from '~/features/events/context.server.ts'
import { qrSvg } from '~/features/events/qr.server.ts'

// The join QR code as an SVG file, to print on posters and table cards.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await loadStaffEvent(request, params.id)
  const svg = await qrSvg(`${publicOrigin(request)}/join/${event.code}`)
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="join-${event.code}.svg"`, 'Cache-Control': 'private, no-store' },
  })
}

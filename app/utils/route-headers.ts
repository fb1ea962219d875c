import type { HeadersFunction } from '@remix-run/node'

/**
 * For routes whose actions may refuse a request: keep the loader's and action's
 * headers, and pass on Retry-After from a thrown 429 (Remix drops a thrown
 * Response's headers unless the route says which to keep).
 */
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const out = new Headers()
  for (const source of [loaderHeaders, actionHeaders]) {
    const cacheControl = source?.get('Cache-Control')
    if (cacheControl) out.set('Cache-Control', cacheControl)
  }
  const retryAfter = errorHeaders?.get('Retry-After')
  if (retryAfter) out.set('Retry-After', retryAfter)
  return out
}

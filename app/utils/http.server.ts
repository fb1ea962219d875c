// Helpers for loaders and actions: expected failures throw Responses that the
// route's ErrorBoundary renders as a translated page.

export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) throw new Response(message, { ...init, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...init.headers } })
}

export function notFound(message = 'not_found'): never {
  throw new Response(message, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/** Only same-site relative paths may be redirected to. */
export function safeRedirectPath(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

/**
 * The posted form, or a 400 when the body is not a form at all (JSON, plain
 * text, a broken multipart body): bad input, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw new Response('bad_request', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
  }
}

import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'

export const handle = { hydrate: false }

// Any unknown address: a translated 404 page inside the layout.
export async function loader() {
  throw new Response('not_found', { status: 404 })
}

export async function action() {
  throw new Response('not_found', { status: 404 })
}

export default function NotFound() {
  return <GeneralErrorBoundary />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

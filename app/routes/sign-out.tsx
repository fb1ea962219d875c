import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { signOut } from '~/features/auth/auth.server.ts'
import { readForm } from '~/utils/http.server.ts'

// POST only: signing out changes state, so it is never a link.
export async function loader() {
  throw redirect('/admin')
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const setCookie = await signOut(request, { everywhere: form.get('scope') === 'everywhere' })
  return redirect('/sign-in', { headers: { 'Set-Cookie': setCookie } })
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { EVENT_MODERATORS, eventsT } from '~/features/events/context.server.ts'
import { Refusal } from '~/features/events/events.server.ts'
import { BLOCKED_WORD_LOCALES } from '~/features/events/constants.ts'
import { addBlockedWord, listBlockedWordRows, removeBlockedWord } from '~/features/events/moderation.server.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// The blocked-words list (English and Bengali): a text from the room with one
// of these words is held back for a moderator automatically.
export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, EVENT_MODERATORS)
  const t = await eventsT(await getLocale(request))
  return {
    pageTitle: t('blocked.title'),
    words: (await listBlockedWordRows(await getDb())).map((w) => ({ id: w.id, locale: w.locale, word: w.word })),
    added: new URL(request.url).searchParams.get('added') === '1',
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, EVENT_MODERATORS)
  const db = await getDb()
  const form = await readForm(request)
  if (form.get('intent') === 'remove') {
    try {
      await removeBlockedWord(db, String(form.get('id') ?? ''), user.id)
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
    }
    return redirect('/admin/events/blocked-words', 303)
  }
  const word = String(form.get('word') ?? '')
  const locale = String(form.get('locale') ?? '')
  const result = await addBlockedWord(db, { locale, word }, user.id)
  if (result !== 'added') return Response.json({ error: `blocked.error_${result}`, word }, { status: 400 })
  return redirect('/admin/events/blocked-words?added=1', 303)
}

export default function BlockedWordsRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { error: string; word: string } | undefined
  const { t } = useTranslation('events')
  const error = actionData?.error
  return (
    <>
      <BackLink href="/admin/events" />
      {data.added ? <SuccessBanner title={t('blocked.added')} /> : null}
      <ErrorSummary errors={error ? [{ href: '#word', text: t(error) }] : []} />
      <h1 className="govuk-heading-l">{t('blocked.title')}</h1>
      <p className="govuk-body">{t('blocked.intro')}</p>
      <form method="post" noValidate>
        <FormGroup error={Boolean(error)}>
          <label className="govuk-label" htmlFor="word">
            {t('blocked.word')}
          </label>
          {error ? <ErrorMessage id="word-error">{t(error)}</ErrorMessage> : null}
          <input
            className={`govuk-input govuk-input--width-20${error ? ' govuk-input--error' : ''}`}
            id="word"
            name="word"
            type="text"
            defaultValue={actionData?.word ?? ''}
            aria-describedby={error ? 'word-error' : undefined}
          />
        </FormGroup>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="locale">
            {t('blocked.language')}
          </label>
          <select className="govuk-select" id="locale" name="locale" defaultValue="en">
            {BLOCKED_WORD_LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageOf(l).name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" name="intent" value="add" className="govuk-button">
          {t('blocked.add')}
        </button>
      </form>
      {data.words.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{t('blocked.title')}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('blocked.word')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('blocked.language')}
              </th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">{t('blocked.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.words.map((w) => (
              <tr className="govuk-table__row" key={w.id}>
                <td className="govuk-table__cell" lang={w.locale}>
                  {w.word}
                </td>
                <td className="govuk-table__cell">{languageOf(w.locale).name}</td>
                <td className="govuk-table__cell">
                  <form method="post">
                    <input type="hidden" name="id" value={w.id} />
                    <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--secondary hys-small-button">
                      {t('blocked.remove')}
                      <span className="govuk-visually-hidden">: {w.word}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">{t('blocked.none')}</p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, Hint, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { formatDate, languageOf, type Locale } from '~/features/i18n/config.ts'
import { ENTRY_MAX, parseEntry, type EntryErrors, type EntryTexts } from '~/features/findings/you-said-we-did.ts'
import { addEntry, findPublication, listEntries, publishFindings, removeEntry, unpublishFindings, updateEntry } from '~/features/findings/you-said-we-did.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'

export const handle = { hydrate: false }

// Officers (and administrators) write what residents said and what the
// partnership did, in English with optional translations, then publish the
// public page. Publishing takes a snapshot of the headline findings,
// suppressed; publishing again refreshes it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'findings')
  const url = new URL(request.url)
  const entries = await listEntries(db, consultation.id)
  const editing = entries.find((e) => e.id === url.searchParams.get('edit')) ?? null
  const publication = await findPublication(db, consultation.id)
  const title = (consultation.content[locale] ?? consultation.content.en)?.title ?? consultation.slug
  return {
    pageTitle: t('yswd.staff_title', { title }),
    id: consultation.id,
    title,
    locale,
    languages: consultation.locales.filter((l) => l !== 'en').map((l) => ({ code: l, dir: languageOf(l).dir })),
    entries,
    editing,
    publishedAt: publication ? formatDate(publication.publishedAt, locale) : null,
    publicPath: `/c/${consultation.slug}/you-said-we-did`,
    done: url.searchParams.get('done'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const form = await readForm(request)
  const intent = form.get('intent')
  const base = `/admin/consultations/${consultation.id}/you-said-we-did`
  const id = typeof form.get('id') === 'string' ? (form.get('id') as string).slice(0, 64) : ''
  switch (intent) {
    case 'add':
    case 'save': {
      const parsed = parseEntry((name) => form.get(name), consultation.locales)
      if (!parsed.ok) return Response.json({ errors: parsed.errors, values: parsed.values, id }, { status: 400 })
      if (intent === 'add') await addEntry(db, { consultationId: consultation.id, texts: parsed.value, actor: user.id })
      else if (!(await updateEntry(db, { consultationId: consultation.id, id, texts: parsed.value, actor: user.id }))) throw new Response('not_found', { status: 404 })
      return redirect(`${base}?done=${intent === 'add' ? 'added' : 'saved'}`, 303)
    }
    case 'remove':
      if (!(await removeEntry(db, { consultationId: consultation.id, id, actor: user.id }))) throw new Response('not_found', { status: 404 })
      return redirect(`${base}?done=removed`, 303)
    case 'publish': {
      if (!(await listEntries(db, consultation.id)).length) return Response.json({ errors: { 'said-en': 'yswd.errors.nothing_to_publish' } }, { status: 400 })
      const threshold = getEnv().SUPPRESSION_THRESHOLD
      await publishFindings(db, {
        consultationId: consultation.id,
        user,
        tFor: async (locale: Locale) => {
          const fixed = await i18n.getFixedT(locale, ['analysis', 'survey', 'equality', 'findings'])
          return (key, values) => fixed(key, values as never) as unknown as string
        },
        location: databaseLocationFromEnv({ DATABASE_URL: getEnv().DATABASE_URL }),
        threshold,
      })
      return redirect(`${base}?done=published`, 303)
    }
    case 'unpublish':
      await unpublishFindings(db, { consultationId: consultation.id, actor: user.id })
      return redirect(`${base}?done=unpublished`, 303)
    default:
      throw new Response('bad_request', { status: 400 })
  }
}

type ActionData = { errors?: EntryErrors; values?: EntryTexts; id?: string }

export default function YouSaidWeDidStaffRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('findings')
  const errors = actionData?.errors ?? {}
  const values: EntryTexts = actionData?.values ?? data.editing ?? { said: {}, did: {} }
  const editingId = actionData?.id || data.editing?.id || ''
  const field = (half: 'said' | 'did', locale: string, dir: string) => {
    const name = `${half}-${locale}`
    const error = errors[name]
    const language = t(`yswd.language.${locale}`)
    return (
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`} key={name}>
        <label className="govuk-label govuk-label--s" htmlFor={name}>
          {t(`yswd.${half}_label`, { language })}
        </label>
        {locale === 'en' ? (
          <Hint id={`${name}-hint`}>{t(`yswd.${half}_hint`)}</Hint>
        ) : null}
        {error ? <ErrorMessage id={`${name}-error`}>{t(error, { max: ENTRY_MAX })}</ErrorMessage> : null}
        <textarea
          className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
          id={name}
          name={name}
          rows={3}
          lang={locale}
          dir={dir}
          defaultValue={values[half][locale] ?? ''}
          aria-describedby={[locale === 'en' ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined}
        />
      </div>
    )
  }
  return (
    <>
      <BackLink href="/admin/consultations" />
      <ErrorSummary errors={Object.entries(errors).map(([name, key]) => ({ href: `#${name}`, text: t(key!, { max: ENTRY_MAX }) }))} />
      {data.done ? <SuccessBanner title={t(`yswd.done.${data.done}`)} /> : null}
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('yswd.staff_heading')}</h1>
      <p className="govuk-body">{t('yswd.staff_intro')}</p>

      <h2 className="govuk-heading-m">{t('yswd.publication')}</h2>
      {data.publishedAt ? (
        <p className="govuk-body" data-testid="published">
          {t('yswd.published_on', { date: data.publishedAt })}{' '}
          <a className="govuk-link" href={data.publicPath}>
            {t('yswd.view_public')}
          </a>
        </p>
      ) : (
        <p className="govuk-body" data-testid="not-published">
          {t('yswd.not_published')}
        </p>
      )}
      <form method="post" className="govuk-button-group">
        <button type="submit" name="intent" value="publish" className="govuk-button" data-module="govuk-button">
          {data.publishedAt ? t('yswd.republish') : t('yswd.publish')}
        </button>
        {data.publishedAt ? (
          <button type="submit" name="intent" value="unpublish" className="govuk-button govuk-button--warning" data-module="govuk-button">
            {t('yswd.unpublish')}
          </button>
        ) : null}
      </form>

      <h2 className="govuk-heading-m">{t('yswd.entries')}</h2>
      {data.entries.length === 0 ? <p className="govuk-body">{t('yswd.no_entries')}</p> : null}
      {data.entries.map((entry, i) => (
        <div key={entry.id} className="govuk-summary-card" data-testid="yswd-entry">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{t('yswd.entry_number', { number: i + 1 })}</h3>
            <ul className="govuk-summary-card__actions">
              <li className="govuk-summary-card__action">
                <a className="govuk-link" href={`?edit=${entry.id}#said-en`}>
                  {t('yswd.edit')}
                  <span className="govuk-visually-hidden"> {t('yswd.entry_number', { number: i + 1 })}</span>
                </a>
              </li>
            </ul>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('yswd.you_said')}</dt>
                <dd className="govuk-summary-list__value" lang="en">
                  {entry.said.en}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('yswd.we_did')}</dt>
                <dd className="govuk-summary-list__value" lang="en">
                  {entry.did.en}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('yswd.translations')}</dt>
                <dd className="govuk-summary-list__value">
                  {data.languages.filter((l) => entry.said[l.code] && entry.did[l.code]).map((l) => t(`yswd.language.${l.code}`)).join(', ') || t('yswd.none')}
                </dd>
              </div>
            </dl>
            <form method="post">
              <input type="hidden" name="id" value={entry.id} />
              <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                {t('yswd.remove')}
                <span className="govuk-visually-hidden"> {t('yswd.entry_number', { number: i + 1 })}</span>
              </button>
            </form>
          </div>
        </div>
      ))}

      <h2 className="govuk-heading-m" id="entry-form">
        {editingId ? t('yswd.edit_heading') : t('yswd.add_heading')}
      </h2>
      <form method="post" noValidate>
        <input type="hidden" name="id" value={editingId} />
        {field('said', 'en', 'ltr')}
        {field('did', 'en', 'ltr')}
        {data.languages.length ? (
          <details className="govuk-details" open={data.languages.some((l) => values.said[l.code] || values.did[l.code])}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{t('yswd.translations_summary')}</span>
            </summary>
            <div className="govuk-details__text">
              {data.languages.map((l) => (
                <fieldset className="govuk-fieldset" key={l.code}>
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t(`yswd.language.${l.code}`)}</legend>
                  {field('said', l.code, l.dir)}
                  {field('did', l.code, l.dir)}
                </fieldset>
              ))}
            </div>
          </details>
        ) : null}
        <button type="submit" name="intent" value={editingId ? 'save' : 'add'} className="govuk-button" data-module="govuk-button">
          {editingId ? t('yswd.save') : t('yswd.add')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

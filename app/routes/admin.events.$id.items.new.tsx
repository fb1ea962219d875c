import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { eventsT, loadStaffEvent } from '~/features/events/context.server.ts'
import { MAX_OPTIONS, parseItemForm } from '~/features/events/event-form.ts'
import { addItem } from '~/features/events/events.server.ts'
import { TextField, type FormErrors, type FormValues } from '~/features/events/staff-components.tsx'
import { ITEM_TYPES } from '~/features/events/tally.ts'
import { pick } from '~/features/events/text.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// The presenter prepares an item: single choice, multiple choice, agreement
// scale, ranking, or short open text (a word cloud). Its text in each of the
// event's languages; the projector shows them all.
export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await loadStaffEvent(request, params.id)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  return { pageTitle: t('item_form.title'), id: event.id, eventTitle: pick(event.title, locale).text, locales: event.locales }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id)
  const form = await readForm(request)
  const { raw, values, errors } = parseItemForm(form, event.locales)
  if (!values) return Response.json({ errors, raw }, { status: 400 })
  await addItem(db, event, values, user.id)
  return redirect(`/admin/events/${event.id}#items`)
}

export default function NewItemRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { errors: FormErrors; raw: FormValues } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const values = actionData?.raw ?? {}
  const summary = Object.entries(errors).map(([field, key]) => ({ href: `#${field === 'type' ? 'type-first' : field}`, text: t(key, { max: MAX_OPTIONS }) }))
  return (
    <>
      <BackLink href={`/admin/events/${data.id}`} />
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{data.eventTitle}</span>
      <h1 className="govuk-heading-l">{t('item_form.title')}</h1>
      <form method="post" noValidate>
        <FormGroup error={Boolean(errors.type)}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.type ? 'type-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('item_form.type')}</legend>
            {errors.type ? <ErrorMessage id="type-error">{t(errors.type)}</ErrorMessage> : null}
            <div className="govuk-radios" data-module="govuk-radios">
              {ITEM_TYPES.map((type, index) => (
                <div className="govuk-radios__item" key={type}>
                  <input
                    className="govuk-radios__input"
                    id={index ? `type-${type}` : 'type-first'}
                    name="type"
                    type="radio"
                    value={type}
                    defaultChecked={values.type === type}
                    aria-describedby={`type-${type}-hint`}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={index ? `type-${type}` : 'type-first'}>
                    {t(`types.${type}`)}
                  </label>
                  <div id={`type-${type}-hint`} className="govuk-hint govuk-radios__hint">
                    {t(`types_hint.${type}`)}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </FormGroup>
        {data.locales.map((l) => (
          <TextField
            key={`title_${l}`}
            name={`title_${l}`}
            label={t('item_form.question_in', { language: languageOf(l).name })}
            hint={l === 'en' ? undefined : t('item_form.optional_translation')}
            values={values}
            errors={errors}
            lang={l}
          />
        ))}
        <h2 className="govuk-heading-m">{t('item_form.options_heading')}</h2>
        <p className="govuk-body">{t('item_form.options_intro', { max: MAX_OPTIONS })}</p>
        {data.locales.map((l) => (
          <TextField
            key={`options_${l}`}
            name={`options_${l}`}
            label={t('item_form.options_in', { language: languageOf(l).name })}
            hint={t('item_form.options_hint')}
            values={values}
            errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v]))}
            textarea
            rows={6}
            lang={l}
          />
        ))}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('item_form.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { ErrorMessage, ErrorSummary, FormGroup } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { chooseQuestion, loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { MAX_SAMPLE, parseSampleForm } from '~/features/coding/forms.ts'
import { createSample, listSamples, listSecondCoders, sampleProgress } from '~/features/coding/samples.server.ts'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// Double coding: draw a random sample of one question's answers and name the
// analyst who codes it again, blind. Lists the samples, how far each has got,
// and links to the agreement report and (for its coder) the blind coding screen.
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const samples = await listSamples(context.db, context.consultationId)
  return {
    pageTitle: context.t('samples.title'),
    frame: context.frame,
    base: themesBase(context.consultationId),
    userId: context.user.id,
    questions: context.questions,
    coders: (await listSecondCoders(context.db, context.user.id)).map((c) => ({ id: c.id, label: `${c.name} (${c.email})` })),
    samples: await Promise.all(
      samples.map(async (s) => ({
        ...s,
        questionTitle: context.questions.find((q) => q.key === s.questionKey)?.title ?? s.questionKey,
        progress: await sampleProgress(context.db, context.consultationId, s),
      })),
    ),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const form = await readForm(request)
  const parsed = parseSampleForm(form)
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v)]))
  if (!parsed.ok) return Response.json({ errors: parsed.errors, raw }, { status: 400 })
  const question = chooseQuestion(context, parsed.value.question)
  if (!question || question.key !== parsed.value.question) return Response.json({ errors: { question: 'errors.no_question' }, raw }, { status: 400 })
  const result = await createSample(context.db, {
    consultationId: context.consultationId,
    questionKey: question.key,
    size: parsed.value.size,
    seed: parsed.value.seed,
    secondCoderId: parsed.value.secondCoder,
    createdBy: context.user.id,
  })
  if (!result.ok) {
    const field = result.error === 'same_coder' || result.error === 'coder_not_analyst' || result.error === 'coder_coded_first' ? 'secondCoder' : 'size'
    return Response.json({ errors: { [field]: `errors.sample_${result.error}` }, raw, available: result.available ?? 0 }, { status: 400 })
  }
  return redirect(`${themesBase(context.consultationId)}/samples/${result.id}`, 303)
}

export default function SamplesRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: Record<string, string>; raw: Record<string, string>; available?: number }>()
  const { t } = useTranslation('coding')
  const errors = actionData?.errors ?? {}
  const raw = actionData?.raw ?? {}
  const message = (key: string) => t(key, { count: actionData?.available ?? 0, max: MAX_SAMPLE })
  return (
    <ThemesFrame frame={data.frame} page="samples" heading={t('samples.heading')}>
      <ErrorSummary errors={Object.entries(errors).map(([name, key]) => ({ href: `#${name}`, text: message(key) }))} />
      <p className="govuk-body">{t('samples.intro')}</p>
      {data.samples.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{t('samples.list_caption')}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('samples.question')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('samples.coder')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('samples.progress')}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.samples.map((s) => (
              <tr className="govuk-table__row" key={s.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={`${data.base}/samples/${s.id}`}>
                    {t('samples.sample_link', { size: s.size, question: s.questionTitle })}
                  </a>
                </td>
                <td className="govuk-table__cell">
                  {s.secondCoderName ?? ''}
                  {s.secondCoderId === data.userId ? (
                    <>
                      <br />
                      <a className="govuk-link" href={`${data.base}/code?sample=${s.id}`}>
                        {t('samples.code_now')}
                      </a>
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">{t('samples.progress_value', { second: s.progress.codedSecond, first: s.progress.codedFirst, size: s.progress.size })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">{t('samples.none')}</p>
      )}
      <h2 className="govuk-heading-m">{t('samples.new_heading')}</h2>
      {data.questions.length === 0 ? (
        <p className="govuk-body">{t('question.none')}</p>
      ) : data.coders.length === 0 ? (
        <p className="govuk-body">{t('samples.no_coders')}</p>
      ) : (
        <form method="post" noValidate>
          <FormGroup error={Boolean(errors.question)}>
            <label className="govuk-label govuk-label--s" htmlFor="question">
              {t('question.label')}
            </label>
            {errors.question ? <ErrorMessage id="question-error">{t(errors.question)}</ErrorMessage> : null}
            <select className="govuk-select" id="question" name="question" defaultValue={raw.question ?? data.questions[0]?.key}>
              {data.questions.map((q) => (
                <option key={q.key} value={q.key}>
                  {q.title}
                </option>
              ))}
            </select>
          </FormGroup>
          <FormGroup error={Boolean(errors.size)}>
            <label className="govuk-label govuk-label--s" htmlFor="size">
              {t('samples.size')}
            </label>
            <div id="size-hint" className="govuk-hint">
              {t('samples.size_hint', { max: MAX_SAMPLE })}
            </div>
            {errors.size ? <ErrorMessage id="size-error">{message(errors.size)}</ErrorMessage> : null}
            <input className={`govuk-input govuk-input--width-4${errors.size ? ' govuk-input--error' : ''}`} id="size" name="size" type="text" inputMode="numeric" defaultValue={raw.size ?? '30'} aria-describedby={`size-hint${errors.size ? ' size-error' : ''}`} />
          </FormGroup>
          <FormGroup error={Boolean(errors.seed)}>
            <label className="govuk-label govuk-label--s" htmlFor="seed">
              {t('samples.seed')}
            </label>
            <div id="seed-hint" className="govuk-hint">
              {t('samples.seed_hint')}
            </div>
            {errors.seed ? <ErrorMessage id="seed-error">{t(errors.seed)}</ErrorMessage> : null}
            <input className={`govuk-input govuk-input--width-10${errors.seed ? ' govuk-input--error' : ''}`} id="seed" name="seed" type="text" inputMode="numeric" defaultValue={raw.seed ?? ''} aria-describedby={`seed-hint${errors.seed ? ' seed-error' : ''}`} />
          </FormGroup>
          <FormGroup error={Boolean(errors.secondCoder)}>
            <label className="govuk-label govuk-label--s" htmlFor="secondCoder">
              {t('samples.second_coder')}
            </label>
            <div id="secondCoder-hint" className="govuk-hint">
              {t('samples.second_coder_hint')}
            </div>
            {errors.secondCoder ? <ErrorMessage id="secondCoder-error">{t(errors.secondCoder)}</ErrorMessage> : null}
            <select className={`govuk-select${errors.secondCoder ? ' govuk-select--error' : ''}`} id="secondCoder" name="secondCoder" defaultValue={raw.secondCoder ?? ''} aria-describedby={`secondCoder-hint${errors.secondCoder ? ' secondCoder-error' : ''}`}>
              <option value="">{t('samples.choose_coder')}</option>
              {data.coders.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </FormGroup>
          <button type="submit" className="govuk-button">
            {t('samples.draw')}
          </button>
        </form>
      )}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, FormGroup, Hint, describedBy } from '~/components/govuk.tsx'
import { formatDate, formatNumber, formatTime, languageOf } from '../i18n/config.ts'
import { displayJoinCode } from './codes.ts'
import type { LiveItem, LiveQuestion, LiveView } from './live-types.ts'
import { cloudSize, percentages, type ItemType } from './tally.ts'
import { inEveryLanguage, pick, type I18nText } from './text.ts'
import { TEXT_MAX, type VoteValue } from './vote-form.ts'

// Markup shared by the phone, projector and presenter views. Results carry
// data-live-* attributes that public/events-live.js updates from the stream;
// without JavaScript the same markup is simply the state at the last reload.
// Bars are SVG rectangles sized by attribute: the CSP allows no inline styles.

export interface ItemView {
  id: string
  type: ItemType
  title: I18nText
  options: { code: string; label: I18nText }[]
  state: 'draft' | 'open' | 'closed'
  round: number
  resultsVisible: boolean
  commitmentId: string | null
}

export interface EventView {
  code: string
  kind: string
  title: I18nText
  startsAt: number
  venue: string
  locales: string[]
  status: string
  isSynthetic: boolean
}

/** A localised text, marked with its language when it is not the page's. */
export function Localised({ text, locale, as: Tag = 'span', className }: { text: I18nText | null | undefined; locale: string; as?: 'span' | 'h1' | 'h2' | 'p' | 'legend'; className?: string }) {
  const { text: value, lang } = pick(text, locale)
  return (
    <Tag className={className} lang={lang !== locale ? lang : undefined}>
      {value}
    </Tag>
  )
}

/** A count template for the page's script: the phrase with the number replaced by {{count}}. */
function template(t: TFunction, key: string, count: number, locale: string) {
  return t(key, { count }).replace(formatNumber(count, locale), '{{count}}')
}

/**
 * The count phrases of one language, for the projector's lines in each of the
 * event's languages: made on the server with that language's strings, filled
 * in by countText (here and in public/events-live.js, the same way).
 */
export interface CountTemplates {
  lang: string
  intl: string
  votesOne: string
  votesOther: string
  pointsOne: string
  pointsOther: string
  answersOne: string
  answersOther: string
  share: string
}

export function countTemplates(t: TFunction, lang: string): CountTemplates {
  return {
    lang,
    intl: languageOf(lang).intl,
    votesOne: template(t, 'results.votes', 1, lang),
    votesOther: template(t, 'results.votes', 7, lang),
    pointsOne: template(t, 'results.points', 1, lang),
    pointsOther: template(t, 'results.points', 7, lang),
    answersOne: template(t, 'results.answers', 1, lang),
    answersOther: template(t, 'results.answers', 7, lang),
    share: t('results.share', { share: '{{share}}' }),
  }
}

export function countText(tpl: CountTemplates, kind: 'votes' | 'points' | 'answers', n: number): string {
  const one = new Intl.PluralRules(tpl.intl).select(n) === 'one'
  return tpl[`${kind}${one ? 'One' : 'Other'}`].replace('{{count}}', new Intl.NumberFormat(tpl.intl).format(n))
}

export function shareText(tpl: CountTemplates, share: number): string {
  return tpl.share.replace('{{share}}', new Intl.NumberFormat(tpl.intl).format(share))
}

/** Strings the page's script needs, in the page's language (and, on the projector, each event language's counts). */
export function liveMessages(t: TFunction, locale: string, languages?: CountTemplates[]) {
  return JSON.stringify({
    ...(languages ? { langs: languages } : {}),
    votesOne: template(t, 'results.votes', 1, locale),
    votesOther: template(t, 'results.votes', 7, locale),
    pointsOne: template(t, 'results.points', 1, locale),
    pointsOther: template(t, 'results.points', 7, locale),
    answersOne: template(t, 'results.answers', 1, locale),
    answersOther: template(t, 'results.answers', 7, locale),
    share: t('results.share', { share: '{{share}}' }),
    change: t('vote.change'),
    live: t('live.connected'),
    reconnecting: t('live.reconnecting'),
    answering: t('questions.state.answering'),
    noQuestions: t('questions.none_yet'),
    noneWaiting: t('questions.none_waiting'),
    answered: t('questions.state.answered'),
    follow_up: t('questions.state.follow_up'),
    sending: t('vote.sending'),
  })
}

export function EventSummary({ event, locale }: { event: EventView; locale: string }) {
  const { t } = useTranslation('events')
  return (
    <p className="govuk-body hys-event-meta">
      <strong className="govuk-tag govuk-tag--blue">{t(`kinds.${event.kind}`)}</strong>{' '}
      {t('summary.when', { date: formatDate(event.startsAt, locale, { dateStyle: 'full' }), time: formatTime(event.startsAt, locale) })}
      {' · '}
      {event.venue}
      {event.isSynthetic ? (
        <>
          {' '}
          <strong className="govuk-tag govuk-tag--yellow">{t('summary.synthetic')}</strong>
        </>
      ) : null}
    </p>
  )
}

/** Event results are votes in the room, never survey results: said wherever they are shown. */
export function RoomNote({ className = 'govuk-inset-text' }: { className?: string }) {
  const { t } = useTranslation('events')
  return (
    <div className={className}>
      <strong>{t('room.label')}</strong> {t('room.note')}
    </div>
  )
}

/** Instead of a vote or question form, when this address has joined as many new phones as it may for now. */
export function DeviceLimited() {
  const { t } = useTranslation('events')
  return (
    <div className="govuk-warning-text" data-device-limited="">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{t('present.warning')}</span>
        {t('participant.device_limited')}
      </strong>
    </div>
  )
}

/** How many voted (or answered): in the page's language, or (the projector) in each of `languages`. */
export function TotalLine({ total, type, languages }: { total: number; type: ItemType; locale: string; languages?: CountTemplates[] }) {
  const { t } = useTranslation('events')
  return (
    <p className="govuk-body hys-total" data-live-total={total}>
      {languages
        ? languages.map((tpl, i) => (
            <span key={tpl.lang} lang={tpl.lang} dir={languageOf(tpl.lang).dir} className={i ? 'hys-alt-language' : undefined} data-live-lang={tpl.lang}>
              {countText(tpl, type === 'text' ? 'answers' : 'votes', total)}
            </span>
          ))
        : t(type === 'text' ? 'results.answers' : 'results.votes', { count: total })}
    </p>
  )
}

function Bar({ share }: { share: number }) {
  return (
    <svg className="hys-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect className="hys-bar__track" x="0" y="0" width="100" height="10" />
      <rect className="hys-bar__fill" x="0" y="0" width={share} height="10" data-live-bar="" />
    </svg>
  )
}

/**
 * The results of a choice item: one row per option with its count, share and
 * bar; hidden (and empty) until the presenter reveals them, unless `always`.
 */
export function ChoiceResults({
  item,
  live,
  locale,
  languages,
  counts: countLanguages,
}: {
  item: ItemView
  live: LiveItem | null
  locale: string
  languages?: string[]
  /** the projector: each option's count and share in each of these languages, one line each */
  counts?: CountTemplates[]
}) {
  const { t } = useTranslation('events')
  const counts = live?.counts
  const shown = Boolean(counts)
  const total = live?.total ?? 0
  const shares = counts ? percentages(counts, total) : {}
  return (
    <>
      <p className="govuk-body hys-results-hidden" data-live-hidden-note="" hidden={shown}>
        {t('results.hidden')}
      </p>
      <ul className="govuk-list hys-results" data-live-results="" hidden={!shown}>
        {item.options.map((option) => {
          const count = counts?.[option.code] ?? 0
          const points = live?.points?.[option.code] ?? 0
          return (
            <li key={option.code} className="hys-results__row" data-option={option.code}>
              <span className="hys-results__label">
                {languages ? (
                  inEveryLanguage(option.label, languages).map((l, i) => (
                    <span key={l.lang} lang={l.lang} dir={languageOf(l.lang).dir} className={i ? 'hys-alt-language' : undefined}>
                      {l.text}
                    </span>
                  ))
                ) : (
                  <Localised text={option.label} locale={locale} />
                )}
              </span>
              <span className="hys-results__count">
                {countLanguages ? (
                  countLanguages.map((tpl, i) => (
                    <span key={tpl.lang} lang={tpl.lang} dir={languageOf(tpl.lang).dir} className={i ? 'hys-alt-language' : undefined} data-live-lang={tpl.lang}>
                      {item.type === 'ranking' ? (
                        <span data-live-points={points}>{countText(tpl, 'points', points)}</span>
                      ) : (
                        <>
                          <span data-live-count={count}>{countText(tpl, 'votes', count)}</span> <span data-live-share="">{shareText(tpl, shares[option.code] ?? 0)}</span>
                        </>
                      )}
                    </span>
                  ))
                ) : item.type === 'ranking' ? (
                  <span data-live-points={points}>{t('results.points', { count: points })}</span>
                ) : (
                  <>
                    <span data-live-count={count}>{t('results.votes', { count })}</span>{' '}
                    <span data-live-share="">{t('results.share', { share: shares[option.code] ?? 0 })}</span>
                  </>
                )}
              </span>
              <Bar share={live?.bars?.[option.code] ?? 0} />
            </li>
          )
        })}
      </ul>
    </>
  )
}

export function WordCloud({ words, answers, showAnswers = false }: { words: [string, number][] | undefined; answers?: string[]; showAnswers?: boolean }) {
  const { t } = useTranslation('events')
  const max = Math.max(1, ...(words ?? []).map(([, n]) => n))
  const shown = words !== undefined
  return (
    <>
      <p className="govuk-body hys-results-hidden" data-live-hidden-note="" hidden={shown}>
        {t('results.hidden')}
      </p>
      <div data-live-results="" hidden={!shown}>
        <h2 className="govuk-visually-hidden">{t('results.word_cloud')}</h2>
        <ul className="hys-cloud" data-live-words="">
          {(words ?? []).map(([word, n]) => (
            <li key={word} className={`hys-cloud__word hys-cloud__word--${cloudSize(n, max)}`}>
              {word}
              <span className="govuk-visually-hidden"> ({n})</span>
            </li>
          ))}
        </ul>
        {showAnswers ? (
          <ul className="govuk-list hys-answers" data-live-answers="">
            {(answers ?? []).map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </>
  )
}

export function ItemResults({
  item,
  live,
  locale,
  languages,
  counts,
  answers = false,
}: {
  item: ItemView
  live: LiveItem | null
  locale: string
  languages?: string[]
  counts?: CountTemplates[]
  answers?: boolean
}) {
  return item.type === 'text' ? (
    <WordCloud words={live?.words} answers={live?.answers} showAnswers={answers} />
  ) : (
    <ChoiceResults item={item} live={live} locale={locale} languages={languages} counts={counts} />
  )
}

/** The root every live page wraps its content in: what the script needs to connect and update. */
export function LiveRoot({ code, view, item, status, messages, children }: { code: string; view: LiveView; item: ItemView | null; status: string; messages: string; children: React.ReactNode }) {
  const { t } = useTranslation('events')
  return (
    <div
      data-live=""
      data-stream={`/events/${code}/stream?view=${view}`}
      data-view={view}
      data-item={item?.id ?? ''}
      data-state={item?.state ?? ''}
      data-round={item?.round ?? 0}
      data-status={status}
      data-messages={messages}
    >
      <p className="govuk-body-s hys-live-status" data-live-status="" role="status">
        {t('live.no_script')}
      </p>
      {children}
    </div>
  )
}

export function QrCode({ svg, label }: { svg: string; label: string }) {
  return <div className="hys-qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
}

export function JoinCode({ code }: { code: string }) {
  return <span className="hys-join-code hys-ltr">{displayJoinCode(code)}</span>
}

export function QuestionQueue({ questions }: { questions: LiveQuestion[] }) {
  const { t } = useTranslation('events')
  return (
    <ol className="hys-queue" data-live-questions="">
      {questions.map((q) => (
        <li key={q.id} className={`hys-queue__item${q.state === 'answering' ? ' hys-queue__item--answering' : ''}`}>
          {q.state === 'answering' ? <strong className="govuk-tag govuk-tag--green">{t('questions.state.answering')}</strong> : null}
          <span className="hys-queue__text">{q.text}</span>
          <span className="hys-queue__votes">{t('results.votes', { count: q.votes })}</span>
        </li>
      ))}
      {questions.length ? null : <li className="hys-queue__empty">{t('questions.none_yet')}</li>}
    </ol>
  )
}

// ---------- The vote form ----------

export interface VoteFormProps {
  code: string
  item: ItemView
  locale: string
  mine: VoteValue | null
  error?: { text: string } | null
  values?: Record<string, string | string[]>
}

export function VoteForm({ code, item, locale, mine, error, values }: VoteFormProps) {
  const { t, i18n } = useTranslation('events')
  const title = pick(item.title, locale)
  const errorId = error ? 'vote-error' : undefined
  const chosen = (name: string): string[] => {
    const posted = values?.[name]
    if (posted !== undefined) return Array.isArray(posted) ? posted : [posted]
    if (!mine) return []
    if (mine.kind === 'option') return name === 'choice' ? [mine.code] : []
    if (mine.kind === 'codes') {
      if (name === 'choices') return mine.codes
      const place = /^rank-(\d+)$/.exec(name)
      return place && mine.codes[Number(place[1]) - 1] ? [mine.codes[Number(place[1]) - 1]!] : []
    }
    return name === 'text' ? [mine.text] : []
  }
  const heading = (
    <>
      {item.commitmentId ? <span className="govuk-caption-l">{t('commitment_vote.caption')}</span> : null}
      <span lang={title.lang !== locale ? title.lang : undefined}>{title.text}</span>
    </>
  )
  const errorBlock = error ? <ErrorMessage id="vote-error">{error.text}</ErrorMessage> : null
  let field: React.ReactNode
  switch (item.type) {
    case 'single':
    case 'scale':
    case 'multiple': {
      const multiple = item.type === 'multiple'
      const name = multiple ? 'choices' : 'choice'
      const picked = chosen(name)
      field = (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy(multiple && 'vote-hint', errorId)}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
              <h2 className="govuk-fieldset__heading">{heading}</h2>
            </legend>
            {multiple ? <Hint id="vote-hint">{t('vote.choose_all')}</Hint> : null}
            {errorBlock}
            <div className={multiple ? 'govuk-checkboxes' : 'govuk-radios'} data-module={multiple ? 'govuk-checkboxes' : 'govuk-radios'} id="vote-field">
              {item.options.map((option, index) => {
                const id = index === 0 ? 'vote-field-first' : `vote-field-${index + 1}`
                const label = pick(option.label, locale)
                return (
                  <div className={multiple ? 'govuk-checkboxes__item' : 'govuk-radios__item'} key={option.code}>
                    <input
                      className={multiple ? 'govuk-checkboxes__input' : 'govuk-radios__input'}
                      id={id}
                      name={name}
                      type={multiple ? 'checkbox' : 'radio'}
                      value={option.code}
                      defaultChecked={picked.includes(option.code)}
                    />
                    <label className={`govuk-label ${multiple ? 'govuk-checkboxes__label' : 'govuk-radios__label'}`} htmlFor={id} lang={label.lang !== locale ? label.lang : undefined}>
                      {label.text}
                    </label>
                  </div>
                )
              })}
            </div>
          </fieldset>
        </FormGroup>
      )
      break
    }
    case 'ranking':
      field = (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy('vote-hint', errorId)}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
              <h2 className="govuk-fieldset__heading">{heading}</h2>
            </legend>
            <Hint id="vote-hint">{t('vote.rank_hint')}</Hint>
            {errorBlock}
            {item.options.map((_, index) => {
              const place = index + 1
              const id = index === 0 ? 'vote-field-first' : `vote-rank-${place}`
              return (
                <div className="govuk-form-group govuk-!-margin-bottom-3" key={place}>
                  <label className="govuk-label" htmlFor={id}>
                    {t('vote.place', { place })}
                  </label>
                  <select className="govuk-select" id={id} name={`rank-${place}`} defaultValue={chosen(`rank-${place}`)[0] ?? ''}>
                    <option value="">{t('vote.no_choice')}</option>
                    {item.options.map((option) => {
                      const label = pick(option.label, locale)
                      return (
                        <option key={option.code} value={option.code} lang={label.lang !== locale ? label.lang : undefined}>
                          {label.text}
                        </option>
                      )
                    })}
                  </select>
                </div>
              )
            })}
          </fieldset>
        </FormGroup>
      )
      break
    case 'text':
      field = (
        <FormGroup error={Boolean(error)}>
          <div
            className="govuk-character-count"
            data-module="govuk-character-count"
            data-maxlength={TEXT_MAX}
            data-messages={JSON.stringify({
              remainingOne: template(t, 'vote.remaining', 1, i18n.language),
              remainingOther: template(t, 'vote.remaining', 7, i18n.language),
              overOne: template(t, 'vote.over', 1, i18n.language),
              overOther: template(t, 'vote.over', 7, i18n.language),
            })}
          >
            <h2 className="govuk-label-wrapper">
              <label className="govuk-label govuk-label--l" htmlFor="vote-field-first">
                {heading}
              </label>
            </h2>
            <Hint id="vote-hint">{t('vote.text_hint')}</Hint>
            {errorBlock}
            <textarea
              className={`govuk-textarea govuk-js-character-count${error ? ' govuk-textarea--error' : ''}`}
              id="vote-field-first"
              name="text"
              rows={4}
              defaultValue={chosen('text')[0] ?? ''}
              aria-describedby={describedBy('vote-hint', 'vote-limit', errorId)}
            />
            <div id="vote-limit" className="govuk-hint govuk-character-count__message" aria-live="polite">
              {t('vote.text_limit', { max: TEXT_MAX })}
            </div>
          </div>
        </FormGroup>
      )
      break
  }
  return (
    <form method="post" action={`/events/${code}`} noValidate data-vote-form="" data-vote-endpoint={`/events/${code}/vote`}>
      <input type="hidden" name="item" value={item.id} />
      <input type="hidden" name="round" value={item.round} />
      {field}
      <div className="govuk-body hys-vote-message" data-vote-message="" role="status" />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        {item.type === 'text' ? t('vote.send_text') : mine ? t('vote.change') : t('vote.send')}
      </button>
    </form>
  )
}

import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SCALE_CODES, localise, type Question } from '../surveys/definition.ts'
import { formatIsoDate } from '../surveys/format-answer.ts'
import { formatDate, formatNumber, languageOf } from '../i18n/config.ts'
import { onlyIfNote, onlyIfText, skipInstructionText, skipInstructions } from './skip-instructions.ts'
import { paperEqualityQuestions } from './equality-page.ts'
import type { PaperContent, PaperCopy } from './paper-forms.server.ts'

// The printed form, one <article> per copy: the questions, then the equality
// questions on a page of their own. Styles in app/styles/paper.scss (A4, black
// on white). Rendered inside an i18next provider in the form's language, which
// may not be the officer's.

type Translate = (key: string, options?: Record<string, unknown>) => string

export function PaperCopies({ content, copies, largePrint }: { content: PaperContent; copies: PaperCopy[]; largePrint: boolean }) {
  const language = languageOf(content.locale)
  return (
    <div className={`paper${largePrint ? ' paper--large' : ''}`} lang={content.locale} dir={language.dir}>
      {copies.map((copy) => (
        <article className="paper-copy" key={copy.formNumber} data-form-number={copy.formNumber}>
          <QuestionsSheet content={content} copy={copy} largePrint={largePrint} />
          <EqualitySheet content={content} copy={copy} />
        </article>
      ))}
    </div>
  )
}

function FormId({ copy }: { copy: PaperCopy }) {
  const { t } = useTranslation('paper')
  return (
    <div className="paper-id">
      <img className="paper-qr" src={copy.qr} alt={t('form.qr_alt', { number: copy.formNumber })} width={96} height={96} />
      <p className="paper-id__label">{t('form.form_number')}</p>
      <p className="paper-id__number paper-ltr">{copy.formNumber}</p>
    </div>
  )
}

function SheetHeader({ copy, title, titleLang }: { copy: PaperCopy; title: string; titleLang: string }) {
  const { t } = useTranslation('paper')
  return (
    <header className="paper-sheet__header">
      <div>
        <p className="paper-service">
          {t('common:service_name')} – {t('common:partnership')}
        </p>
        <h2 className="paper-title" lang={titleLang} dir={languageOf(titleLang).dir}>
          {title}
        </h2>
      </div>
      <FormId copy={copy} />
    </header>
  )
}

function QuestionsSheet({ content, copy, largePrint }: { content: PaperContent; copy: PaperCopy; largePrint: boolean }) {
  const { t } = useTranslation('paper')
  const { definition } = content
  return (
    <section className="paper-sheet">
      <SheetHeader copy={copy} title={content.title} titleLang={content.titleLocale} />
      {content.summary ? (
        <p className="paper-summary" lang={content.titleLocale} dir={languageOf(content.titleLocale).dir}>
          {content.summary}
        </p>
      ) : null}
      <p className="paper-strong">{t('form.return_by', { date: formatDate(content.closesAt, content.locale) })}</p>
      <div className="paper-howto">
        <h3 className="paper-howto__title">{t('form.how_title')}</h3>
        <ul>
          <li>{t('form.how_pen')}</li>
          <li>
            {t('form.how_tick')} <span className="paper-box paper-box--example" aria-hidden="true">✓</span>
          </li>
          <li>{t('form.how_mistake')}</li>
          <li>{t('form.how_skip', { optional: t('survey:optional') })}</li>
        </ul>
      </div>
      <ol className="paper-questions">
        {definition.questions.map((question, index) => (
          <PaperQuestion key={question.key} question={question} n={index + 1} content={content} largePrint={largePrint} />
        ))}
      </ol>
      <div className="paper-end">
        <h3 className="paper-end__title">{t('form.end_title')}</h3>
        <p>{t('form.end_body')}</p>
        <p>{t('form.equality_next')}</p>
      </div>
    </section>
  )
}

/** The words for an answer code of a question, in the form's languages. */
function answerLabeller(question: Question, content: PaperContent, t: Translate) {
  return (code: string): string => {
    if ('options' in question) return localise(question.options.find((o) => o.code === code)?.label, content.contentLocale) || code
    if (question.type === 'scale') return t(`survey:scale.${code}`)
    if (question.type === 'ward') return content.wards.find((w) => w.code === code)?.name ?? code
    if (question.type === 'number') return formatNumber(Number(code), content.locale)
    return code
  }
}

function PaperQuestion({ question, n, content, largePrint }: { question: Question; n: number; content: PaperContent; largePrint: boolean }) {
  const { t } = useTranslation('paper')
  const { definition, contentLocale, locale } = content
  const contentDir = languageOf(contentLocale).dir
  const text = (value: string) => (
    <span lang={contentLocale} dir={contentDir}>
      {value}
    </span>
  )
  const hint = question.hint ? localise(question.hint, contentLocale) : ''
  const note = onlyIfNote(definition, question.key)
  const source = note ? definition.questions[note.n - 1]! : null
  const skips = skipInstructions(definition, question.key, { wardCodes: content.wards.map((w) => w.code) })
  const label = answerLabeller(question, content, t)
  return (
    <li className="paper-question" id={`paper-q-${n}`}>
      <h3 className="paper-question__title">
        <span className="paper-question__number">{formatNumber(n, locale)}</span>
        <span>
          {text(localise(question.title, contentLocale))}
          {question.required ? null : ` ${t('survey:optional')}`}
        </span>
      </h3>
      {note && source ? <p className="paper-only-if">{onlyIfText(t, locale, note, answerLabeller(source, content, t))}</p> : null}
      {hint ? <p className="paper-hint">{text(hint)}</p> : null}
      <Answers question={question} content={content} text={text} largePrint={largePrint} />
      {skips.map((skip, i) => (
        <p className="paper-skip" key={i}>
          {skipInstructionText(t, locale, skip, label)}
        </p>
      ))}
    </li>
  )
}

function Box({ write }: { write?: boolean }) {
  return <span className={`paper-box${write ? ' paper-box--write' : ''}`} aria-hidden="true" />
}

function Choices({ items, columns, write }: { items: { key: string; label: ReactNode; or?: string }[]; columns?: boolean; write?: boolean }) {
  return (
    <ul className={`paper-choices${columns ? ' paper-choices--columns' : ''}`}>
      {items.map((item) => (
        <li key={item.key} className="paper-choice-item">
          {item.or ? <span className="paper-or">{item.or}</span> : null}
          <span className="paper-choice">
            <Box write={write} />
            <span>{item.label}</span>
          </span>
        </li>
      ))}
    </ul>
  )
}

function Lines({ count }: { count: number }) {
  return (
    <div className="paper-write" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div className="paper-write__line" key={i} />
      ))}
    </div>
  )
}

function Digits({ count }: { count: number }) {
  return (
    <span className="paper-digits" aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <span className="paper-box paper-box--digit" key={i} />
      ))}
    </span>
  )
}

/** Ruled lines for a free-text answer: about 70 characters a line, 3 to 12 lines. */
export function lineCount(maxLength: number) {
  return Math.min(12, Math.max(3, Math.ceil(maxLength / 70)))
}

function Answers({ question, content, text, largePrint }: { question: Question; content: PaperContent; text: (value: string) => ReactNode; largePrint: boolean }) {
  const { t } = useTranslation('paper')
  const { contentLocale, locale } = content
  const instruction = (words: string) => <p className="paper-instruction">{words}</p>
  switch (question.type) {
    case 'single':
      return (
        <>
          {instruction(t('form.tick_one'))}
          <Choices items={question.options.map((o) => ({ key: o.code, label: text(localise(o.label, contentLocale)) }))} />
        </>
      )
    case 'scale':
      return (
        <>
          {instruction(t('form.tick_one'))}
          <Choices items={SCALE_CODES.map((code) => ({ key: code, label: t(`survey:scale.${code}`) }))} />
        </>
      )
    case 'multiple':
      return (
        <>
          {instruction(question.maxChoices ? t('form.tick_up_to', { max: question.maxChoices }) : t('form.tick_all'))}
          <Choices
            items={question.options.map((o) => ({ key: o.code, label: text(localise(o.label, contentLocale)), or: o.exclusive ? t('survey:or') : undefined }))}
          />
        </>
      )
    case 'ward':
      return (
        <>
          {instruction(t('form.tick_one'))}
          <p className="paper-hint">{t('survey:ward.find_hint')}</p>
          <Choices columns items={content.wards.map((w) => ({ key: w.code, label: <span lang="en">{w.name}</span> }))} />
        </>
      )
    case 'ranking':
      return (
        <>
          {instruction(t('form.ranking', { max: question.maxRank }))}
          <Choices write items={question.options.map((o) => ({ key: o.code, label: text(localise(o.label, contentLocale)) }))} />
        </>
      )
    case 'text':
      return (
        <>
          {instruction(t('form.text_limit', { max: question.maxLength }))}
          <Lines count={lineCount(question.maxLength)} />
        </>
      )
    case 'number': {
      const digits = Math.max(String(Math.abs(question.min)).length, String(Math.abs(question.max)).length) + (question.min < 0 ? 1 : 0)
      return (
        <>
          {instruction(t('form.number', { min: question.min, max: question.max }))}
          <Digits count={digits} />
        </>
      )
    }
    case 'date': {
      const range =
        question.earliest && question.latest
          ? t('survey:date.range_between', { earliest: formatIsoDate(question.earliest, locale), latest: formatIsoDate(question.latest, locale) })
          : question.earliest
            ? t('survey:date.range_from', { earliest: formatIsoDate(question.earliest, locale) })
            : question.latest
              ? t('survey:date.range_to', { latest: formatIsoDate(question.latest, locale) })
              : ''
      return (
        <>
          {instruction(t('form.date'))}
          {range ? <p className="paper-hint">{range}</p> : null}
          <div className="paper-date">
            {(
              [
                ['day', 2],
                ['month', 2],
                ['year', 4],
              ] as const
            ).map(([part, count]) => (
              <div className="paper-date__part" key={part}>
                <span className="paper-date__label">{t(`survey:date.${part}`)}</span>
                <Digits count={count} />
              </div>
            ))}
          </div>
        </>
      )
    }
    case 'grid':
      // Large print has no room for six columns: each statement lists the scale instead.
      return largePrint ? (
        <>
          {instruction(t('form.tick_one_per_row'))}
          {question.statements.map((statement) => (
            <div className="paper-grid-statement" key={statement.code}>
              <p className="paper-strong">{text(localise(statement.label, contentLocale))}</p>
              <Choices items={SCALE_CODES.map((code) => ({ key: code, label: t(`survey:scale.${code}`) }))} />
            </div>
          ))}
        </>
      ) : (
        <>
          {instruction(t('form.tick_one_per_row'))}
          <table className="paper-grid">
            <thead>
              <tr>
                <td />
                {SCALE_CODES.map((code) => (
                  <th scope="col" key={code}>
                    {t(`survey:scale.${code}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {question.statements.map((statement) => (
                <tr key={statement.code}>
                  <th scope="row">{text(localise(statement.label, contentLocale))}</th>
                  {SCALE_CODES.map((code) => (
                    <td key={code}>
                      <Box />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )
  }
}

function EqualitySheet({ content, copy }: { content: PaperContent; copy: PaperCopy }) {
  const { t } = useTranslation('paper')
  const { locale } = content
  const questions = paperEqualityQuestions()
  const quote = (code: string, key: string) => t(`equality:questions.${key}.options.${code}`)
  return (
    <section className="paper-sheet paper-equality">
      <SheetHeader copy={copy} title={t('equality.title')} titleLang={locale} />
      <p className="paper-strong">{t('equality.optional', { prefer: t('paper:quote', { text: t('equality:questions.sex.options.prefer_not_to_say') }) })}</p>
      <p>{t('equality.kept_apart')}</p>
      <p>{t('equality.matched')}</p>
      <ol className="paper-questions">
        {questions.map((question, index) => {
          return (
            <li className="paper-question" key={question.key}>
              <h3 className="paper-question__title">
                <span className="paper-question__number">{formatNumber(index + 1, locale)}</span>
                <span>{t(`equality:${question.titleKey}`)}</span>
              </h3>
              {question.aged16Plus ? <p className="paper-only-if">{t('equality.aged_16_plus')}</p> : null}
              {question.onlyIf ? (
                <p className="paper-only-if">
                  {onlyIfText(t, locale, { operator: 'equals', n: question.onlyIf.n, value: question.onlyIf.value }, (code) => quote(code, question.onlyIf!.key))}
                </p>
              ) : null}
              {question.hintKey ? <p className="paper-hint">{t(`equality:${question.hintKey}`)}</p> : null}
              <p className="paper-instruction">{t('form.tick_one')}</p>
              {question.groups.map((group) => (
                <div key={group.key ?? 'options'}>
                  {group.key ? <p className="paper-equality__group">{t(`equality:questions.ethnic_group_broad.options.${group.key}`)}</p> : null}
                  <ul className="paper-choices">
                    {group.options.map((option) => (
                      <li key={option.code} className="paper-choice-item">
                        <span className="paper-choice">
                          <Box />
                          <span>{quote(option.code, question.key)}</span>
                        </span>
                        {option.writeIn ? (
                          <span className="paper-describe">
                            <span>{t('equality:describe')}</span>
                            <span className="paper-describe__line" aria-hidden="true" />
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
              {question.skip ? (
                <p className="paper-skip">
                  {skipInstructionText(t, locale, { kind: 'answered', values: question.skip.values, goTo: question.skip.goTo }, (code) => quote(code, question.key))}
                </p>
              ) : null}
            </li>
          )
        })}
      </ol>
      <div className="paper-end">
        <p>{t('equality.thanks')}</p>
      </div>
    </section>
  )
}

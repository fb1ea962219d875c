import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ItemResults, JoinCode, LiveRoot, QrCode, QuestionQueue, TotalLine, countTemplates, liveMessages, type CountTemplates, type EventView, type ItemView } from '~/features/events/components.tsx'
import { eventsT, loadPublicEvent, publicOrigin } from '~/features/events/context.server.ts'
import { getItem } from '~/features/events/events.server.ts'
import type { LiveQuestion, LiveItem } from '~/features/events/live-types.ts'
import { qrSvg } from '~/features/events/qr.server.ts'
import { loadSnapshots } from '~/features/events/snapshot.server.ts'
import { inEveryLanguage, pick } from '~/features/events/text.ts'
import { eventView, itemView } from '~/features/events/views.server.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// The projector: large type readable from the back of a hall, every text in
// each of the event's languages, results updating live through Server-Sent
// Events (public/events-live.js). Public, like what the room sees: results
// only once the presenter reveals them, open text only once moderated.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

type Phrase = { lang: string; text: string }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadPublicEvent(params.code)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const languages = ['en', ...event.locales.filter((l) => l !== 'en')]
  const fixed = await Promise.all(languages.map(async (lang) => ({ lang, t: await eventsT(lang) })))
  const origin = publicOrigin(request)
  const joinUrl = `${origin}/join/${event.code}`
  const every = (key: string, options: Record<string, unknown> = {}): Phrase[] => {
    const out: Phrase[] = []
    for (const { lang, t: tl } of fixed) {
      const text = tl(key, options) as string
      if (!out.some((o) => o.text === text)) out.push({ lang, text })
    }
    return out
  }
  const item = event.currentItemId ? await getItem(db, event.id, event.currentItemId) : null
  const snapshots = await loadSnapshots(db, event.id)
  // Counts and shares in each of the event's languages, as the item's text is.
  const counts = fixed.map(({ lang, t: tl }) => countTemplates(tl, lang))
  return Response.json(
    {
      pageTitle: t('screen.title', { title: pick(event.title, locale).text }),
      locale,
      languages,
      event: eventView(event),
      item: item ? itemView(item) : null,
      live: snapshots?.views.screen.item ?? null,
      questions: snapshots?.views.screen.questions ?? null,
      messages: liveMessages(t, locale, counts),
      counts,
      qr: await qrSvg(joinUrl),
      joinHost: `${origin.replace(/^https?:\/\//, '')}/join`,
      phrases: {
        join: every('screen.join'),
        room: every('room.screen_note'),
        waiting: every(event.status === 'ended' ? 'screen.ended' : 'screen.waiting'),
        open: every('screen.open'),
        closed: every('screen.closed'),
        notOpen: every('screen.not_open'),
        commitment: every('commitment_vote.caption'),
        queue: every('screen.queue'),
      },
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

type LoaderData = {
  locale: string
  languages: string[]
  event: EventView
  item: ItemView | null
  live: LiveItem | null
  questions: LiveQuestion[] | null
  messages: string
  counts: CountTemplates[]
  qr: string
  joinHost: string
  phrases: Record<'join' | 'room' | 'waiting' | 'open' | 'closed' | 'notOpen' | 'commitment' | 'queue', Phrase[]>
}

function Phrases({ phrases, className }: { phrases: Phrase[]; className?: string }) {
  return (
    <span className={className}>
      {phrases.map((p, i) => (
        <span key={p.lang} lang={p.lang} dir={languageOf(p.lang).dir} className={i ? 'hys-alt-language' : undefined}>
          {p.text}
        </span>
      ))}
    </span>
  )
}

export default function ScreenRoute() {
  const data = useLoaderData<typeof loader>() as unknown as LoaderData
  const { t } = useTranslation('events')
  const { event, item, locale } = data
  const titles = inEveryLanguage(event.title, data.languages)
  return (
    <div className="hys-screen">
      <LiveRoot code={event.code} view="screen" item={item} status={event.status} messages={data.messages}>
        <div className="hys-screen__top">
          <div>
            <p className="hys-screen__event">
              {titles.map((title, i) => (
                <span key={title.lang} lang={title.lang} dir={languageOf(title.lang).dir} className={i ? 'hys-alt-language' : undefined}>
                  {title.text}
                </span>
              ))}
            </p>
            {event.isSynthetic ? <strong className="govuk-tag govuk-tag--yellow">{t('summary.synthetic')}</strong> : null}
          </div>
          <div className="hys-screen__join">
            <p className="hys-screen__join-text">
              <Phrases phrases={data.phrases.join} />
              <strong className="hys-screen__join-url hys-ltr">{data.joinHost}</strong>
            </p>
            <JoinCode code={event.code} />
            <QrCode svg={data.qr} label={t('screen.qr_label', { url: data.joinHost, code: event.code })} />
          </div>
        </div>
        <div className="hys-screen__main">
          {item ? (
            <>
              {item.commitmentId ? <Phrases phrases={data.phrases.commitment} className="hys-screen__caption" /> : null}
              <h1 className="hys-screen__title">
                {inEveryLanguage(item.title, data.languages).map((title, i) => (
                  <span key={title.lang} lang={title.lang} dir={languageOf(title.lang).dir} className={i ? 'hys-alt-language' : undefined}>
                    {title.text}
                  </span>
                ))}
              </h1>
              <p className="hys-screen__state">
                <Phrases phrases={item.state === 'open' ? data.phrases.open : item.state === 'closed' ? data.phrases.closed : data.phrases.notOpen} />
              </p>
              <TotalLine total={data.live?.total ?? 0} type={item.type} locale={locale} languages={data.counts} />
              <ItemResults item={item} live={data.live} locale={locale} languages={data.languages} counts={data.counts} answers />
            </>
          ) : data.questions ? (
            <>
              <h1 className="hys-screen__title">
                <Phrases phrases={data.phrases.queue} />
              </h1>
              <QuestionQueue questions={data.questions} />
            </>
          ) : (
            <h1 className="hys-screen__title">
              <Phrases phrases={data.phrases.waiting} />
            </h1>
          )}
        </div>
        <div className="hys-screen__footer">
          <Phrases phrases={data.phrases.room} />
        </div>
      </LiveRoot>
      <script src="/events-live.js" defer />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

import type { DB } from '../../db/connection.ts'
import { createEvent, getEvent, type EventRecord } from '~/features/events/events.server.ts'
import type { EventFormValues } from '~/features/events/event-form.ts'

/** An officer's event form, filled in: a poll on 1 March 2027 with no questions window, changed where a test needs. */
export function eventFormValues(over: Partial<EventFormValues> = {}): EventFormValues {
  return {
    kind: 'poll',
    title: { en: 'Test poll' },
    startsAt: Date.UTC(2027, 2, 1, 18, 30),
    venue: 'Test hall',
    locales: ['en', 'bn'],
    ctaCodes: ['CTA3'],
    questionsOpenAt: null,
    questionsCloseAt: null,
    theme: null,
    ...over,
  }
}

/** Creates the event (as user "test") and reads it back. */
export async function createTestEvent(db: DB, values: EventFormValues): Promise<EventRecord> {
  const { id } = await createEvent(db, values, 'test')
  return (await getEvent(db, id))!
}

import type { EventView, ItemView } from './components.tsx'
import type { EventRecord, ItemRecord } from './events.server.ts'

// What a page needs of an event and an item (loader data).
export function eventView(event: EventRecord): EventView {
  return {
    code: event.code,
    kind: event.kind,
    title: event.title,
    startsAt: event.startsAt,
    venue: event.venue,
    locales: event.locales,
    status: event.status,
    isSynthetic: event.isSynthetic,
  }
}

export function itemView(item: ItemRecord): ItemView {
  return {
    id: item.id,
    type: item.type,
    title: item.title,
    options: item.options,
    state: item.state,
    round: item.round,
    resultsVisible: item.resultsVisible,
    commitmentId: item.commitmentId,
  }
}

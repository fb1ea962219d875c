import { useTranslation } from 'react-i18next'

// The filters: a GET form (works without JavaScript; the address can be
// bookmarked or shared with a colleague who has the same access).

export interface FilterOption {
  value: string
  label: string
  lang?: string
}

export interface FilterData {
  action: string
  methods: FilterOption[]
  languages: FilterOption[]
  wards: FilterOption[]
  /** equality groups by dimension; empty for a reader who may not see equality data */
  groups: { label: string; options: FilterOption[] }[]
  selected: { method?: string; language?: string; ward?: string; group?: string }
  canUnsuppress: boolean
  suppress: boolean
  /** other parameters to keep (cross-tab choices) */
  keep: Record<string, string>
}

/** The filter form's choices as query parameters, for another form on the page to carry along (as hidden inputs). */
export function keptFilterParams(selected: FilterData['selected'], suppress: boolean): Record<string, string> {
  const keep: Record<string, string> = {}
  if (selected.method) keep.method = selected.method
  if (selected.language) keep.language = selected.language
  if (selected.ward) keep.ward = selected.ward
  if (selected.group) keep.group = selected.group
  if (!suppress) keep.suppression = 'off'
  return keep
}

function Select({ id, label, options, selected, all }: { id: string; label: string; options: FilterOption[]; selected?: string; all: string }) {
  return (
    <div className="govuk-form-group hys-filter">
      <label className="govuk-label" htmlFor={`filter-${id}`}>
        {label}
      </label>
      <select className="govuk-select" id={`filter-${id}`} name={id} defaultValue={selected ?? ''}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} lang={o.lang}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function FiltersForm({ data }: { data: FilterData }) {
  const { t } = useTranslation('analysis')
  return (
    <form method="get" action={data.action} className="hys-filters" aria-labelledby="filters-heading">
      <h2 className="govuk-heading-m" id="filters-heading">
        {t('filters.title')}
      </h2>
      <div className="hys-filters__fields">
        <Select id="method" label={t('filters.method')} options={data.methods} selected={data.selected.method} all={t('filters.all')} />
        <Select id="language" label={t('filters.language')} options={data.languages} selected={data.selected.language} all={t('filters.all')} />
        <Select id="ward" label={t('filters.ward')} options={data.wards} selected={data.selected.ward} all={t('filters.all')} />
        {data.groups.length ? (
          <div className="govuk-form-group hys-filter">
            <label className="govuk-label" htmlFor="filter-group">
              {t('filters.group')}
            </label>
            <select className="govuk-select" id="filter-group" name="group" defaultValue={data.selected.group ?? ''}>
              <option value="">{t('filters.all')}</option>
              {data.groups.map((g) => (
                <optgroup key={g.label} label={g.label}>
                  {g.options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      {Object.entries(data.keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {data.canUnsuppress ? (
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id="filter-suppression" name="suppression" type="checkbox" value="off" defaultChecked={!data.suppress} aria-describedby="filter-suppression-hint" />
              <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-suppression">
                {t('filters.unsuppress')}
              </label>
              <div id="filter-suppression-hint" className="govuk-hint govuk-checkboxes__hint">
                {t('filters.unsuppress_hint')}
              </div>
            </div>
          </div>
        </div>
      ) : null}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('filters.apply')}
        </button>
        <a className="govuk-link" href={data.action}>
          {t('filters.clear')}
        </a>
      </div>
    </form>
  )
}

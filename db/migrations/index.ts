import type { Migration } from 'kysely'
import * as m0001 from './0001-create-framework.ts'
import * as m0002 from './0002-create-consultations.ts'
import * as m0003 from './0003-create-responses.ts'
import * as m0004 from './0004-data-protection.ts'
import * as m0005 from './0005-create-users.ts'
import * as m0006 from './0006-archive-consultations.ts'
import * as m0007 from './0007-survey-builder.ts'
import * as m0008 from './0008-import-batches.ts'
import * as m0009 from './0009-paper-forms.ts'
import * as m0010 from './0010-assisted-entry.ts'
import * as m0011 from './0011-events.ts'
import * as m0012 from './0012-themes.ts'
import * as m0013 from './0013-findings.ts'
import * as m0014 from './0014-congress-table-links.ts'
import * as m0015 from './0015-quote-protection-and-weighting.ts'
import * as m0016 from './0016-analysis-snapshots.ts'

// Listed by hand (not read from the folder) so the migrations travel inside the
// server bundle and run on start. Append only; never edit a landed migration.
export const migrations: Record<string, Migration> = {
  '0001-create-framework': m0001,
  '0002-create-consultations': m0002,
  '0003-create-responses': m0003,
  '0004-data-protection': m0004,
  '0005-create-users': m0005,
  '0006-archive-consultations': m0006,
  '0007-survey-builder': m0007,
  '0008-import-batches': m0008,
  '0009-paper-forms': m0009,
  '0010-assisted-entry': m0010,
  '0011-events': m0011,
  '0012-themes': m0012,
  '0013-findings': m0013,
  '0014-congress-table-links': m0014,
  '0015-quote-protection-and-weighting': m0015,
  '0016-analysis-snapshots': m0016,
}

// Tokenising free text in English and Bengali for theme suggestions and
// keyword matching.

// Bengali text is stored in more than one Unicode form (য় as one code point or
// as য + nukta); NFC makes the two spellings of a word the same token.
// Zero-width (non-)joiners only change how a conjunct is drawn.
const JOINERS = /[\u200c\u200d]/g
const APOSTROPHES = /['\u2018\u2019`]/g
const WORD = /[\p{L}\p{M}\p{N}]+/gu
const NUMBER = /^\p{N}+$/u

/** NFC, lower case, no zero-width joiners and no apostrophes (so "don't" and "dont" are one word). */
export function normaliseText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(JOINERS, '').replace(APOSTROPHES, '')
}

const ENGLISH = `a about above after again against all also am an and any are arent as at be because been before being below
between both but by can cannot cant could couldnt did didnt do does doesnt doing dont down during each etc even ever every few
for from further get gets got had hadnt has hasnt have havent having he hed hes her here heres hers herself him himself his how
i id ill im ive if in into is isnt it its itself just lets me more most much must mustnt my myself no nor not of off on once
only or other ought our ours ourselves out over own per quite rather same shall shant she shes should shouldnt so some such than
that thats the their theirs them themselves then there theres these they theyd theyll theyre theyve this those though through
thus to too under until up upon us very via was wasnt we wed were werent weve what whats when where wheres whether which while
who whos whom whose why will with within without wont would wouldnt yet you youd youll youre youve your yours yourself yourselves`

// A short list of Bengali function words: conjunctions, pronouns, postpositions,
// the copula and common auxiliaries. Kept short on purpose: content words must
// never be dropped.
const BENGALI = `এবং ও আর কিন্তু বা অথবা যে যা যদি তবে তাই তো এই এটা এটি ওই ওটা সেই সে তা তার তাদের তারা তিনি তাঁর তাঁরা
আমি আমার আমরা আমাদের আপনি আপনার আপনারা আপনাদের তুমি তোমার তোমরা হয় হয়ে হবে হয়েছে ছিল ছিলো আছে আছেন করে করা করতে করি
করেন জন্য থেকে দিয়ে সাথে সঙ্গে মধ্যে উপর কি কী কোন কোনো না নয় একটা একটি এক খুব অনেক সব সবাই কিছু এখন আরও যেমন হলে হল হলো বলে`

const wordSet = (words: string) => new Set(words.split(/\s+/).filter(Boolean).map(normaliseText))
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = wordSet(ENGLISH)
export const BENGALI_STOP_WORDS: ReadonlySet<string> = wordSet(BENGALI)

export interface TokeniseOptions {
  /** drop English and Bengali stop words (default true) */
  removeStopWords?: boolean
  /** drop tokens shorter than this many UTF-16 units (default 2) */
  minLength?: number
  /** keep tokens made only of digits (default false) */
  keepNumbers?: boolean
}

/** Words of a text: letters with their combining marks (Bengali vowel signs, virama) and digits; punctuation, including the Bengali danda, splits words. */
export function tokenise(text: string, options: TokeniseOptions = {}): string[] {
  const removeStopWords = options.removeStopWords ?? true
  const minLength = options.minLength ?? 2
  const keepNumbers = options.keepNumbers ?? false
  const words = normaliseText(text).match(WORD) ?? []
  return words.filter(
    (w) => w.length >= minLength && (keepNumbers || !NUMBER.test(w)) && !(removeStopWords && (ENGLISH_STOP_WORDS.has(w) || BENGALI_STOP_WORDS.has(w))),
  )
}

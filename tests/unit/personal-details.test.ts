import { describe, expect, it } from 'vitest'
import { asciiDigits, findPersonalDetails, redactPersonalDetails } from '~/features/coding/personal-details.ts'

describe('personal details in free text', () => {
  it('finds emails, phone numbers and postcodes', () => {
    const text = 'Email me at rahima.begum@example.co.uk or ring 07700 900123, I live in E1 6AN.'
    expect(findPersonalDetails(text).map((d) => [d.kind, d.text])).toEqual([
      ['email', 'rahima.begum@example.co.uk'],
      ['phone', '07700 900123'],
      ['postcode', 'E1 6AN'],
    ])
  })

  it('finds +44 numbers, outward postcodes and street addresses', () => {
    const found = findPersonalDetails('Call +44 20 7946 0958. I am at 12 Cable Street near E14.')
    expect(found.map((d) => d.kind)).toEqual(['phone', 'address', 'postcode'])
    expect(found[1].text).toBe('12 Cable Street')
  })

  it('finds names after a phrase or a title, in English and Bengali', () => {
    expect(findPersonalDetails('My name is Abdul Karim and the bins are never emptied').map((d) => d.text)).toEqual(['Abdul Karim'])
    expect(findPersonalDetails('Cllr Smith promised a crossing').map((d) => d.text)).toEqual(['Smith'])
    expect(findPersonalDetails('আমার নাম রহিমা বেগম, রাস্তায় আলো নেই').map((d) => d.text)).toEqual(['রহিমা বেগম'])
  })

  it('finds phone numbers written in Bengali (and Urdu) digits, keeping the original text', () => {
    const found = findPersonalDetails('আমাকে ফোন করুন ০৭৯১১ ১২৩৪৫৬ নম্বরে')
    expect(found.map((d) => [d.kind, d.text])).toEqual([['phone', '০৭৯১১ ১২৩৪৫৬']])
    expect(redactPersonalDetails('ফোন: +৪৪ ২০ ৭৩৬৪ ৫০০০, ধন্যবাদ').text).toBe('ফোন: [phone number removed], ধন্যবাদ')
    expect(findPersonalDetails('فون ۰۷۹۱۱۱۲۳۴۵۶ پر').map((d) => d.kind)).toEqual(['phone'])
    expect(asciiDigits('০১২৩৪৫৬৭৮৯ ٠١٢ ۷۸۹')).toBe('0123456789 012 789')
    // Small Bengali numbers are not phone numbers.
    expect(findPersonalDetails('সপ্তাহে ২ বা ৩ দিন')).toEqual([])
  })

  it('leaves ordinary comments alone', () => {
    expect(findPersonalDetails('More youth clubs in Poplar and cleaner parks please, 2 or 3 evenings a week')).toEqual([])
    expect(findPersonalDetails('')).toEqual([])
  })

  it('redacts with a mark saying what was removed', () => {
    const { text, redactions } = redactPersonalDetails('Contact jo@example.org about 5 Brick Lane, E1 6QL')
    expect(text).toBe('Contact [email removed] about [address removed], [postcode removed]')
    expect(redactions).toHaveLength(3)
  })
})

// Progressive enhancement for pages that work without JavaScript. Small on
// purpose: resident pages load no framework. Everything here is optional.
;(function () {
  'use strict'
  // Focus the error summary so screen readers announce it (GOV.UK pattern).
  var summary = document.querySelector('.govuk-error-summary')
  if (summary && document.activeElement !== summary) summary.focus()

  // Links in the error summary move focus to the field, not just scroll.
  document.querySelectorAll('.govuk-error-summary a[href^="#"]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var target = document.getElementById(link.getAttribute('href').slice(1))
      if (!target) return
      event.preventDefault()
      target.scrollIntoView()
      target.focus()
    })
  })

  var INTL = { en: 'en-GB', bn: 'bn-BD', so: 'so-SO', ur: 'ur-PK' }
  var numberFormat = new Intl.NumberFormat(INTL[document.documentElement.lang] || 'en-GB')

  // Live character count for free-text answers.
  document.querySelectorAll('[data-module="govuk-character-count"]').forEach(function (wrapper) {
    var max = Number(wrapper.getAttribute('data-maxlength'))
    var textarea = wrapper.querySelector('textarea')
    var message = wrapper.querySelector('.govuk-character-count__message')
    if (!max || !textarea || !message) return
    var templates = JSON.parse(wrapper.getAttribute('data-messages') || '{}')
    function update() {
      var remaining = max - Array.from(textarea.value).length
      var key = remaining >= 0 ? (remaining === 1 ? 'remainingOne' : 'remainingOther') : remaining === -1 ? 'overOne' : 'overOther'
      if (templates[key]) message.textContent = templates[key].replace('{{count}}', numberFormat.format(Math.abs(remaining)))
      message.classList.toggle('govuk-error-message', remaining < 0)
      message.classList.toggle('govuk-hint', remaining >= 0)
    }
    textarea.addEventListener('input', update)
    update()
  })

  // "None of these": choosing it clears the other boxes, and the other way round.
  document.querySelectorAll('.govuk-checkboxes').forEach(function (group) {
    var boxes = Array.prototype.slice.call(group.querySelectorAll('input[type="checkbox"]'))
    boxes.forEach(function (box) {
      box.addEventListener('change', function () {
        if (!box.checked) return
        var exclusive = box.getAttribute('data-behaviour') === 'exclusive'
        boxes.forEach(function (other) {
          if (other === box) return
          var otherExclusive = other.getAttribute('data-behaviour') === 'exclusive'
          if (exclusive || otherExclusive) other.checked = false
        })
      })
    })
  })

  // Stop a double tap sending a form twice (the server copes anyway).
  document.querySelectorAll('form[method="post"]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var sent = form.getAttribute('data-sent')
      if (sent && Date.now() - Number(sent) < 3000) return event.preventDefault()
      form.setAttribute('data-sent', String(Date.now()))
    })
  })
})()

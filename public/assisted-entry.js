// Assisted entry (staff): optional help for keyboard users on the one-page form.
// The form works without it; the server validates and applies skip logic anyway.
//  - Typing an option's number (1 to 9) while in a list of answers chooses it
//    (a checkbox is ticked or unticked); Tab and the arrow keys work as usual.
//  - Questions that skip logic hides are collapsed as the answers change, with
//    the reason shown; their answers are not saved.
;(function () {
  'use strict'
  var form = document.querySelector('form[data-assisted-entry]')
  if (!form) return

  document.querySelectorAll('[data-js-only]').forEach(function (el) {
    el.hidden = false
  })

  // ---------- Number keys choose an option ----------
  form.addEventListener('keydown', function (event) {
    var target = event.target
    if (!target || target.tagName !== 'INPUT' || (target.type !== 'radio' && target.type !== 'checkbox')) return
    if (event.ctrlKey || event.metaKey || event.altKey) return
    var digit = /^[1-9]$/.test(event.key) ? Number(event.key) : 0
    if (!digit) return
    var group = target.closest('[data-number-keys]')
    if (!group) return
    var inputs = group.querySelectorAll('input[type="radio"], input[type="checkbox"]')
    var chosen = inputs[digit - 1]
    if (!chosen) return
    event.preventDefault()
    if (chosen.type === 'radio') chosen.checked = true
    else chosen.checked = !chosen.checked
    chosen.focus()
    chosen.dispatchEvent(new Event('change', { bubbles: true }))
  })

  // ---------- Skip logic, live ----------
  var questions = Array.prototype.slice.call(form.querySelectorAll('[data-question]'))
  var prefix = function (key) {
    return 'q-' + key + '-'
  }
  var named = function (name) {
    return Array.prototype.slice.call(form.elements).filter(function (el) {
      return el.name === name
    })
  }

  // What the question's fields hold now, shaped as the server's answers are.
  function valueOf(question) {
    var key = question.getAttribute('data-question')
    var type = question.getAttribute('data-type')
    var p = prefix(key)
    var checked = function (name) {
      return named(name)
        .filter(function (el) {
          return el.checked
        })
        .map(function (el) {
          return el.value
        })
    }
    switch (type) {
      case 'single':
      case 'scale':
        return checked(p + 'answer')[0]
      case 'multiple':
        var list = checked(p + 'answer')
        return list.length ? list : undefined
      case 'ward':
      case 'text': {
        var field = named(p + 'answer')[0]
        var text = field ? field.value.trim() : ''
        return text || undefined
      }
      case 'number': {
        var input = named(p + 'answer')[0]
        var raw = input ? input.value.replace(/[,\s]/g, '') : ''
        return /^-?\d{1,12}$/.test(raw) ? String(Number(raw)) : raw || undefined
      }
      case 'ranking': {
        var picks = []
        for (var i = 1; i <= 5; i++) {
          var select = named(p + 'rank-' + i)[0]
          if (select && select.value) picks.push(select.value)
        }
        return picks.length ? picks : undefined
      }
      case 'grid':
        return question.querySelector('input[type="radio"]:checked') ? { rated: true } : undefined
      case 'date': {
        var parts = ['day', 'month', 'year'].map(function (part) {
          var el = named(p + 'answer-' + part)[0]
          return el ? el.value.trim() : ''
        })
        return parts.some(Boolean) ? parts.join('-') : undefined
      }
    }
    return undefined
  }

  function answered(value) {
    if (value === undefined) return false
    if (Array.isArray(value)) return value.length > 0
    return true
  }

  function matches(condition, value) {
    var single = typeof value === 'string'
    switch (condition.operator) {
      case 'answered':
        return answered(value)
      case 'equals':
        return single && value === condition.value
      case 'not_equals':
        return single && value !== condition.value
      case 'includes':
        return Array.isArray(value) ? value.indexOf(condition.value) >= 0 : single && value === condition.value
    }
    return true
  }

  // One pass in order, as on the server: a hidden question's answer never counts.
  function update() {
    var effective = {}
    questions.forEach(function (question) {
      var key = question.getAttribute('data-question')
      var rule = question.getAttribute('data-show-if')
      var shown = true
      if (rule) {
        try {
          var condition = JSON.parse(rule)
          shown = matches(condition, effective[condition.question])
        } catch (e) {
          shown = true
        }
      }
      var fields = question.querySelectorAll('[data-fields], .govuk-hint, .govuk-error-message, .hys-condition')
      fields.forEach(function (el) {
        el.hidden = !shown
      })
      var note = question.querySelector('[data-not-asked]')
      if (note) note.hidden = shown
      question.classList.toggle('hys-not-asked-question', !shown)
      if (shown) {
        var value = valueOf(question)
        if (value !== undefined) effective[key] = value
      }
    })
  }

  form.addEventListener('change', update)
  form.addEventListener('input', update)
  update()
})()

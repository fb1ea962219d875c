// Live events, progressive enhancement (the pages work without it: reload to
// see the latest). Small on purpose, no framework, for phones on poor data:
// - follows the event's Server-Sent Events stream and updates the counts,
//   bars, word cloud and question queue in place; reloads the page when the
//   presenter moves to another item (phones after a random 0-2 s, so a hall
//   does not reload at the same instant);
// - reconnects after a dropped connection: the browser sends Last-Event-ID and
//   the server catches it up; if the browser gives up, this script tries again
//   with a growing, jittered delay, passing the last id itself;
// - sends votes and upvotes with fetch (a few hundred bytes, no page reload),
//   falling back to a normal form post when that fails.
;(function () {
  'use strict'
  var INTL = { en: 'en-GB', bn: 'bn-BD', so: 'so-SO', ur: 'ur-PK' }
  var lang = document.documentElement.lang || 'en'
  var numberFormat = new Intl.NumberFormat(INTL[lang] || 'en-GB')
  var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(INTL[lang] || 'en-GB') : null
  var root = document.querySelector('[data-live]')
  var messages = {}
  try {
    messages = JSON.parse((root && root.getAttribute('data-messages')) || '{}')
  } catch (e) {
    messages = {}
  }

  function count(kind, n) {
    var one = plurals ? plurals.select(n) === 'one' : n === 1
    var template = messages[kind + (one ? 'One' : 'Other')] || '{{count}}'
    return template.replace('{{count}}', numberFormat.format(n))
  }

  // The projector shows counts in each of the event's languages: an element inside
  // [data-live-lang] (or its [data-live-lang] children) uses that language's phrases.
  var langs = {}
  ;(messages.langs || []).forEach(function (l) {
    langs[l.lang] = { m: l, numbers: new Intl.NumberFormat(l.intl), plurals: window.Intl && Intl.PluralRules ? new Intl.PluralRules(l.intl) : null }
  })

  function countIn(lang, kind, n) {
    var l = langs[lang]
    if (!l) return count(kind, n)
    var one = l.plurals ? l.plurals.select(n) === 'one' : n === 1
    return (l.m[kind + (one ? 'One' : 'Other')] || '{{count}}').replace('{{count}}', l.numbers.format(n))
  }

  function shareIn(lang, share) {
    var l = langs[lang]
    var template = l ? l.m.share : messages.share
    return template ? template.replace('{{share}}', (l ? l.numbers : numberFormat).format(share)) : ''
  }

  function langOf(el) {
    var holder = el.closest('[data-live-lang]')
    return holder ? holder.getAttribute('data-live-lang') : ''
  }

  function setCount(el, kind, n) {
    if (!el) return
    var parts = el.querySelectorAll('[data-live-lang]')
    if (parts.length) {
      parts.forEach(function (part) {
        setText(part, countIn(part.getAttribute('data-live-lang'), kind, n))
      })
    } else setText(el, countIn(langOf(el), kind, n))
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text
  }

  // ---------- The live stream ----------

  if (root && window.EventSource) connect()

  function connect() {
    var view = root.getAttribute('data-view')
    var status = root.querySelector('[data-live-status]')
    var lastId = ''
    var failures = 0
    var source = null
    var reloading = false

    function open() {
      var url = root.getAttribute('data-stream')
      if (lastId) url += (url.indexOf('?') < 0 ? '?' : '&') + 'lastEventId=' + encodeURIComponent(lastId)
      source = new EventSource(url)
      source.onopen = function () {
        failures = 0
        setText(status, messages.live || '')
      }
      source.onmessage = function (event) {
        if (event.lastEventId) lastId = event.lastEventId
        var snapshot
        try {
          snapshot = JSON.parse(event.data)
        } catch (e) {
          return
        }
        apply(snapshot)
      }
      source.onerror = function () {
        setText(status, messages.reconnecting || '')
        // CONNECTING: the browser retries by itself (with Last-Event-ID). CLOSED: it gave up (a 503, say).
        if (source.readyState === 2) {
          failures++
          var delay = Math.min(30000, 1000 * Math.pow(2, failures)) * (0.5 + Math.random())
          setTimeout(open, delay)
        }
      }
    }

    function reload() {
      if (reloading) return
      reloading = true
      if (source) source.close()
      var wait = view === 'participant' || view === 'questions' ? Math.random() * 2000 : 0
      setTimeout(function () {
        window.location.reload()
      }, wait)
    }

    function apply(snapshot) {
      var item = snapshot.item
      var same =
        (item ? item.id : '') === root.getAttribute('data-item') &&
        (!item || (item.state === root.getAttribute('data-state') && String(item.round) === root.getAttribute('data-round'))) &&
        snapshot.status === root.getAttribute('data-status')
      if (!same) return reload()
      if (item) updateItem(item)
      if (snapshot.questions) updateQuestions(snapshot.questions)
      if (snapshot.questions && view === 'questions') updateQuestionList(snapshot.questions)
      if (typeof snapshot.pending === 'number') {
        var pending = document.querySelector('[data-live-pending]')
        setText(pending, numberFormat.format(snapshot.pending))
      }
    }

    function updateItem(item) {
      setCount(root.querySelector('[data-live-total]'), item.type === 'text' ? 'answers' : 'votes', item.total)
      var visible = Boolean(item.counts || item.words)
      var results = root.querySelector('[data-live-results]')
      var note = root.querySelector('[data-live-hidden-note]')
      if (results) results.hidden = !visible
      if (note) note.hidden = visible
      if (item.counts) {
        root.querySelectorAll('[data-option]').forEach(function (row) {
          var code = row.getAttribute('data-option')
          var n = item.counts[code] || 0
          var percent = item.total ? Math.round((100 * n) / item.total) : 0
          row.querySelectorAll('[data-live-count]').forEach(function (el) {
            setCount(el, 'votes', n)
          })
          row.querySelectorAll('[data-live-share]').forEach(function (el) {
            setText(el, shareIn(langOf(el), percent))
          })
          if (item.points) {
            row.querySelectorAll('[data-live-points]').forEach(function (el) {
              setCount(el, 'points', item.points[code] || 0)
            })
          }
          var bar = row.querySelector('[data-live-bar]')
          if (bar) bar.setAttribute('width', String(item.bars ? item.bars[code] || 0 : 0))
        })
      }
      if (item.words) {
        var cloud = root.querySelector('[data-live-words]')
        if (cloud) {
          var max = 1
          item.words.forEach(function (w) {
            if (w[1] > max) max = w[1]
          })
          var fragment = document.createDocumentFragment()
          item.words.forEach(function (w) {
            var li = document.createElement('li')
            var size = max <= 1 ? 3 : 1 + Math.round((4 * (w[1] - 1)) / (max - 1))
            li.className = 'hys-cloud__word hys-cloud__word--' + size
            li.textContent = w[0]
            var hidden = document.createElement('span')
            hidden.className = 'govuk-visually-hidden'
            hidden.textContent = ' (' + numberFormat.format(w[1]) + ')'
            li.appendChild(hidden)
            fragment.appendChild(li)
          })
          cloud.replaceChildren(fragment)
        }
      }
      if (item.answers) {
        var list = root.querySelector('[data-live-answers]')
        if (list) {
          var answers = document.createDocumentFragment()
          item.answers.forEach(function (text) {
            var li = document.createElement('li')
            li.textContent = text
            answers.appendChild(li)
          })
          list.replaceChildren(answers)
        }
      }
    }

    function updateQuestions(questions) {
      var queue = root.querySelector('[data-live-questions]')
      if (queue) {
        var fragment = document.createDocumentFragment()
        questions.forEach(function (q) {
          var li = document.createElement('li')
          li.className = 'hys-queue__item' + (q.state === 'answering' ? ' hys-queue__item--answering' : '')
          if (q.state === 'answering') {
            var tag = document.createElement('strong')
            tag.className = 'govuk-tag govuk-tag--green'
            tag.textContent = messages.answering || ''
            li.appendChild(tag)
          }
          var text = document.createElement('span')
          text.className = 'hys-queue__text'
          text.textContent = q.text || ''
          li.appendChild(text)
          var votes = document.createElement('span')
          votes.className = 'hys-queue__votes'
          votes.textContent = count('votes', q.votes)
          li.appendChild(votes)
          fragment.appendChild(li)
        })
        // Always replaced: when the last waiting question is answered the list must empty, not keep it.
        if (!questions.length) {
          var empty = document.createElement('li')
          empty.className = 'hys-queue__empty'
          empty.textContent = messages.noQuestions || ''
          fragment.appendChild(empty)
        }
        queue.replaceChildren(fragment)
      }
      questions.forEach(function (q) {
        var votes = document.querySelector('[data-question="' + q.id + '"] [data-live-votes]')
        setText(votes, count('votes', q.votes))
      })
    }

    // The Ask the Mayor page on a phone: the approved questions, in the stream's order. A question
    // already on the page keeps its element (and so its upvote button's state); a new one is made
    // from the page's template; one no longer approved goes.
    function updateQuestionList(questions) {
      var list = root.querySelector('[data-live-question-list]')
      var doneList = root.querySelector('[data-live-question-done]')
      if (!list || !doneList) return
      var focused = document.activeElement
      var waiting = document.createDocumentFragment()
      var done = document.createDocumentFragment()
      var waitingCount = 0
      var doneCount = 0
      questions.forEach(function (q) {
        var isWaiting = q.state === 'queued' || q.state === 'answering'
        var li = (isWaiting ? list : doneList).querySelector(':scope > [data-question="' + q.id + '"]') || fromTemplate(isWaiting ? 'waiting' : 'done', q.id)
        if (!li) return
        var text = li.querySelector('[data-question-text]')
        setText(text, q.text || '')
        // Asked in another language than the page's: marked, for screen readers (and its direction).
        if (text && q.lang && q.lang !== lang) {
          text.setAttribute('lang', q.lang)
          text.setAttribute('dir', q.lang === 'ur' ? 'rtl' : 'ltr')
        } else if (text) {
          text.removeAttribute('lang')
          text.removeAttribute('dir')
        }
        setText(li.querySelector('[data-live-votes]'), count('votes', q.votes))
        var answering = li.querySelector('[data-question-answering]')
        if (answering) answering.hidden = q.state !== 'answering'
        setText(li.querySelector('[data-question-state]'), messages[q.state] || '')
        if (isWaiting) {
          waiting.appendChild(li)
          waitingCount++
        } else {
          done.appendChild(li)
          doneCount++
        }
      })
      list.replaceChildren(waiting)
      doneList.replaceChildren(done)
      list.hidden = !waitingCount
      var none = root.querySelector('[data-live-question-none]')
      if (none) {
        none.hidden = waitingCount > 0
        setText(none, (doneCount ? messages.noneWaiting : messages.noQuestions) || '')
      }
      // Moving an element loses its focus: give it back (an upvote button, say).
      if (focused && focused !== document.activeElement && root.contains(focused) && focused.focus) focused.focus({ preventScroll: true })
    }

    function fromTemplate(kind, id) {
      var template = root.querySelector('template[data-question-template="' + kind + '"]')
      var li = template && template.content.firstElementChild ? template.content.firstElementChild.cloneNode(true) : null
      if (!li) return null
      li.id = 'q-' + id
      li.setAttribute('data-question', id)
      var input = li.querySelector('input[name="question"]')
      if (input) input.value = id
      return li
    }

    open()
  }

  // ---------- Votes and upvotes without a reload ----------

  function post(form, endpoint, done) {
    var body = new URLSearchParams()
    new FormData(form).forEach(function (value, key) {
      if (typeof value === 'string') body.append(key, value)
    })
    return fetch(endpoint, { method: 'POST', body: body, headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (json) {
          done(json)
        })
      })
      .catch(function () {
        // No answer we can read (a dropped connection, a proxy's page): post the form the ordinary way.
        form.submit()
      })
  }

  if (!window.fetch || !window.FormData || !window.URLSearchParams) return

  document.querySelectorAll('form[data-vote-form]').forEach(function (form) {
    var sending = false
    form.addEventListener('submit', function (event) {
      event.preventDefault()
      if (sending) return
      sending = true
      var message = form.querySelector('[data-vote-message]')
      var button = form.querySelector('button[type="submit"]')
      setText(message, messages.sending || '')
      post(form, form.getAttribute('data-vote-endpoint'), function (json) {
        sending = false
        message.className = 'govuk-body hys-vote-message' + (json.ok ? '' : ' hys-vote-message--error')
        setText(message, json.message || '')
        if (json.ok && button && messages.change && !form.querySelector('textarea')) setText(button, messages.change)
      }).then(function () {
        sending = false
      })
    })
  })

  // Delegated: questions that arrive while the page is open bring their own upvote forms.
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!form || !form.matches || !form.matches('form[data-upvote-form]')) return
    event.preventDefault()
    if (form.getAttribute('data-sending')) return
    form.setAttribute('data-sending', '1')
    var container = form.closest('[data-question]')
    post(form, form.getAttribute('data-upvote-endpoint'), function (json) {
      var message = container && container.querySelector('[data-upvote-message]')
      setText(message, json.message || '')
      if (!json.ok) return
      var intent = form.querySelector('input[name="intent"]')
      var button = form.querySelector('button[type="submit"]')
      if (intent) intent.value = json.mine ? 'unvote' : 'upvote'
      if (button) {
        var label = button.querySelector('[data-upvote-label]')
        setText(label, json.mine ? button.getAttribute('data-label-on') : button.getAttribute('data-label-off'))
        button.setAttribute('aria-pressed', json.mine ? 'true' : 'false')
        button.className = 'govuk-button ' + (json.mine ? 'govuk-button--secondary ' : '') + 'hys-small-button'
      }
      setText(container && container.querySelector('[data-live-votes]'), count('votes', json.votes))
    }).then(function () {
      form.removeAttribute('data-sending')
    })
  })
})()

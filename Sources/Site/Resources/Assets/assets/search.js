/*
 * design-history: search over /search-index.json, for a site on any static host.
 *
 * Without JavaScript the header's search form goes to the sitemap. With it, results appear under
 * the search box as you type (arrow keys to move, Enter to open, Escape to close), and the
 * sitemap shows the results for `?q=` when the form is submitted.
 */
(function () {
  'use strict'
  if (!('fetch' in window) || !document.querySelector) return

  var indexes = {}

  function load (url) {
    if (!indexes[url]) {
      indexes[url] = fetch(url, { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : [] })
        .catch(function () { return [] })
    }
    return indexes[url]
  }

  function words (text) {
    return String(text || '').toLowerCase().replace(/[’']/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean)
  }

  function prefixOf (query, list) {
    for (var i = 0; i < list.length; i++) if (list[i].indexOf(query) === 0) return true
    return false
  }

  // Every query word must start a word of the entry; title matches count most.
  function search (entries, query) {
    var terms = words(query)
    if (!terms.length) return []
    var results = []
    entries.forEach(function (entry) {
      var title = words(entry.title)
      var description = words(entry.description).concat(words(entry.section))
      var tokens = entry.tokens || []
      var score = 0
      for (var i = 0; i < terms.length; i++) {
        var term = terms[i]
        if (prefixOf(term, title)) score += 10
        else if (prefixOf(term, description)) score += 3
        else if (prefixOf(term, tokens)) score += 1
        else return
      }
      results.push({ entry: entry, score: score })
    })
    results.sort(function (a, b) {
      return b.score - a.score || String(b.entry.date).localeCompare(String(a.entry.date))
    })
    return results.map(function (result) { return result.entry })
  }

  function option (entry, className) {
    var link = document.createElement('a')
    link.className = className
    link.href = entry.url
    link.textContent = entry.title
    if (entry.section || entry.date) {
      var detail = document.createElement('span')
      detail.className = 'app-search__option-section'
      detail.textContent = [entry.section, entry.date].filter(Boolean).join(' · ')
      link.appendChild(detail)
    }
    return link
  }

  function enhanceForm (form) {
    var input = form.querySelector('.app-search__input')
    var panel = form.querySelector('.app-search__results')
    var indexUrl = form.getAttribute('data-index')
    if (!input || !panel || !indexUrl) return
    var listId = input.id + '-listbox'
    var selected = -1
    input.setAttribute('role', 'combobox')
    input.setAttribute('aria-autocomplete', 'list')
    input.setAttribute('aria-expanded', 'false')
    input.setAttribute('aria-controls', listId)

    function links () { return panel.querySelectorAll('a') }

    function close () {
      panel.innerHTML = ''
      selected = -1
      input.setAttribute('aria-expanded', 'false')
      input.removeAttribute('aria-activedescendant')
    }

    function select (index) {
      var all = links()
      if (!all.length) return
      selected = (index + all.length) % all.length
      for (var i = 0; i < all.length; i++) all[i].setAttribute('aria-selected', i === selected ? 'true' : 'false')
      input.setAttribute('aria-activedescendant', all[selected].id)
    }

    function show (query) {
      load(indexUrl).then(function (entries) {
        if (input.value !== query) return
        close()
        if (!query.trim()) return
        var found = search(entries, query).slice(0, 10)
        if (!found.length) {
          var none = document.createElement('p')
          none.className = 'app-search__none'
          none.textContent = 'No results for “' + query + '”'
          panel.appendChild(none)
          return
        }
        var list = document.createElement('ul')
        list.id = listId
        list.setAttribute('role', 'listbox')
        found.forEach(function (entry, i) {
          var item = document.createElement('li')
          item.setAttribute('role', 'presentation')
          var link = option(entry, 'app-search__option')
          link.id = listId + '-' + i
          link.setAttribute('role', 'option')
          link.setAttribute('aria-selected', 'false')
          link.tabIndex = -1
          item.appendChild(link)
          list.appendChild(item)
        })
        panel.appendChild(list)
        input.setAttribute('aria-expanded', 'true')
      })
    }

    input.addEventListener('focus', function () { load(indexUrl) })
    input.addEventListener('input', function () { show(input.value) })
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') { event.preventDefault(); select(selected + 1) }
      else if (event.key === 'ArrowUp') { event.preventDefault(); select(selected - 1) }
      else if (event.key === 'Escape') { close() }
      else if (event.key === 'Enter' && selected >= 0) {
        event.preventDefault()
        window.location.href = links()[selected].href
      }
    })
    form.addEventListener('focusout', function (event) {
      if (!form.contains(event.relatedTarget)) window.setTimeout(close, 150)
    })
  }

  // On the sitemap, show the results of a submitted search above the list of pages.
  function showResultsPage (container, form) {
    var query = new URLSearchParams(window.location.search).get('q')
    if (!query || !form) return
    var input = form.querySelector('.app-search__input')
    if (input) input.value = query
    load(form.getAttribute('data-index')).then(function (entries) {
      var found = search(entries, query)
      var heading = document.createElement('h2')
      heading.className = 'govuk-heading-l'
      heading.textContent = found.length + (found.length === 1 ? ' result' : ' results') + ' for “' + query + '”'
      container.appendChild(heading)
      var list = document.createElement('ul')
      list.className = 'govuk-list govuk-list--spaced'
      found.forEach(function (entry) {
        var item = document.createElement('li')
        item.appendChild(option(entry, 'govuk-link'))
        if (entry.description) {
          var text = document.createElement('p')
          text.className = 'govuk-body-s govuk-!-margin-bottom-0'
          text.textContent = entry.description
          item.appendChild(text)
        }
        list.appendChild(item)
      })
      container.appendChild(list)
      container.hidden = false
    })
  }

  var forms = document.querySelectorAll('form[data-module="app-search"]')
  for (var i = 0; i < forms.length; i++) enhanceForm(forms[i])
  var results = document.querySelector('[data-module="app-search-results"]')
  if (results) showResultsPage(results, forms[0])
})()

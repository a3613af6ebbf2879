/* Material's search worker, with Swedish word forms (issue 13).
 *
 * Material adds a trailing wildcard to every word typed in the search box ("hemtjänsten*"), and
 * lunr neither stems nor otherwise processes a wildcard term, while the index holds Swedish stems
 * ("hemtjänst"). So a typed word in any form but its stem found nothing. Here every such term is
 * stemmed with the same Swedish stemmer as the index before the wildcard is added back: a stem is
 * a prefix of the word, so the search finds everything it found before and every inflected form.
 * This applies to the search and to Material's own check of which typed words were found.
 *
 * overrides/main.html points Material at this file, naming Material's worker in the address
 * (?material=search.HASH.min.js); Material's worker then loads lunr's Swedish support itself.
 * Words typed without å, ä and ö and the heads of compound words are found through extra words
 * the build adds to each entry of the index (macros/fardplan/pages/search_index.py).
 *
 * Material starts its worker on every page, and the worker loads lunr and its Swedish support and
 * builds the index from the whole site's text at once: most of what opening a page costs the
 * browser, on a phone too, for readers who never search. Here all that waits for the reader's first
 * search on the page: the index Material sends is kept and answered at once as ready, and the
 * first query loads Material's worker, hands it the index, and passes it the queries from then on.
 */
"use strict"

const material = new URL(self.location.href).searchParams.get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error(`fardplan-search.js: not Material's search worker: ${material}`)

// Snowball's Swedish stemmer leaves some definite and genitive forms as they are: words on a
// vowel or on -el/-er with an -n ("undersköterskan", "sjukfrånvaron", "yrkestiteln", "-ns").
// Drop that n first. A shorter prefix only finds more.
function stem(word) {
  return lunr.sv.stemmer(word.length >= 6 ? word.replace(/([aiouyåäö]|e[lr])ns?$/, "$1") : word)
}

function stemTypedWords() {
  const addClause = lunr.Query.prototype.clause
  lunr.Query.prototype.clause = function (clause) {
    const term = typeof clause.term === "string" ? clause.term : ""
    const word = term.slice(0, -1)
    if (lunr.sv && term.endsWith("*") && /^[^*~^:+-]+$/.test(word)) {
      const stemmed = stem(word)
      if (stemmed) clause.term = `${stemmed}*`
    }
    return addClause.call(this, clause)
  }
}

// Material's messages (its SearchMessageType).
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

let setup = null // Material's index, kept until the first query
let started = false // Material's worker loaded and given the index
let ready = false // ... and it has built the index: it answers every message itself from then on
let passing = false // while this file hands Material's worker a message itself
const waiting = [] // queries that came while it built the index, in order

// Registered before Material's worker adds its own listener, so this one sees each message first.
addEventListener("message", event => {
  if (ready || passing) return
  event.stopImmediatePropagation()
  if (event.data && event.data.type === SETUP) {
    setup = event.data
    postMessage({ type: READY })
    return
  }
  // The page asks for the empty box's results as soon as the index is ready: Material's worker
  // finds nothing for no words either.
  if (!started && event.data && event.data.type === QUERY && event.data.data === "") {
    postMessage({ type: RESULT, data: { items: [] } })
    return
  }
  waiting.push(event.data)
  if (!started) start()
})

function start() {
  started = true
  importScripts(material)
  stemTypedWords()
  // Material answers the index with READY, which the page has had already: kept back, it says
  // the index is built, and the queries that waited go to Material's worker in order.
  const post = self.postMessage
  self.postMessage = message => {
    if (!message || message.type !== READY) return post.call(self, message)
    self.postMessage = post
    ready = true
    waiting.splice(0).forEach(pass)
  }
  pass(setup)
}

function pass(data) {
  passing = true
  try {
    dispatchEvent(new MessageEvent("message", { data }))
  } finally {
    passing = false
  }
}

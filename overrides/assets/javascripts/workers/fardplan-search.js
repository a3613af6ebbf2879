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
 */
"use strict"

const material = new URL(self.location.href).searchParams.get("material") || ""
if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
  throw new Error(`fardplan-search.js: not Material's search worker: ${material}`)
importScripts(material)

// Snowball's Swedish stemmer leaves some definite and genitive forms as they are: words on a
// vowel or on -el/-er with an -n ("undersköterskan", "sjukfrånvaron", "yrkestiteln", "-ns").
// Drop that n first. A shorter prefix only finds more.
function stem(word) {
  return lunr.sv.stemmer(word.length >= 6 ? word.replace(/([aiouyåäö]|e[lr])ns?$/, "$1") : word)
}

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

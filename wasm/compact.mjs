// The JS API's fast path, JS side (its C++ side: core/src/compact.cpp): the core's compact answer,
// already rendered in its language, joined to what the JS API caches per language (tables_json).
// Nothing here fills a text: the core wrote every one that is not the ruleset's own.

// The compact answer's members, in the order of kLayout in core/src/compact.cpp; the core's list
// comes with the tables, and a core whose layout differs is refused (checkLayout).
export const LAYOUT = [
  'verdict',
  'licence_required',
  'regime',
  'as_of',
  'reasons',
  'obligations',
  'documents',
  'warnings',
  'missing',
  'vehicle',
  'changes_since',
  'papers',
  'destination',
];

export function checkLayout(tables) {
  if (tables.layout?.join() !== LAYOUT.join())
    throw new Error(`the core's compact layout (${tables.layout}) is not this API's (${LAYOUT})`);
}

// Reads a compact answer: arrays, integers, strings and null, a subset of JSON read here because
// JSON.parse's fixed cost was a fifth of an evaluation. A string with an escape in it is handed to
// JSON.parse.
export function parseCompact(s) {
  let i = 0;
  const value = () => {
    const c = s.charCodeAt(i);
    if (c === 91) {
      const out = [];
      if (s.charCodeAt(++i) === 93) {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        if (s.charCodeAt(i++) === 93) return out;
      }
    }
    if (c === 34) {
      const start = ++i;
      let end = start;
      let escaped = false;
      for (let ch = s.charCodeAt(end); ch !== 34; ch = s.charCodeAt(end)) {
        if (ch === 92) {
          escaped = true;
          end += 2;
        } else end++;
      }
      i = end + 1;
      return escaped ? JSON.parse(s.slice(start - 1, end + 1)) : s.slice(start, end);
    }
    if (c === 110) {
      i += 4;
      return null;
    }
    let n = 0;
    for (let d = s.charCodeAt(i); d >= 48 && d <= 57; d = s.charCodeAt(++i)) n = n * 10 + (d - 48);
    return n;
  };
  return value();
}

// Result objects share nothing with the cached tables: every source is a fresh object.
// Object literals of fixed shapes: the engine keeps one hidden class for each (a member added
// conditionally cost the fast path 5 %).
const copySource = (s) =>
  s.title_translated !== undefined
    ? {
        id: s.id,
        title: s.title,
        number: s.number,
        clause: s.clause,
        url: s.url,
        grade: s.grade,
        title_en: s.title_en,
        title_translated: s.title_translated,
      }
    : s.title_en === undefined
      ? { id: s.id, title: s.title, number: s.number, clause: s.clause, url: s.url, grade: s.grade }
      : {
          id: s.id,
          title: s.title,
          number: s.number,
          clause: s.clause,
          url: s.url,
          grade: s.grade,
          title_en: s.title_en,
        };
const copyEntry = (e) => ({ code: e.code, text: e.text, source: copySource(e.source) });

const change = ([version, date, items]) => ({
  version,
  date,
  items: items.map(([rules, text]) => ({ rules, text })),
});

// The v1 result of a parsed compact answer `c`, with the tables `t` of the language it is in.
export function join(c, t) {
  const [
    verdict,
    licence,
    regime,
    asOf,
    reasons,
    obligations,
    documents,
    warnings,
    missing,
    vehicle,
    since,
    papers,
    at,
  ] = c;
  const result = {
    verdict: t.verdicts[verdict],
    licence_required: licence === 2 ? null : licence === 1,
    regime: t.regimes[regime],
    as_of: asOf,
    reasons: reasons.map(([index, text, decides]) => {
      const rule = t.rules[index];
      const { tail } = rule;
      const reason = {
        rule: rule.id,
        text: text ?? rule.text,
        source: copySource(tail.source),
        confidence: tail.confidence,
        from: tail.from,
        until: tail.until,
      };
      if (tail.note !== undefined) reason.note = tail.note;
      if (decides) reason.decides = true; // added 2026-11-29: the rule that stops the export
      return reason;
    }),
    obligations: obligations.map((i) => copyEntry(t.obligations[i])),
    documents: documents.map((i) => copyEntry(t.documents[i])),
    warnings: warnings.map(([code, field, text, positions]) =>
      positions.length ? { code, field, text, positions } : { code, field, text },
    ),
    missing: missing.map(([field, question]) => ({ field, question })),
    vehicle: {
      hs_code: vehicle[0],
      category: vehicle[1],
      powertrain: vehicle[2],
      condition: vehicle[3],
      wmi: vehicle[4],
      manufacturer: vehicle[5],
      model_year: vehicle[6],
    },
    ruleset: since === null ? { ...t.ruleset } : { ...t.ruleset, changes_since: since.map(change) },
  };
  const out = papers === null ? result : withPapers(result, papers, t);
  // The destination (added 2026-11-29) comes rendered as the v1 JSON's member, after `ruleset`.
  if (at !== null) out.destination = JSON.parse(at);
  return out;
}

// The seller's papers (added 2026-11-29), in the v1 JSON's place: after `missing`, before `vehicle`.
function withPapers(result, papers, t) {
  const out = {};
  for (const [key, value] of Object.entries(result)) {
    if (key === 'vehicle')
      out.papers = papers.map(([status, problems], i) => {
        const { paper, label, verify } = t.papers[i];
        return { paper, status: t.paper_statuses[status], problems, label, verify: verify.map((v) => ({ ...v })) };
      });
    out[key] = value;
  }
  return out;
}

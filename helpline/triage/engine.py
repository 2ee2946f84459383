"""evaluate(): language → folded token streams → rules → categories, urgency, evidence. Pure."""
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from . import model as _model
from .arabizi import latin_skeletons
from .langid import identify, script_counts
from .normalise import fold
from .rules import arabizi_form, load_all, match_sequence
from .taxonomy import (CATEGORIES, DEFAULT_URGENCY, PRIORITY, RESTRICTED_CATEGORIES,
                       max_urgency, urgency_rank)

MAX_CHARS = 12000  # longer bodies are cut for matching; the stored message stays whole
SECONDARY_MIN_SCORE = 0.5
PAST_WEIGHT = 0.25
PRIOR_WEIGHT = 0.5  # at most half a rule's weight: the model breaks ties, it does not outvote
# Arabic rules read on the skeletons of Arabizi words (arabizi.py) are a rougher reading, used
# only when the Arabizi and English rules found nothing and no hard negative matched ("ra7
# aktil il wagt", killing time, stays a joke): their hits weigh less, reach high at
# most (critical needs the Arabizi rules or the model's danger head), and their urgency words
# are not used.
SKELETON_SET, SKELETON_WEIGHT = "ar_sounds", 0.4
_WORD = re.compile(r"\w+")
_RUN3 = re.compile(r"([^\W\d_])\1{2,}")
# Laughter typed as emoji or as a run of letters (هههه, Sorani هەهەهە, هاهاها, hahaha, hehehe,
# hhhh, lol, xD). Emoji are not words, so the rule files cannot hold them; written jokes ("just
# kidding") are `joking` rules.
_LAUGHTER = re.compile(r"[\U0001F602\U0001F923\U0001F606\U0001F639\U0001F61C\U0001F61D]"
                       r"|ه{3,}|(?:ه[ەا]){2,}ه?|\b(?:ha){2,}h?\b|\b(?:he){3,}h?\b|\bh{3,}\b"
                       r"|\blo+l\b|\bxd+\b", re.IGNORECASE)
JOKE_CATEGORIES = frozenset({"safety_threat", "explosive_hazard"})
_LANGS = ("en", "ar", "ckb", "ku")
_HINT_ALIASES = {"kmr": "ku", "ku_latn": "ku", "sdh": "ckb", "ar_iq": "ar"}

RULESETS = load_all()


@dataclass(frozen=True)
class TriageResult:
    language: str
    category: str
    categories: list
    urgency: str
    evidence: list = field(default_factory=list)
    confidence: float = 0.0
    # The primary category rests only on `steady=yes` rules (child labour, marriage): no
    # immediacy word and no statistical danger signal makes it critical.
    steady: bool = field(default=False, compare=False, repr=False)
    # The message laughs or says it jokes: the model's danger head does not raise it either.
    joking: bool = field(default=False, compare=False, repr=False)

    @property
    def is_restricted(self):
        return any(c in RESTRICTED_CATEGORIES for c in self.categories)

    def to_dict(self):
        return {
            "language": self.language, "category": self.category,
            "categories": list(self.categories), "urgency": self.urgency,
            "evidence": [dict(e) for e in self.evidence], "confidence": self.confidence,
            "is_restricted": self.is_restricted,
        }


# --- token streams ---------------------------------------------------------------------------

_AR_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "عال", "بهال", "هال", "ال", "و", "ف", "ب", "ل")
_AR_VERB_PREFIX = "يتنا"
_AZ_PREFIXES = ("al", "il", "bil", "wil", "wal", "lil", "3al", "fil", "bal")
_form_cache = {}


def _ar_forms(tok):
    forms, frontier = [tok], [tok]
    for _ in range(3):
        nxt = []
        for f in frontier:
            for p in _AR_PREFIXES:
                if f.startswith(p) and len(f) - len(p) >= 2 and f[len(p):] not in forms:
                    forms.append(f[len(p):])
                    nxt.append(f[len(p):])
            if f.startswith("د") and len(f) >= 4 and f[1] in _AR_VERB_PREFIX:  # Iraqi progressive
                forms.append(f[1:])
                nxt.append(f[1:])
        frontier = nxt
    return tuple(forms)


def _az_forms(tok):
    f = arabizi_form(tok)
    forms = [f]
    for p in _AZ_PREFIXES:
        if f.startswith(p) and len(f) - len(p) >= 3:
            forms.append(f[len(p):])
    return tuple(forms)


_FORMS = {"ar": _ar_forms, "arabizi": _az_forms}


def _forms(kind, tok):
    key = (kind, tok)
    got = _form_cache.get(key)
    if got is None:
        fn = _FORMS.get(kind)
        got = fn(tok) if fn else (tok,)
        if len(_form_cache) > 200000:
            _form_cache.clear()
        _form_cache[key] = got
    return got


class Stream:
    """Tokens of one folding of the message: [(forms, orig_start, orig_end)], plus search text."""

    def __init__(self, tokens):
        self.tokens = tokens
        self.text = " ".join(" ".join(t[0]) for t in tokens)


def build_stream(text, fold_lang, kind, join_heh=False):
    s, starts, ends = fold(text, fold_lang, deep=True)
    has_runs = _RUN3.search(text) is not None
    tokens = []
    for m in _WORD.finditer(s):
        tok = m.group()
        o0, o1 = starts[m.start()], ends[m.end() - 1]
        forms = _forms(kind, tok)
        if has_runs and _RUN3.search(text, o0, o1):
            twice = fold(text[o0:o1], fold_lang, deep=True, collapse=2)[0]
            forms = forms + tuple(f for f in _WORD.findall(twice) if f not in forms)
        tokens.append((forms, o0, o1))
    streams = [Stream(tokens)]
    if join_heh:
        joined = _join_heh(tokens, text)
        if joined is not None:
            streams.append(Stream(joined))
    return streams


def _join_heh(tokens, text):
    """Sorani typed on an Arabic keyboard splits words after ە ("گونده که مان"): rejoin them."""
    out, changed, i = [], False, 0
    while i < len(tokens):
        forms, o0, o1 = tokens[i]
        word = forms[0]
        while (word.endswith("ه") and i + 1 < len(tokens)
               and not text[o1:tokens[i + 1][1]].strip()):
            i += 1
            word += tokens[i][0][0]
            o1 = tokens[i][2]
            changed = True
        out.append(((word,), o0, o1))
        i += 1
    return out if changed else None


def _plan(text, lang):
    """Which rule sets run over which streams for a message in `lang`."""
    arabic, latin = script_counts(text)
    plan = []
    if arabic:
        if lang == "ar":
            plan.append(("ar", build_stream(text, "ar", "ar")))
        else:  # Sorani, or Kurdish of either dialect in Arabic script
            plan.append(("ckb", build_stream(text, "ckb", "ckb", join_heh="ە" not in text)))
    if latin:
        en = build_stream(text, "en", "en")
        if lang == "ku":
            plan.append(("ku", build_stream(text, "ku", "ku")))
        if lang == "ar" or (lang == "en" and arabic):
            plan.append(("arabizi", build_stream(text, "en", "arabizi")))
        if lang == "ar":  # the Arabic rules too, on the words' consonant skeletons (arabizi.py)
            plan.append(("ar_sounds", [Stream([(latin_skeletons(forms[0]), o0, o1)
                                               for forms, o0, o1 in en[0].tokens])]))
        plan.append(("en", en))
    return plan


# --- matching --------------------------------------------------------------------------------

def _find(pattern, streams, present=None):
    """Per pattern part, the original-text spans it matched in the first stream that has all.

    `present` (guard literals known to occur in the message) answers the guard test by set
    lookups; without it each stream's text is searched.
    """
    if present is not None:
        isdisjoint = present.isdisjoint  # one C-level set test per guard, not a generator
        for guard in pattern.guards:
            if isdisjoint(guard):
                return None
        streams_to_try = streams
    else:
        streams_to_try = [st for st in streams
                          if all(any(g in st.text for g in guard) for guard in pattern.guards)]
    for stream in streams_to_try:
        spans = []
        for seq in pattern.parts:
            hits = match_sequence(seq, stream.tokens)
            if not hits:
                spans = None
                break
            spans.append([(stream.tokens[i][1], stream.tokens[j][2]) for i, j in hits])
        if spans:
            return spans
    return None


def _cancelled(span, code, category, negatives):
    s0, s1 = span
    for n0, n1, cancels in negatives:
        if n0 < s1 and s0 < n1 and ("*" in cancels or category in cancels or code in cancels):
            return True
    return False


def _rule_spans(rule, streams, negatives, code=None, category=None, present=None):
    code = code or rule.code
    for pat in rule.patterns:
        parts = _find(pat, streams, present)
        if not parts:
            continue
        kept = [[sp for sp in part if not _cancelled(sp, code, category, negatives)] for part in parts]
        if all(kept):
            return kept
    return None


def _word_gap(a, b, token_starts):
    """Words between two original-text spans (0 when they touch or overlap)."""
    if a[0] < b[1] and b[0] < a[1]:
        return 0
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return bisect_left(token_starts, hi) - bisect_left(token_starts, lo)


class _Hit:
    __slots__ = ("rule", "spans", "weight", "urgency", "past")

    def __init__(self, rule, spans, category):
        self.rule, self.spans = rule, spans
        self.weight = rule.weight
        self.past = False
        self.urgency = rule.urgency or DEFAULT_URGENCY[category]

    def weaken(self):
        """A past event or a joke: context, not a present danger."""
        self.weight *= PAST_WEIGHT
        self.past = True
        self.urgency = "low"


def _other(lang, confidence=0.2):
    return TriageResult(lang, "other", ["other"], "low", [], confidence)


def _language(text, lang_hint):
    hint = (lang_hint or "").strip().lower().replace("-", "_") if isinstance(lang_hint, str) else ""
    hint = _HINT_ALIASES.get(hint, hint.split("_")[0] if hint else "")
    lang, conf = identify(text[:2000])
    if hint in _LANGS and conf < 0.45:
        return hint
    return lang


MODEL = _model.load()


def evaluate(text, lang_hint=None):
    """Triage one message: language, categories (primary first), urgency and evidence.

    The rules decide first; then the statistical model (model.py, `decide`, which says exactly
    when) may pick a category where the rules found none, put its own answer first when it is
    sure (never over a protection concern the rules put first), and raise (never lower) the
    urgency to critical. It never drops a rules category. A hard negative that left the rules
    with nothing keeps the message "other": the model is not asked. Its evidence says
    "model.category" or "model.danger" with the words that weighed most and the probability.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_CHARS]
    readings = {}  # one model reading per language asked, shared by the prior and decide()

    def reading(lang):
        if lang not in readings:
            readings[lang] = _model.Reading(MODEL, text, lang)
        return readings[lang]

    def prior(t, lang):
        return _prior_from(reading(lang))

    res, negated = evaluate_rules(text, lang_hint, None if MODEL is None else prior)
    if MODEL is None or res.steady or (negated and res.category == "other"):
        return res
    if res.category == "other" and res.confidence < 0.2:  # no letters: nothing to read
        return res
    decided = _model.decide(MODEL, text, res.language, res.categories, res.urgency,
                            DEFAULT_URGENCY, urgency_rank, danger=not res.joking,
                            negated=negated, reading=reading(res.language))
    if decided is None:
        return res
    categories, urgency, evidence, conf = decided
    if res.category == "other":
        return TriageResult(res.language, categories[0], categories, urgency, evidence,
                            round(min(0.9, conf), 2))
    return TriageResult(res.language, categories[0], categories, urgency,
                        res.evidence + evidence, res.confidence)


def _prior_from(reading):
    """Category probabilities from the model's category head, to order tied rule categories."""
    return {c: PRIOR_WEIGHT * p for c, p in reading.category[2]}


def _model_prior(text, lang):
    return _prior_from(_model.Reading(MODEL, text, lang))


def evaluate_rules(text, lang_hint=None, prior=None):
    """The rules alone: (TriageResult, whether a hard negative matched).

    `prior(text, lang)`, when given, returns category probabilities that are added to the rule
    scores when several categories matched and no hard negative did: the rules choose the
    candidates and their urgency, the prior only orders candidates of the same urgency tier.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_CHARS]
    lang = _language(text, lang_hint)
    if not any(ch.isalpha() for ch in text):
        return _other(lang, 0.0 if not text.strip() else 0.1), False
    negated = False
    plan = _plan(text, lang)
    hits, modifiers, historical, joking, all_tokens = {}, [], [], [], []
    for set_name, streams in plan:
        rs = RULESETS[set_name]
        rough = set_name == SKELETON_SET
        if rough and (hits or negated):  # a rougher reading only where nothing was found,
            continue                      # and never past an Arabizi hard negative
        all_tokens.extend(t[1] for t in streams[0].tokens)
        seen = " ".join(st.text for st in streams)
        negatives = []
        present, neg_rules, cat_rules, urg_rules = rs.candidates(seen)
        for rule in neg_rules:
            for pat in rule.patterns:
                parts = _find(pat, streams, present)
                if parts:
                    negatives.extend((s0, s1, rule.cancels) for part in parts for s0, s1 in part)
        negated = negated or bool(negatives)
        for rule in cat_rules:
            if rule.code in hits.get(rule.category, {}):
                continue
            spans = _rule_spans(rule, streams, negatives, category=rule.category, present=present)
            if spans:
                hit = hits.setdefault(rule.category, {})[rule.code] = _Hit(rule, spans, rule.category)
                if rough:
                    hit.weight *= SKELETON_WEIGHT
                    hit.urgency = "high" if hit.urgency == "critical" else hit.urgency
        for rule in urg_rules:
            if rough and not (rule.historical or rule.joking):
                continue
            spans = _rule_spans(rule, streams, negatives, category="urgency", present=present)
            if spans:
                if rule.joking:
                    joking.append(rule)
                else:
                    (historical if rule.historical else modifiers).append((rule, spans))
    if not hits:
        return _other(lang), negated
    token_starts = sorted(set(all_tokens))
    evidence_extra = []
    if historical:
        for cat_hits in hits.values():
            for hit in cat_hits.values():
                if hit.rule.past_weak:
                    hit.weaken()
    is_joke = bool(joking) or _LAUGHTER.search(text) is not None
    joked = set()
    if is_joke:
        # "he said he'll kill me if I miss the wedding 😂": a joke, not a threat. Threat and
        # explosive rules count little and raise nothing; other categories stand, and where
        # nothing else was found the message is chat ("other"), the joked words kept as evidence.
        cats = frozenset().union(*(r.applies for r in joking)) or JOKE_CATEGORIES
        for cat in cats & hits.keys():
            for hit in hits[cat].values():
                hit.weaken()
            joked.add(cat)
    cat_urgency, cat_score = {}, {}
    for cat, cat_hits in hits.items():
        cat_score[cat] = sum(h.weight for h in cat_hits.values())
        urg = "low"
        for h in cat_hits.values():
            urg = max_urgency(urg, h.urgency)
        cat_urgency[cat] = urg
    for rule, spans in modifiers:
        targets = rule.applies or frozenset(hits)
        for cat in sorted(targets):  # a stable evidence order
            if cat not in hits or urgency_rank(cat_urgency[cat]) >= urgency_rank(rule.urgency):
                continue
            # A past event ("since the bombing") or a steady rule is context: "screaming" or
            # "a gun" next to it does not make the message an emergency now.
            live = [h for h in hits[cat].values() if not h.past and not h.rule.steady]
            if not live:
                continue
            if rule.near is not None:
                cat_spans = [sp for h in live if h.weight >= 0.5 for part in h.spans for sp in part]
                mod_spans = [sp for part in spans for sp in part]
                if not any(_word_gap(a, b, token_starts) <= rule.near
                           for a in mod_spans for b in cat_spans):
                    continue
            cat_urgency[cat] = rule.urgency
            evidence_extra.append(_evidence(text, f"urgency.{rule.name}", spans, cat, rule.urgency))

    bonus = {}

    def key(c):
        u = urgency_rank(cat_urgency[c])
        return (u if u >= urgency_rank("high") else 0, cat_score[c] + bonus.get(c, 0.0),
                -PRIORITY[c])

    def rank_hits():
        ranked = sorted(hits, key=key, reverse=True)
        return [c for c in ranked if c not in joked] + [c for c in ranked if c in joked]

    ranked = rank_hits()
    if prior is not None and not negated and len(ranked) > 1:
        first, second = key(ranked[0]), key(ranked[1])
        # the prior adds at most PRIOR_WEIGHT: it is asked only when it could change the first
        if first[0] == second[0] and first[1] - second[1] <= PRIOR_WEIGHT:
            bonus = prior(text, lang)
            ranked = rank_hits()
    primary = ranked[0]
    categories = [primary] + [c for c in ranked[1:] if cat_score[c] >= SECONDARY_MIN_SCORE]
    urgency = cat_urgency[primary]
    for c in categories[1:]:  # a secondary danger raises urgency; a secondary service does not
        if urgency_rank(cat_urgency[c]) >= urgency_rank("high"):
            urgency = max_urgency(urgency, cat_urgency[c])
    evidence = []
    for c in categories:
        for code, h in hits[c].items():
            evidence.extend(_evidence(text, code, h.spans, c, h.urgency))
    evidence.extend(e for group in evidence_extra for e in group if e["category"] in categories)
    confidence = round(min(0.95, 0.35 + 0.2 * cat_score[primary]), 2)
    steady = all(h.rule.steady for h in hits[primary].values())
    if primary in joked:
        primary, categories, urgency = "other", ["other"] + categories, "low"
    return (TriageResult(lang, primary, categories, urgency, evidence, confidence, steady, is_joke),
            negated)


def _evidence(text, code, spans, category, urgency):
    out = []
    for part in spans:
        s0, s1 = part[0]
        out.append({"rule": code, "term": text[s0:s1], "category": category, "urgency": urgency})
    return out


__all__ = ["evaluate", "evaluate_rules", "TriageResult", "CATEGORIES"]

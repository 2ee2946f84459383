"""Statistical fallback for the rules: multinomial Naive Bayes over folded words and n-grams.

Features are taken from the engine's own folding of the message (per language, see
normalise.py): word unigrams and bigrams, and character 3–5-grams inside each word (with word
boundary marks), so Arabic clitics, Kurdish suffixes and misspellings still share features with
the training messages. Each feature counts once per message (binary multinomial NB), Laplace
smoothing, and a temperature (chosen on held-out folds when training) that turns the summed
log-likelihoods into usable probabilities.

Two heads: `category` (the 17 taxonomy codes) and `danger` ("critical" against "other").
The model file is built by scripts/train_triage_model.py; this module only reads it. Pure
stdlib, no state besides the loaded file.
"""
import json
import math
from itertools import repeat
import os
import re

from .normalise import fold

MODEL_PATH = os.path.join(os.path.dirname(__file__), "model", "triage_nb.json")
_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"^\d+$")
NGRAMS = (3, 4, 5)


def fold_lang(text, lang):
    """The folding the engine uses for a message in `lang` (Kurdish in Arabic script → ckb)."""
    if lang in ("ar", "ckb", "en"):
        return lang
    if lang == "ku":
        for ch in text:
            if "\u0600" <= ch <= "\u06ff":
                return "ckb"
        return "ku"
    return "en"


def words(text, lang):
    """Folded words of `text` with their original spans: [(word, start, end)]."""
    s, starts, ends = fold(text, fold_lang(text, lang), deep=True)
    out = []
    for m in _WORD.finditer(s):
        w = m.group()
        if _DIGITS.match(w):
            w = "<num>"
        out.append((w, starts[m.start()], ends[m.end() - 1]))
    return out


_word_cache = {}


def _word_features(w):
    got = _word_cache.get(w)
    if got is None:
        got = ["w:" + w]
        if w != "<num>" and len(w) >= 2:
            padded = "<" + w + ">"
            for n in NGRAMS:
                got.extend("c:" + padded[j:j + n] for j in range(len(padded) - n + 1))
        got = tuple(dict.fromkeys(got))
        if len(_word_cache) > 100000:
            _word_cache.clear()
        _word_cache[w] = got
    return got


def _bigram(a, b):
    return "b:" + a + " " + b


def features(word_list):
    """Feature → the indexes of the words it comes from (bigrams point to both words)."""
    feats = {}
    prev = None
    for i, w in enumerate(word_list):
        for f in _word_features(w):
            got = feats.get(f)
            if got is None:
                feats[f] = [i]
            else:
                got.append(i)
        if prev is not None:
            feats.setdefault(_bigram(prev, w), []).extend((i - 1, i))
        prev = w
    return feats


def text_features(text, lang):
    return features([w for w, _, _ in words(text, lang)])


def feature_set(text, lang):
    """The same features as `text_features`, without word indexes: what scoring needs."""
    word_list = [w for w, _, _ in words(text, lang)]
    out = set()
    for w in word_list:
        out.update(_word_features(w))
    out.update(map(_bigram, word_list, word_list[1:]))
    return out


class Head:
    """One NB classifier: classes, log priors, per-class unseen baseline, sparse feature weights."""

    def __init__(self, data):
        self.classes = list(data["classes"])
        self.prior = list(data["prior"])
        self.base = list(data["base"])
        self.temperature = float(data["temperature"])
        # feature → its weight log(1 + count / alpha) for every class, zero where unseen: a
        # message's scores are then column sums over its known features, done in C.
        shared = {}  # equal weights share one float object
        self.rows = {}
        for f, cws in data["weights"].items():
            row = [0.0] * len(self.classes)
            for c, w in cws:
                row[c] = shared.setdefault(w, w)
            self.rows[f] = tuple(row)
        self.odds = None
        if len(self.classes) == 2:  # two classes: one log-odds number per feature is enough
            self.odds = {f: a - b + self.base[0] - self.base[1] for f, (a, b) in self.rows.items()}

    def first_probability(self, feats):
        """Probability of the first class of a two-class head (fast path)."""
        z = self.prior[0] - self.prior[1] + sum(map(self.odds.get, feats, repeat(0.0)))
        z /= self.temperature
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)

    def scores(self, feats):
        """Raw log scores per class, and how many of the features the head knows."""
        rows = list(filter(None, map(self.rows.get, feats)))
        known = len(rows)
        if not known:
            return list(self.prior), 0
        return [p + known * b + s for p, b, s in zip(self.prior, self.base, map(sum, zip(*rows)))], known

    def predict(self, feats):
        """(class, probability, [(class, probability)] sorted) for a feature set."""
        sc, known = self.scores(feats)
        t = self.temperature
        top = max(sc)
        exps = [math.exp((s - top) / t) for s in sc]
        total = sum(exps)
        probs = sorted(((c, e / total) for c, e in zip(self.classes, exps)),
                       key=lambda cp: -cp[1])
        return probs[0][0], probs[0][1], probs

    def contributions(self, feats, cls):
        """Per feature, how much it favours `cls` over the average of the other classes."""
        ci = self.classes.index(cls)
        n = len(self.classes)
        out = {}
        for f in feats:
            row = self.rows.get(f)
            if row is None:
                continue
            others = (sum(row) - row[ci]) / (n - 1)
            out[f] = row[ci] + self.base[ci] - others - (sum(self.base) - self.base[ci]) / (n - 1)
        return out


class Model:
    def __init__(self, data):
        self.meta = data.get("meta", {})
        self.thresholds = dict(data.get("thresholds", {}))
        self.category = Head(data["heads"]["category"])
        self.danger = Head(data["heads"]["danger"])

    def top_terms(self, text, lang, cls, head=None, limit=3):
        """The original words that push most towards `cls` (evidence in the person's words)."""
        head = head or self.category
        wl = words(text, lang)
        feats = features([w for w, _, _ in wl])
        per_word = {}
        for f, contrib in head.contributions(feats, cls).items():
            if contrib <= 0:
                continue
            idxs = feats[f]
            share = contrib / len(idxs)
            for i in idxs:
                per_word[i] = per_word.get(i, 0.0) + share
        best = sorted(per_word.items(), key=lambda iw: (-iw[1], iw[0]))[:limit]
        return [text[wl[i][1]:wl[i][2]] for i, _ in sorted(best)]


def train_head(samples, classes, alpha=0.5, min_df=3, temperature=1.0):
    """samples: [(feature set, class)]. Returns the head's data dict (JSON-ready)."""
    df = {}
    for feats, _ in samples:
        for f in feats:
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= min_df)
    index = {f: i for i, f in enumerate(vocab)}
    ci = {c: i for i, c in enumerate(classes)}
    counts = [dict() for _ in classes]
    totals = [0] * len(classes)
    docs = [0] * len(classes)
    for feats, cls in samples:
        k = ci[cls]
        docs[k] += 1
        row = counts[k]
        for f in feats:
            j = index.get(f)
            if j is not None:
                row[j] = row.get(j, 0) + 1
                totals[k] += 1
    n_docs, v = len(samples), len(vocab)
    prior = [round(math.log((docs[k] + 1) / (n_docs + len(classes))), 6) for k in range(len(classes))]
    base = [round(math.log(alpha / (totals[k] + alpha * v)), 6) for k in range(len(classes))]
    weights = {}
    for k in range(len(classes)):
        for j, n in counts[k].items():
            weights.setdefault(vocab[j], []).append([k, round(math.log(1 + n / alpha), 4)])
    weights = {f: sorted(cws) for f, cws in sorted(weights.items())}
    return {"classes": list(classes), "prior": prior, "base": base,
            "temperature": temperature, "weights": weights}


_loaded = None


def load(path=MODEL_PATH):
    """The packaged model, or None when the file is missing or unreadable (rules only)."""
    global _loaded
    if _loaded is None or _loaded[0] != path:
        try:
            with open(path, encoding="utf-8") as fh:
                _loaded = (path, Model(json.load(fh)))
        except (OSError, ValueError, KeyError, TypeError):
            _loaded = (path, None)
    return _loaded[1]


DANGER_CATEGORIES = ("safety_threat", "gbv", "child_protection", "psea", "detention_missing",
                     "explosive_hazard", "health_mhpss")
# Protection concerns: the model may add one next to a rules answer only when it is sure, and
# then it is at least high (a possible GBV or PSEA disclosure is read within the day by its
# focal point). An eviction it may never add: it confuses property disputes with damaged houses.
PROTECTION_CATEGORIES = DANGER_CATEGORIES[:-1]
NEVER_ADDED = ("hlp_eviction",)
# How sure the category head must be to put its answer first over a rules answer. Chosen on two
# rounds the rules and the model had never seen (rounds 13 and 14, 560 messages): category
# accuracy 0.77 → 0.83 and high-or-critical recall 0.80 → 0.88, for 0.99 → 0.98 on tuned files.
OVERRIDE_P = 0.6
# Adding a protection concern the rules did not find needs more certainty (0.8 kept most of
# the gain in high-or-critical recall and avoided bribes read as exploitation).
PROTECTION_ADD_P = 0.8


def _category_step(model, reading, categories, urgency, default_urgency, rank, negated=False):
    """The category head's part: (categories, urgency, evidence, confidence) or None."""
    if categories != ["other"] and categories[0] in PROTECTION_CATEGORIES:
        return None  # which protection concern leads (and its focal point) is the rules' call
    th = model.thresholds
    cls, p, _ = reading.category
    if cls == "other" or cls == categories[0]:
        return None
    cap = lambda u: "high" if u == "critical" else u  # noqa: E731 (the danger head decides critical)
    if categories == ["other"]:
        if p < th.get("category", 1.1):
            return None
        new, floor = [cls], cap(default_urgency[cls])
    elif p < OVERRIDE_P:
        return None
    elif cls in categories:
        new, floor = [cls] + [c for c in categories if c != cls], urgency
    elif negated or cls in NEVER_ADDED or (cls in PROTECTION_CATEGORIES and p < PROTECTION_ADD_P):
        return None  # after a hard negative nothing is added back ("fired in the air at a wedding")
    else:
        new, floor = [cls] + list(categories), cap(default_urgency[cls])
    if rank(floor) > rank(urgency):
        urgency = floor
    conf = round(p, 2)
    terms = model.top_terms(reading.text, reading.lang, cls)
    return new, urgency, _model_evidence(terms, "model.category", cls, urgency, conf), conf


class Reading:
    """A message's features and category prediction, computed once however often they are asked."""

    def __init__(self, model, text, lang):
        self.model, self.text, self.lang = model, text, lang
        self._features = self._category = None

    @property
    def features(self):
        if self._features is None:
            self._features = feature_set(self.text, self.lang)
        return self._features

    @property
    def category(self):
        """(class, probability, [(class, probability)] sorted) from the category head."""
        if self._category is None:
            self._category = self.model.category.predict(self.features)
        return self._category


def _model_evidence(terms, rule, category, urgency, conf):
    """One evidence entry per original word that weighed most (each is a span of the text)."""
    return [{"rule": rule, "term": term, "category": category, "urgency": urgency,
             "confidence": conf} for term in terms]


def decide(model, text, lang, categories, urgency, default_urgency, rank, danger=True,
           negated=False, reading=None):
    """What the model adds to a rules result, or None (the rules' answer stands).

    `categories` is the rules' list, primary first (["other"] when nothing matched).
    * Category head (probability p, answer not "other"):
      - the rules found nothing: it decides when p is at least `thresholds["category"]`;
      - a protection concern the rules put first stays first;
      - otherwise, when p ≥ OVERRIDE_P, its answer goes first and the rules' categories follow.
        It adds a category only without a hard negative (`negated`), never an eviction, and a
        protection concern only when p ≥ PROTECTION_ADD_P.
      A category it adds brings at least that category's usual urgency (high at most), so a
      protection concern is read within the day. No rules category is ever dropped, and the
      urgency is never lowered, so the restricted flag and the deadline only ever tighten.
    * Danger head: raises the urgency to critical when its probability is at least
      `thresholds["danger"]` (`danger_fallback` when the rules found nothing), whatever the
      category (a bleeding child filed under shelter is still an emergency; after a hard
      negative, only a danger category) — never lowers it.
      `danger=False` (the message jokes) leaves this out.
    `reading` is a `Reading` of the same text and language when the caller has one.
    Returns (categories, urgency, evidence list, confidence) or None.
    """
    if model is None or not categories:
        return None
    reading = reading or Reading(model, text, lang)
    feats = reading.features
    if not feats:
        return None
    th = model.thresholds
    evidence, conf = [], None
    new, new_urg = list(categories), urgency
    step = _category_step(model, reading, new, urgency, default_urgency, rank, negated)
    if step is not None:
        new, new_urg, evidence, conf = step
    primary = new[0]
    danger_th = th.get("danger_fallback" if categories == ["other"] else "danger", 1.1)
    # After a hard negative only a danger category may be raised: the negative took the danger
    # reading off the other words ("عبوة ماء" is a water bottle, not an IED).
    # Nor is "other" raised: the model must first be sure enough to name a category.
    scope = primary in DANGER_CATEGORIES if negated else primary != "other"
    if danger and scope and rank(new_urg) < rank("critical"):
        p = model.danger.first_probability(feats)  # classes: ("critical", "other")
        if p >= danger_th and p > 0.5:
            new_urg = "critical"
            terms = model.top_terms(text, lang, "critical", model.danger)
            evidence.extend(_model_evidence(terms, "model.danger", primary, "critical", round(p, 2)))
            if conf is None:
                conf = round(p, 2)
    if not evidence:
        return None
    return new, new_urg, evidence, conf

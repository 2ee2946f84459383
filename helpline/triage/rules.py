"""Loading and matching of the rule files in `rules/` (format described in rules/README.md)."""
import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

import ahocorasick

from .arabizi import MIN_STEM, arabic_skeleton
from .normalise import deep_fold
from .taxonomy import CATEGORIES, URGENCIES

RULES_DIR = os.path.join(os.path.dirname(__file__), "rules")
DEFAULT_GAP = 3
SLOT_CACHE_SIZE = 4096
_GAP = re.compile(r"^(\.\.\.|…)(\d*)$")
_HEADER = re.compile(r"^\[([A-Za-z0-9_\-]+)\]\s*(.*)$")


class RuleError(ValueError):
    pass


class Slot:
    """One word position: any of several literals, each exact, prefix*, *suffix or *infix*."""

    __slots__ = ("alts", "exact", "prefixes", "suffixes", "infixes", "num", "infix_re", "seen")

    def __init__(self, alts):
        self.alts = tuple(alts)
        self.exact = frozenset(lit for kind, lit in self.alts if kind == "exact")
        self.prefixes = tuple(lit for kind, lit in self.alts if kind == "prefix")
        self.suffixes = tuple(lit for kind, lit in self.alts if kind == "suffix")
        self.infixes = tuple(lit for kind, lit in self.alts if kind == "infix")
        self.num = any(kind == "num" for kind, _ in self.alts)
        # Many *infix* alternatives are searched in one pass of a compiled alternation.
        self.infix_re = (re.compile("|".join(re.escape(x) for x in sorted(set(self.infixes))))
                         if len(self.infixes) > 2 else None)
        self.seen = {}  # forms → matches(forms), for the words a worker sees again and again

    def matches_cached(self, forms):
        got = self.seen.get(forms)
        if got is None:
            if len(self.seen) >= SLOT_CACHE_SIZE:
                self.seen.clear()
            got = self.seen[forms] = self.matches(forms)
        return got

    def matches(self, forms):
        exact, prefixes, suffixes, infixes = self.exact, self.prefixes, self.suffixes, self.infixes
        for form in forms:
            if form in exact:
                return True
            if prefixes and form.startswith(prefixes):
                return True
            if suffixes and form.endswith(suffixes):
                return True
            if infixes:
                if self.infix_re is not None:
                    if self.infix_re.search(form):
                        return True
                else:
                    for lit in infixes:
                        if lit in form:
                            return True
            if self.num and form.isdigit():
                return True
        return False


@dataclass(frozen=True)
class Pattern:
    source: str
    parts: tuple  # each part: ((slot, max_gap_before), …); all parts must occur
    guards: tuple  # per part: literals of which at least one must occur in the text


@dataclass
class Rule:
    name: str
    kind: str  # category | negative | urgency
    category: str = None
    urgency: str = None
    weight: float = 1.0
    past_weak: bool = False
    steady: bool = False  # urgency modifiers do not raise a category on this rule's evidence
    historical: bool = False
    joking: bool = False  # laughter or "just kidding": threats and bombs around it are figurative
    applies: frozenset = frozenset()
    cancels: frozenset = frozenset()
    near: int = None
    patterns: list = field(default_factory=list)
    origin: str = ""

    def __post_init__(self):
        self.code = f"{self.category or self.kind}.{self.name}"  # asked for on every match


_SLOTS = {}


def _slot(alts):
    """One shared Slot per set of alternatives (common words recur in hundreds of rules)."""
    alts = tuple(alts)
    slot = _SLOTS.get(alts)
    if slot is None:
        slot = _SLOTS[alts] = Slot(alts)
    return slot


def _compile_slot(raw, fold_term, where):
    alts = []
    for alt in raw.split("|"):
        if not alt:
            raise RuleError(f"{where}: empty alternative in '{raw}'")
        if alt == "<num>":
            alts.append(("num", ""))
            continue
        starts, ends = alt.startswith("*"), alt.endswith("*") and len(alt) > 1
        lit = fold_term(alt.strip("*"))
        kind = "infix" if starts and ends else "suffix" if starts else "prefix" if ends else "exact"
        accept = getattr(fold_term, "accept", None)
        if accept is not None and not accept(kind, lit):
            lit = "\x00" + lit  # a derived set (ar_sounds) leaves out terms too short to match
        if not lit or " " in lit:
            raise RuleError(f"{where}: term '{alt}' is empty or splits into words after folding")
        alts.append((kind, lit))
    return _slot(alts)


def _compile_segment(raw, fold_term, where):
    """`a b|c|d e f` → alternatives (a b), (c), (d e f); one-word alternatives share one slot."""
    single, multi = [], []
    for phrase in raw.split("|"):
        words = phrase.split()
        if not words:
            raise RuleError(f"{where}: empty alternative in '{raw}'")
        slots = tuple(_compile_slot(w, fold_term, where) for w in words)
        (single if len(slots) == 1 else multi).append(slots)
    alternatives = []
    if single:
        alternatives.append((_slot(a for (slot,) in single for a in slot.alts),))
    alternatives.extend(multi)
    return Segment(tuple(alternatives))


class Segment(tuple):
    """Alternatives (each a tuple of slots) plus one merged slot of their first words."""

    def __new__(cls, alternatives):
        seg = super().__new__(cls, alternatives)
        seg.head = _slot(a for alt in alternatives for a in alt[0].alts)
        seg.simple = len(alternatives) == 1 and len(alternatives[0]) == 1
        return seg


def _segment_guard(segment):
    lits = []
    for alt in segment:
        literal = [a for slot in alt for a in slot.alts if a[0] != "num"]
        # a one-word alternative that may be a number ("lost|won|<num>") cannot be guarded by
        # its words: the number alone must still match
        if not literal or (len(alt) == 1 and alt[0].num):
            return None
        if len(alt) == 1:
            lits.extend(lit for _, lit in literal)
        else:
            lits.append(max((lit for _, lit in literal), key=len))
    return tuple(lits)


def compile_pattern(line, fold_term, where):
    parts, guards = [], []
    for raw_part in line.split(" & "):
        seq, gap, words = [], 0, []
        for item in raw_part.split() + ["...0"]:
            m = _GAP.match(item)
            if not m:
                words.append(item)
                continue
            if words:
                seq.append((_compile_segment(" ".join(words), fold_term, where), gap))
                words = []
            gap = int(m.group(2)) if m.group(2) else DEFAULT_GAP
        if not seq:
            raise RuleError(f"{where}: empty pattern part in '{line}'")
        parts.append(tuple(seq))
        # every segment of a part must occur, so each segment's literals are a guard of its own
        cands = [g for g in (_segment_guard(seg) for seg, _ in seq) if g]
        guards.extend(cands or [("",)])
    return Pattern(line, tuple(parts), tuple(guards))


def _parse_options(text, where):
    opts = {}
    for tok in text.split():
        if "=" in tok:
            k, v = tok.split("=", 1)
            opts[k.strip().lower()] = v.strip()
        else:
            opts[tok.strip().lower()] = "yes"
    return opts


def parse_rules(text, kind, fold_term, origin, category=None):
    rules, current, codes = [], None, {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        where = f"{origin}:{lineno}"
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("@category"):
            category = line.split(None, 1)[1].strip()
            if category not in CATEGORIES:
                raise RuleError(f"{where}: unknown category '{category}'")
            continue
        m = _HEADER.match(line)
        if m:
            current = _make_rule(m.group(1), _parse_options(m.group(2), where), kind, category, where)
            if current.code in codes:  # one name, one rule: further wordings go under the first
                raise RuleError(f"{where}: rule '{current.name}' is already defined at {codes[current.code]}")
            codes[current.code] = where
            rules.append(current)
            continue
        if current is None:
            raise RuleError(f"{where}: pattern before any [rule] header")
        current.patterns.append(compile_pattern(line, fold_term, where))
    return [r for r in rules if r.patterns]


def _make_rule(name, opts, kind, category, where):
    urgency = opts.pop("urgency", None)
    if urgency is not None and urgency not in URGENCIES:
        raise RuleError(f"{where}: unknown urgency '{urgency}'")
    cats = lambda key: frozenset(c for c in opts.pop(key, "").split(",") if c)  # noqa: E731
    applies, cancels = cats("applies"), cats("cancels")
    # a negative may also cancel urgency modifiers: "urgency" or "urgency.<rule>"
    for c in applies | {c.split(".")[0] for c in cancels} - {"urgency"}:
        if c != "*" and c not in CATEGORIES:
            raise RuleError(f"{where}: unknown category '{c}'")
    rule = Rule(
        name=name, kind=kind, category=opts.pop("category", category), urgency=urgency,
        weight=float(opts.pop("weight", 1.0)), past_weak=opts.pop("past", "") == "weak",
        steady=opts.pop("steady", "") == "yes",
        historical=opts.pop("historical", "") == "yes", joking=opts.pop("joking", "") == "yes",
        applies=applies, cancels=cancels,
        near=int(opts["near"]) if "near" in opts else None, origin=where,
    )
    opts.pop("near", None)
    if opts:
        raise RuleError(f"{where}: unknown option(s) {sorted(opts)}")
    if kind == "category" and rule.category not in CATEGORIES:
        raise RuleError(f"{where}: rule outside a category file needs category=")
    return rule


def arabizi_form(token):
    """Arabic typed in Latin letters: fold the many spellings of one sound together."""
    t = token.replace("sh", "§").replace("kh", "5").replace("gh", "8").replace("dh", "th")
    t = t.replace("q", "k").replace("g", "k").replace("9", "k").replace("7", "h").replace("2", "")
    t = t.replace("6", "t").replace("ee", "i").replace("oo", "u").replace("ou", "u").replace("e", "i")
    t = t.replace("o", "u").replace("y", "i").replace("§", "sh")
    return re.sub(r"(.)\1+", r"\1", t)


class GuardIndex:
    """Which rules could match a text, from the literals their patterns cannot match without."""

    def __init__(self, rules):
        self.rules = rules
        self.always = set()
        by_lit = {}
        for i, rule in enumerate(rules):
            for pat in rule.patterns:
                guard = max(pat.guards, key=lambda g: min(len(x) for x in g))
                if "" in guard:
                    self.always.add(i)
                for lit in guard:
                    by_lit.setdefault(lit, set()).add(i)
                for other in pat.guards:  # every guard literal is looked for, so `present`
                    for lit in other:     # can answer a pattern's guard test by set lookups
                        by_lit.setdefault(lit, set())
        by_lit.pop("", None)
        self.by_lit = by_lit

    def candidates(self, present):
        """Rules with an indexing literal among `present` (the literals found in the text)."""
        found = set(self.always)
        by_lit = self.by_lit
        for lit in present:
            rules = by_lit.get(lit)
            if rules:
                found |= rules
        return [self.rules[i] for i in sorted(found)]


class LiteralScanner:
    """Every guard literal of a rule set, found in a text in one pass (Aho-Corasick)."""

    def __init__(self, literals):
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        for lit in set(literals) - {""}:
            self.automaton.add_word(lit, lit)
        self.empty = len(self.automaton) == 0
        if not self.empty:
            self.automaton.make_automaton()

    def present(self, text):
        """The set of literals occurring in `text`, plus "" (the literal every text has)."""
        found = {""}
        if not self.empty:
            found.update(lit for _, lit in self.automaton.iter(text))
        return found


@dataclass
class RuleSet:
    name: str
    fold_lang: str
    category_rules: list
    negative_rules: list
    urgency_rules: list

    def __post_init__(self):
        # A category rule with `cancels=` is also a hard negative over the same words: "beats my
        # son every day" files the beating as high and keeps the critical beating rule off it.
        self.negative_rules = self.negative_rules + [
            replace(r, kind="negative", category=None, urgency=None, applies=frozenset())
            for r in self.category_rules if r.cancels]
        self.category_index = GuardIndex(self.category_rules)
        self.negative_index = GuardIndex(self.negative_rules)
        self.urgency_index = GuardIndex(self.urgency_rules)
        self.scanner = LiteralScanner([lit for index in (self.category_index, self.negative_index,
                                                          self.urgency_index)
                                       for lit in index.by_lit])

    def candidates(self, text):
        """(literals found in `text`, then the negative, category and urgency rules that could
        match it). The literals answer each pattern's guard test in `engine._find`."""
        present = self.scanner.present(text)
        return (present, self.negative_index.candidates(present),
                self.category_index.candidates(present), self.urgency_index.candidates(present))


def _skeleton_term(t):
    return arabic_skeleton(_folded_term(t, "ar"))


_skeleton_term.accept = lambda kind, lit: len(lit) >= (2 if kind == "exact" else MIN_STEM)
# Rule sets read from another set's folder: the Arabic rules on the skeleton of Arabizi words.
DERIVED_SETS = {"ar_sounds": "ar"}
# The folding each set's messages (and terms) go through.
FOLD_LANG = {"en": "en", "ar": "ar", "ckb": "ckb", "ku": "ku", "arabizi": "en", "ar_sounds": "ar"}


@lru_cache(maxsize=None)
def _folded_term(term, fold_lang):
    return deep_fold(term, fold_lang)


def _term_folder(set_name):
    if set_name == "arabizi":
        return lambda t: arabizi_form(_folded_term(t, "en"))
    if set_name == "ar_sounds":
        return _skeleton_term
    fold_lang = FOLD_LANG[set_name]
    return lambda t: _folded_term(t, fold_lang)


def load_ruleset(set_name, directory=RULES_DIR):
    base = os.path.join(directory, DERIVED_SETS.get(set_name, set_name))
    fold_term = _term_folder(set_name)
    cat_rules, neg_rules, urg_rules = [], [], []
    for fname in sorted(os.listdir(base)):
        if not fname.endswith(".rules"):
            continue
        path = os.path.join(base, fname)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        stem = fname[: -len(".rules")]
        origin = f"{set_name}/{fname}"
        if stem == "negative":
            neg_rules += parse_rules(text, "negative", fold_term, origin)
        elif stem == "urgency":
            urg_rules += parse_rules(text, "urgency", fold_term, origin)
        elif stem in CATEGORIES:
            cat_rules += parse_rules(text, "category", fold_term, origin, category=stem)
        elif stem == "danger":  # danger floor: each rule names its category (@category)
            cat_rules += parse_rules(text, "category", fold_term, origin)
        else:
            raise RuleError(f"{origin}: file name must be a category code, danger, negative or urgency")
    return RuleSet(set_name, FOLD_LANG[set_name], cat_rules, neg_rules, urg_rules)


def load_all(directory=RULES_DIR):
    return {name: load_ruleset(name, directory) for name in FOLD_LANG}


# --- matching -------------------------------------------------------------------------------

def _segment_at(segment, tokens, j):
    """Index of the last token if one of the segment's alternatives starts at token j."""
    if not segment.head.matches_cached(tokens[j][0]):
        return None
    if segment.simple:
        return j
    return _alternative_at(segment, tokens, j)


def _alternative_at(segment, tokens, j):
    """Like `_segment_at` once the merged first-word slot is known to match at token j."""
    n = len(tokens)
    for alt in segment:
        if j + len(alt) > n:
            continue
        for k, slot in enumerate(alt):
            if not slot.matches_cached(tokens[j + k][0]):
                break
        else:
            return j + len(alt) - 1
    return None


def _extend(seq, k, prev, tokens):
    if k == len(seq):
        return prev
    segment, gap = seq[k]
    last = min(len(tokens) - 1, prev + 1 + gap)
    for j in range(prev + 1, last + 1):
        end = _segment_at(segment, tokens, j)
        if end is not None:
            found = _extend(seq, k + 1, end, tokens)
            if found is not None:
                return found
    return None


def match_sequence(seq, tokens):
    """All (first_token, last_token) spans where the sequence occurs, leftmost per start."""
    out = []
    first = seq[0][0]
    head, simple, more = first.head, first.simple, len(seq) > 1
    seen = head.seen
    for i, tok in enumerate(tokens):
        hit = seen.get(tok[0])
        if hit is None:
            hit = head.matches_cached(tok[0])
        if not hit:
            continue
        end = i if simple else _alternative_at(first, tokens, i)
        if end is not None and more:
            end = _extend(seq, 1, end, tokens)
        if end is not None:
            out.append((i, end))
    return out

"""Non-identifying values leadscore derives from personal data before dropping it (contract `derive:`).

Ports of EmailDomainClassifier and TitleClassifier, keyword for keyword.
"""
import re

from . import text as texts

_FREE_MAIL_PROVIDERS = frozenset([
    "gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "aol", "icloud", "me",
    "mac", "gmx", "web", "mail", "protonmail", "proton", "yandex", "qq", "163", "126", "zoho", "fastmail",
    "tutanota", "hey", "rediffmail", "libero", "orange", "wanadoo", "free", "t-online", "comcast",
    "verizon", "att", "sbcglobal", "btinternet", "naver", "daum", "seznam", "wp", "o2", "laposte",
])

# Checked in order: the first rule whose keyword appears wins.
_SENIORITY_RULES = [
    ("entry", ["intern", "assistant", "student", "trainee", "apprentice", "junior", "jr"]),
    ("vp", ["vp", "vice president", "svp", "evp", "avp"]),
    ("c_level", ["chief", "ceo", "cfo", "cto", "cmo", "coo", "cio", "cro", "ciso", "founder", "owner",
                 "president", "managing director", "partner", "principal"]),
    ("director", ["director", "head of", "head"]),
    ("manager", ["manager", "lead", "supervisor", "mgr"]),
    ("individual", ["specialist", "analyst", "engineer", "consultant", "associate", "executive",
                    "coordinator", "representative", "rep", "developer", "administrator", "admin",
                    "architect", "scientist", "accountant", "designer", "officer", "advisor", "agent"]),
]
_FUNCTION_RULES = [
    ("marketing", ["marketing", "cmo", "brand", "growth", "demand", "content", "communications", "seo"]),
    ("sales", ["sales", "account executive", "business development", "bdr", "sdr", "cro", "revenue",
               "account manager"]),
    ("it", ["it", "cto", "cio", "ciso", "engineer", "engineering", "developer", "software", "technology", "data",
            "security", "systems", "devops", "architect", "technical", "information"]),
    ("finance", ["finance", "cfo", "financial", "accountant", "accounting", "controller", "treasurer"]),
    ("hr", ["hr", "human resources", "people", "talent", "recruit", "recruiter", "recruiting"]),
    ("operations", ["operations", "operating", "ops", "procurement", "supply", "logistics", "facilities", "coo"]),
    ("executive", ["ceo", "founder", "owner", "president", "general manager", "managing director", "chief executive"]),
]
# Words are runs of ASCII letters and digits and any non-ASCII character (leadscore splits bytes).
_WORD_BREAK = re.compile(r"[\x00-\x2f\x3a-\x60\x7b-\x7f]+")


def email_domain_class(email):
    """`corporate`, `free` or `invalid`, from the registrable part of the address's domain."""
    lowered = email.lower() if email.isascii() else texts.swift_lower(email)
    parts = texts.split(lowered, "@", omit_empty=False)
    if len(parts) != 2 or not parts[0]:
        return "invalid"
    labels = texts.split(parts[1], ".")
    if len(labels) < 2:
        return "invalid"
    suffix_length = 2 if len(labels) >= 3 and labels[-2] in ("co", "com", "net", "org") else 1
    provider = texts.canonical(labels[len(labels) - 1 - suffix_length])
    return "free" if provider in _FREE_MAIL_PROVIDERS else "corporate"


def _classify(title, rules, otherwise):
    words = [word for word in _WORD_BREAK.split(texts.swift_lower(title)) if word]
    single = {texts.canonical(word) for word in words}
    pairs = {texts.canonical(f"{first} {second}") for first, second in zip(words, words[1:])}
    for name, keywords in rules:
        if any((keyword in pairs) if " " in keyword else (keyword in single) for keyword in keywords):
            return name
    return otherwise


def title_seniority(title):
    return _classify(title, _SENIORITY_RULES, "unknown")


def title_function(title):
    return _classify(title, _FUNCTION_RULES, "other")


#: Derivation name in the contract → (snapshot column suffix, function of the trimmed text).
DERIVATIONS = {
    "email_domain_class": ("domain_class", email_domain_class),
    "title_seniority": ("seniority", title_seniority),
    "title_function": ("function", title_function),
}


def column_name(field, derivation):
    """The snapshot column a derivation writes, e.g. `Email.domain_class`."""
    return f"{field}.{DERIVATIONS[derivation][0]}"

"""Text rules shared by every step, written to give the answers leadscore's Swift code gives.

Swift compares strings by Unicode canonical equivalence, splits them by grapheme cluster, trims with
Foundation's character sets and lower-cases without Greek final-sigma rules. Python does none of
that by default, so the few places where it matters go through these helpers. ASCII text (nearly
all CRM data) takes a fast path in each of them.
"""
import unicodedata

# Foundation's CharacterSet.whitespacesAndNewlines and .whitespaces (swift-corelibs-foundation),
# enumerated from a Swift build: note U+200B, which Unicode no longer counts as a space.
_WHITESPACE_AND_NEWLINES = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u200b\u2028\u2029\u202f\u205f\u3000"
)
_WHITESPACES = frozenset(
    "\t \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000"
)
# Unicode's White_Space property (Swift's `Unicode.Scalar.Properties.isWhitespace`).
_WHITE_SPACE_PROPERTY = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Zero-width spaces and joiners, word joiner, byte-order mark, soft hyphen (MissingValues.invisible).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\xad")


def trim(text, characters=_WHITESPACE_AND_NEWLINES):
    """`text.trimmingCharacters(in: .whitespacesAndNewlines)` (or another set)."""
    start, end = 0, len(text)
    while start < end and text[start] in characters:
        start += 1
    while end > start and text[end - 1] in characters:
        end -= 1
    return text[start:end]


def trim_spaces(text):
    """`text.trimmingCharacters(in: .whitespaces)`: spaces and tabs, not line ends."""
    return trim(text, _WHITESPACES)


def _starts_with_trim_trigger(character):
    # FieldParser.trimmed looks at the first UTF-8 byte: space, tab, LF, CR, or a lead byte 0xC2
    # (U+0080–U+00BF), 0xE2 (U+2000–U+2FFF) or 0xE3 (U+3000–U+3FFF).
    code = ord(character)
    return code in (0x20, 0x09, 0x0A, 0x0D) or 0x80 <= code <= 0xBF or 0x2000 <= code <= 0x3FFF


def field_trim(text):
    """FieldParser.trimmed: trims only when the first or last byte may start or be white space.

    The last byte of a multi-byte character is a continuation byte, so only ASCII white space at
    the end triggers the trim; a leading U+1680, say, does not, exactly as in leadscore.
    """
    if not text:
        return text
    if _starts_with_trim_trigger(text[0]) or text[-1] in " \t\n\r":
        return trim(text)
    return text


def first_utf8_byte(text):
    code = ord(text[0])
    if code < 0x80:
        return code
    return text[0].encode("utf-8", "surrogatepass")[0]


def utf8_length(text):
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def swift_lower(text):
    """`String.lowercased()`: full case mapping, but Σ always becomes σ (no final-sigma rule)."""
    if "\u03a3" in text:
        return "".join(character.lower() for character in text)
    return text.lower()


def canonical(text):
    """A key equal for canonically equivalent texts, as Swift's `==` and hashing treat them."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def looks_empty(text):
    """MissingValues.looksEmpty: only white space and invisible characters."""
    code = first_utf8_byte(text)
    if not (code >= 0x80 or code <= 0x20):
        return False
    return all(character in _WHITE_SPACE_PROPERTY or character in _INVISIBLE for character in text)


def _extends_cluster(character):
    # Grapheme_Cluster_Break Extend, SpacingMark and ZWJ, closely enough: combining marks,
    # joiners, variation selectors, emoji modifiers and tags.
    code = ord(character)
    if code in (0x200C, 0x200D) or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF:
        return True
    if 0xE0020 <= code <= 0xE007F or 0xE0100 <= code <= 0xE01EF:
        return True
    return unicodedata.category(character) in ("Mn", "Me", "Mc")


def clusters(text):
    """The text's characters as Swift sees them (base character plus the marks that follow it)."""
    if text.isascii():
        return list(text)
    result = []
    for character in text:
        if result and _extends_cluster(character):
            result[-1] += character
        else:
            result.append(character)
    return result


def split(text, separator, omit_empty=True):
    """`text.split(separator: Character)`: a separator followed by a combining mark is no separator."""
    if text.isascii():
        parts = text.split(separator)
    else:
        parts, current = [], ""
        for cluster in clusters(text):
            if cluster == separator:
                parts.append(current)
                current = ""
            else:
                current += cluster
        parts.append(current)
    return [part for part in parts if part] if omit_empty else parts


def multi_select_values(text):
    """MultiSelect.values(of:): `A; B;;C` → [A, B, C], each trimmed of spaces."""
    return [value for value in (trim_spaces(part) for part in split(text, ";")) if value]

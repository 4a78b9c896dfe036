"""The bundle's `contract.yaml`: which fields a lead has, their types, and what reads as missing.

Bundles carry the contract exactly as leadscore's ContractWriter writes it (the manifest's SHA-256
proves it unedited), so this reads that layout and nothing else, without a YAML library: any line
it does not expect is refused with its line number rather than guessed at.
"""
import re

from .errors import BundleFormatError
from .field_parser import ALL_TYPES
from .missing_values import DEFAULT_PLACEHOLDERS, MissingValues
from .derivations import DERIVATIONS, column_name

FORMAT_VERSION = 1
_KEY = re.compile(r"( *)(- )?([A-Za-z_]+): ?(.*)")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


class FieldSpec:
    """One contract field: what the scorer needs of it."""

    def __init__(self, name):
        self.name = name
        self.label = None
        self.type = None
        self.required = False
        self.pii = False
        self.derive = []

    def derived_columns(self):
        return [(derivation, column_name(self.name, derivation)) for derivation in self.derive]


class Contract:
    def __init__(self):
        self.version = None
        self.id_field = None
        self.created_field = None
        self.fields = []
        self.missing_values = MissingValues(DEFAULT_PLACEHOLDERS)


class _Line:
    """A cursor over one value's text: quoted strings, bare words, flow lists, trailing comments."""

    def __init__(self, text, number, source):
        self.text, self.number, self.source, self.index = text, number, source, 0

    def fail(self, problem):
        raise BundleFormatError(self.source, f"line {self.number}", problem,
                                "the bundle was not written by a leadscore this package knows; retrain it or "
                                "update leadscore-bundle")

    def quoted(self):
        assert self.text[self.index] == '"'
        self.index += 1
        result = []
        while self.index < len(self.text):
            character = self.text[self.index]
            if character == '"':
                self.index += 1
                return "".join(result)
            if character == "\\":
                escape = self.text[self.index + 1:self.index + 2]
                if escape == "x":
                    result.append(chr(int(self.text[self.index + 2:self.index + 4], 16)))
                    self.index += 4
                    continue
                if escape not in _ESCAPES:
                    self.fail(f"unknown escape '\\{escape}'")
                result.append(_ESCAPES[escape])
                self.index += 2
                continue
            result.append(character)
            self.index += 1
        self.fail("unterminated quoted text")

    def scalar(self, stop=""):
        if self.text[self.index:self.index + 1] == '"':
            return self.quoted()
        start = self.index
        while self.index < len(self.text) and self.text[self.index] not in stop \
                and not self.text.startswith(" #", self.index):
            self.index += 1
        return self.text[start:self.index].strip()

    def flow_list(self):
        if self.text[self.index:self.index + 1] != "[":
            self.fail("expected a [list]")
        self.index += 1
        items = []
        while True:
            while self.text[self.index:self.index + 1] == " ":
                self.index += 1
            if self.index >= len(self.text):
                self.fail("unterminated [list]")
            if self.text[self.index:self.index + 1] == "]":
                self.index += 1
                return items
            items.append(self.scalar(stop=",]"))
            while self.text[self.index:self.index + 1] == " ":
                self.index += 1
            if self.text[self.index:self.index + 1] == ",":
                self.index += 1

    def end(self):
        rest = self.text[self.index:].strip()
        if rest and not rest.startswith("#"):
            self.fail(f"unexpected text '{rest[:40]}'")


def _boolean(value, line):
    if value not in ("true", "false"):
        line.fail(f"expected true or false, found '{value}'")
    return value == "true"


def parse(text, source="contract.yaml"):
    """A `Contract` from ContractWriter's YAML, or a BundleFormatError naming the line."""
    contract, field, section = Contract(), None, None
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _KEY.fullmatch(raw)
        if match is None:
            # lead_source_groups entries ("Name": [...]) are the only quoted keys; the pipeline has them.
            if section == "features" and raw.startswith('    "'):
                continue
            _Line(raw, number, source).fail(f"cannot read '{raw[:60]}'")
        indent, dash, key, rest = len(match[1]), match[2], match[3], match[4]
        line = _Line(rest, number, source)
        if indent == 0:
            section, field = key, None
            if key == "version":
                version = line.scalar()
                contract.version = int(version) if version.isdigit() else line.fail(f"version '{version}'")
            elif key in ("id_field", "created_field"):
                setattr(contract, key, line.scalar())
            elif key == "missing_values":
                contract.missing_values = MissingValues(line.flow_list())
            elif key in ("name", "revision", "object", "split"):
                line.scalar()
            elif key not in ("label", "features", "fields"):
                line.fail(f"unknown contract key '{key}'")
            line.end()
        elif section == "fields" and dash and indent == 2 and key == "name":
            field = FieldSpec(line.scalar())
            contract.fields.append(field)
            line.end()
        elif section == "fields" and field is not None and indent == 4:
            _read_field_key(field, key, line)
        elif section not in ("label", "features"):
            line.fail(f"unexpected key '{key}' under '{section}'")
    _check(contract, source)
    return contract


def _read_field_key(field, key, line):
    if key == "derive":
        field.derive = line.flow_list()
        unknown = [name for name in field.derive if name not in DERIVATIONS]
        if unknown:
            line.fail(f"field {field.name}: unknown derivation '{unknown[0]}'")
    elif key == "values":
        line.flow_list()
    elif key in ("type", "label", "missing", "pii_action", "scoring", "note", "min", "max"):
        # min/max bound what the scoring API accepts; batch scoring, like `leadscore score`, reads values as they are.
        value = line.scalar()
        if key == "type":
            if value not in ALL_TYPES:
                line.fail(f"field {field.name}: unknown type '{value}'")
            field.type = value
        elif key == "label":
            field.label = value
    elif key in ("required", "pii", "explain"):
        flag = _boolean(line.scalar(), line)
        if key != "explain":
            setattr(field, key, flag)
    else:
        line.fail(f"field {field.name}: unknown key '{key}'")
    line.end()


def _check(contract, source):
    if contract.version != FORMAT_VERSION:
        raise BundleFormatError(source, "version", f"contract format {contract.version} is not supported",
                                f"this package reads contract format {FORMAT_VERSION}; update leadscore-bundle")
    for field in contract.fields:
        if field.type is None:
            raise BundleFormatError(source, f"fields.{field.name}.type", "the field has no type",
                                    "retrain the bundle with leadscore")

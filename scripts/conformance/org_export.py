"""The org's export files as the conformance check reads them: Lead.csv and LeadHistory.csv rows as text
(Python's csv module, independently of leadscore's Swift code) and each Lead field's describe type from
the org's describe.json, plus how a value on the wire must relate to its text in the export.
"""
import csv
import json
import re
from datetime import datetime, timezone

FILTER = "LeadSource = 'Web' AND CreatedDate >= 2024-01-01T00:00:00Z"
FILTER_START = datetime(2024, 1, 1, tzinfo=timezone.utc)
TEXT_TYPES = {"id", "reference", "string", "email", "phone", "picklist", "multipicklist", "textarea", "url",
              "combobox", "encryptedstring"}
NUMBER_TYPES = {"int", "long", "double", "currency", "percent"}
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")


class CheckFailed(Exception):
    """A difference between what the server answered and what the org's files hold."""


class UnusableInput(Exception):
    """The info file or the org's files cannot be used: no check can run."""


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def instant(text):
    """A Salesforce datetime (`…+0000`, `…Z`, with or without milliseconds) as an aware datetime."""
    return datetime.fromisoformat(re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text.replace("Z", "+00:00")))


def same_number(answered, text):
    """The same number, up to the last bits of a double (44000000, 44000000.0 and 4.4E7 are equal)."""
    return abs(float(answered) - float(text)) <= 1e-9 * max(1.0, abs(float(text)))


def case_safe_id(fifteen):
    """The 18-character form of a 15-character Id: a suffix letter per 5 characters, one bit per capital."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
    chunks = (fifteen[0:5], fifteen[5:10], fifteen[10:15])
    return fifteen + "".join(alphabet[sum(1 << index for index, char in enumerate(chunk) if "A" <= char <= "Z")]
                             for chunk in chunks)


class OrgExport:
    """Lead.csv and LeadHistory.csv rows as text, and each Lead field's describe type from describe.json
    (the metadata the server was started with): the answers' expected types come from the org, not from
    the server being checked."""

    def __init__(self, directory):
        self.leads = self._read(directory / "Lead.csv")
        self.history = self._read(directory / "LeadHistory.csv")
        self.columns = list(self.leads[0].keys())
        try:
            describe = json.loads((directory / "describe.json").read_text(encoding="utf-8"))
            self.types = {field["name"]: field["type"].lower() for field in describe["fields"]}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise UnusableInput(f"{directory / 'describe.json'} is not a Lead describe ({error!r}). "
                                "Fix: pass --org with the directory `leadscore sample-org` wrote") from error
        untyped = [column for column in self.columns if column not in self.types]
        if untyped:
            raise UnusableInput(f"Lead.csv columns {untyped} are not in describe.json. "
                                "Fix: regenerate the org (leadscore sample-org) or add them to describe.json")
        self.by_id = {row["Id"]: row for row in self.leads}

    @staticmethod
    def _read(path):
        try:
            with path.open(newline="", encoding="utf-8") as file:
                rows = list(csv.DictReader(file))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise UnusableInput(f"cannot read {path}: {error}. Fix: pass --org with the directory given to "
                                "`leadscore dev-salesforce --org`") from error
        if not rows:
            raise UnusableInput(f"{path} has no rows. Fix: generate an org with leadscore sample-org")
        return rows

    def filtered(self):
        """The Lead.csv rows the FILTER SOQL selects, computed here from the text."""
        return [row for row in self.leads if row["LeadSource"] == "Web" and instant(row["CreatedDate"]) >= FILTER_START]

    def fits(self, column, describe_type):
        """Whether a describe type is a sensible one for the column's non-empty CSV values."""
        values = [row[column] for row in self.leads if row[column]]
        patterns = {"boolean": r"^(true|false)$", "int": r"^-?\d+$", "date": DATE.pattern, "datetime": DATETIME.pattern,
                    "id": r"^[0-9A-Za-z]{18}$", "reference": r"^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$"}
        if describe_type in patterns:
            return all(re.match(patterns[describe_type], value) for value in values)
        if describe_type in NUMBER_TYPES:
            return all(NUMBER.match(value) for value in values)
        return describe_type in TEXT_TYPES

    def check_json(self, record, row, fields, where):
        """A REST record's fields against a CSV row: text as strings, numbers as JSON numbers, checkboxes
        as true/false (never null), empty as null, dates as YYYY-MM-DD, datetimes as the same instant."""
        for field in fields:
            expect(field in record, f"{where}: field {field} is missing from the record")
            value, text, kind = record[field], row[field], self.types[field]
            problem = f"{where} {field} ({kind}): answered {value!r}, the CSV holds {text!r}"
            if kind == "boolean":
                expect(isinstance(value, bool) and value == (text == "true"), problem)
            elif text == "":
                expect(value is None, problem)
            elif kind in NUMBER_TYPES:
                allowed = int if kind in ("int", "long") else (int, float)
                expect(isinstance(value, allowed) and not isinstance(value, bool) and same_number(value, text), problem)
            elif kind == "date":
                expect(isinstance(value, str) and DATE.match(value) and value == text, problem)
            elif kind == "datetime":
                expect(isinstance(value, str) and DATETIME.match(value) and instant(value) == instant(text), problem)
            else:
                expect(value == text, problem)

    def check_bulk(self, values, row, fields, where):
        """A Bulk API 2.0 CSV row against a CSV row: empty for null, true/false, the same number, the same
        date text and datetime instant, the same text."""
        expect(len(values) == len(fields), f"{where}: {len(values)} values for {len(fields)} columns")
        for field, value in zip(fields, values):
            text, kind = row[field], self.types[field]
            problem = f"{where} {field} ({kind}): Bulk CSV has {value!r}, Lead.csv holds {text!r}"
            if kind == "boolean":
                expect(value == ("true" if text == "true" else "false"), problem)
            elif text == "":
                expect(value == "", problem)
            elif kind in NUMBER_TYPES:
                expect(NUMBER.match(value) is not None and same_number(value, text), problem)
            elif kind == "datetime":
                expect(DATETIME.match(value) is not None and instant(value) == instant(text), problem)
            else:
                expect(value == text, problem)

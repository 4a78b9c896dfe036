"""Lead files for the parity test (Tests/LeadscoreCLITests/PythonBundleParityTests.swift).

    python3 parity_leads.py messy Lead.csv messy.csv
        The sample org's leads rewritten the way real exports and forms spell values: report-style
        dates, `1,200`, `$12,000,000`, `Yes`/`TRUE`/`1`, placeholders (`N/A`, `--None--`), stray and
        non-breaking spaces, zero-width spaces, odd case, non-ASCII titles, hexadecimal and other
        numbers Swift reads, report labels as headers, and a few values leadscore refuses (so both
        sides must refuse the same rows).
    python3 parity_leads.py recent-shift Lead.csv shifted.csv
        Every third unconverted lead created from 2025-03-20 on marked converted the same day, so the
        newest leads convert materially more often and `prior_correction: recent` applies.

Deterministic: the same input gives the same output.
"""
import csv
import random
import sys

NBSP, ZERO_WIDTH_SPACE = "\u00a0", "\u200b"
TITLES = ["Directeur G\u00e9n\u00e9ral", "Jefe de Ventas", "Ingeni\u00f8r", "VP, SALES", "Sr. Director\u2014Marketing",
          "head of it", "Chief\u00a0Executive Officer", "Gesch\u00e4ftsf\u00fchrer", "cto", "Marketing Intern"]
EMAILS = ["Someone@GMAIL.COM", "buyer@mail.yahoo.co.uk", "bad@", "@example.com", "a@b..com", "x@corp",
          "ceo@\u00e9cole.fr", "  team@acme.io  "]


def _number_variants(value, rng, integer):
    number = float(value)
    options = [f"{int(number):,}" if number >= 1000 else value, f" {value} ", "N/A", f"{value}.0", "-", ""]
    if not integer:
        options += [f"${int(number):,}", f"{number:.2f}", f"{number:e}", f"{value}%", f"\u20ac{value}"]
    else:
        options += [hex(int(number)), "+" + value]
    return rng.choice(options)


def _date_variants(value, rng):
    day, time = value[:10], value[11:19]
    year, month, date = day.split("-")
    hour = int(time[:2])
    clock = f"{(hour + 11) % 12 + 1}:{time[3:5]} {'PM' if hour >= 12 else 'AM'}"
    return rng.choice([day, f"{int(month)}/{int(date)}/{year} {clock}", f"{day} {time}", f"{day}T{time}Z",
                       f"{day}T{time}+01:00", f" {value} ", f"{int(month)}/{int(date)}/{year}", f"{day}T{time}.5-0230"])


def _text_variants(value, rng):
    return rng.choice([f" {value} ", f"{NBSP}{value}{NBSP}", f"{value}{NBSP}", value.lower(), value.upper(),
                       "--None--", "N/A", ZERO_WIDTH_SPACE, f"\t{value}", "Select one"])


def _messy_value(name, value, rng):
    if name in ("NumberOfEmployees", "AnnualRevenue", "Email_Opens__c", "Web_Page_Views__c",
                "Pricing_Page_Visits__c", "Content_Downloads__c") and value:
        return _number_variants(value, rng, integer=name == "NumberOfEmployees")
    if name in ("Webinar_Attended__c", "Demo_Requested__c", "HasOptedOutOfEmail", "IsConverted"):
        return rng.choice(["Yes", "TRUE", "1", "y", "T", " true "] if value == "true"
                          else ["No", "FALSE", "0", "n", "f", "0.0"])
    if name in ("CreatedDate", "SystemModstamp") and value:
        return _date_variants(value, rng)
    if name in ("LeadSource", "Industry", "Country", "State") and value:
        return _text_variants(value, rng)
    if name == "Product_Interest__c" and value:
        return rng.choice([value.replace(";", "; "), f";{value};", value.lower(), " ; ".join(reversed(value.split(";")))])
    if name == "Title":
        return rng.choice(TITLES)
    if name == "Email":
        return rng.choice(EMAILS)
    return value


HEADERS = {"LeadSource": "Lead Source", "NumberOfEmployees": "No. of Employees", "CreatedDate": "Created Date",
           "Product_Interest__c": "Product Interest", "Demo_Requested__c": " demo_requested__c "}

# Values leadscore refuses: the row is reported and left out, on both sides.
REFUSED = {"NumberOfEmployees": ["12.5", "1_000", "lots"], "Email_Opens__c": ["abc", "inf", "1,23"],
           "Demo_Requested__c": ["maybe"], "CreatedDate": ["2025-13-45", "31/12/2024"],
           "LastActivityDate": ["2024-02-30"], "Id": ["00Q-BAD-ID"], "AnnualRevenue": ["1e400"]}


def messy(rows):
    rng = random.Random(13)
    header = rows[0]
    output = [header]
    for row in rows[1:]:
        values = list(row)
        for index, name in enumerate(header):
            if rng.random() < 0.15:
                values[index] = _messy_value(name, values[index], rng)
        if rng.random() < 0.01:
            name = rng.choice(sorted(REFUSED))
            values[header.index(name)] = rng.choice(REFUSED[name])
        output.append(values)
    # Headers as a report export or a hand-edited file names them: labels, other case, spaces.
    output[0] = [HEADERS.get(name, name) for name in header]
    return output


def recent_shift(rows):
    header = rows[0]
    created, converted = header.index("CreatedDate"), header.index("IsConverted")
    converted_date = header.index("ConvertedDate")
    candidates = 0
    for row in rows[1:]:
        if row[created] >= "2025-03-20" and row[converted] == "false":
            candidates += 1
            if candidates % 3 == 0:
                row[converted], row[converted_date] = "true", row[created][:10]
    return rows


def main(command, source, destination):
    with open(source, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows = messy(rows) if command == "messy" else recent_shift(rows)
    with open(destination, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    print(f"{command}: {len(rows) - 1} leads → {destination}")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("messy", "recent-shift"):
        sys.exit(__doc__)
    main(*sys.argv[1:])

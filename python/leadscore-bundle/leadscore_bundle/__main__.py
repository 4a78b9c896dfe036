"""`python3 -m leadscore_bundle score --bundle DIR --in leads.csv --out scored.csv`

Writes the CSV `leadscore score` writes (without reasons): the same columns, the same values, bad
rows reported with their line numbers on stderr and left out (exit status 3 when any was).
"""
import argparse
import csv
import os
import sys
import time

from . import text as texts
from .bundle import Bundle
from .errors import BundleFormatError, LeadInputError

OUTPUT_HEADER = [
    "Id", "AI_Score__c", "AI_Probability__c", "AI_Tier__c", "AI_Routing_Decision__c", "AI_Score_Confidence__c",
    "AI_Review_Needed__c", "AI_Top_Reasons__c", "AI_Model_Version__c", "AI_Score_Status__c",
]
DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}


def _field(value):
    """RFC 4180, quoting only when needed (as leadscore's CSVWriter)."""
    if any(character in value for character in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _probability_text(probability):
    """The probability rounded to 6 decimals (halves away from zero) and shown as Swift shows a Double."""
    scaled = probability * 1_000_000
    whole = float(int(scaled))
    rounded = whole + (1.0 if scaled - whole >= 0.5 else 0.0)
    return repr(rounded / 1_000_000)


def _delimiter(header_line, choice):
    if choice != "detect":
        return DELIMITERS.get(choice, choice)
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS.values()}
    return max(counts, key=counts.get)


def _chunks(handle, choice, size):
    """(header, then lists of (line, values) of at most `size` rows, and the malformed rows' problems)."""
    first = handle.readline()
    handle.seek(0)
    reader = csv.reader(handle, delimiter=_delimiter(first, choice))
    header = [texts.trim_spaces(name) for name in next(reader)]
    yield header
    rows, problems, line = [], [], 2
    for values in reader:
        start, line = line, reader.line_num + 1
        if not values:
            continue
        if len(values) != len(header):
            problems.append(f"line {start}: has {len(values)} values but the header has {len(header)} columns")
        elif any("\udc80" <= character <= "\udcff" for value in values for character in value):
            problems.append(f"line {start}: a value is not valid UTF-8 (save the file as UTF-8)")
        else:
            rows.append((start, values))
        if len(rows) == size:
            yield rows, problems
            rows, problems = [], []
    yield rows, problems


def _write(handle, bundle, scored):
    for index in range(len(scored)):
        if scored.problems[index] is not None:
            continue
        handle.write(",".join(_field(value) for value in [
            scored.lead_id[index] or "", str(int(scored.score[index])),
            _probability_text(float(scored.probability[index])), scored.tier[index], scored.route[index],
            scored.confidence[index], "true" if scored.review_needed[index] else "false", "",
            bundle.model_version, "Scored"]) + "\n")


def score(arguments):
    """Scores the file in chunks (memory stays flat); the output appears only when the run completes."""
    started = time.time()
    bundle = Bundle.load(arguments.bundle)
    staging = f"{arguments.output}.tmp-{os.getpid()}"
    problems, total, accepted = [], 0, 0
    try:
        with open(arguments.input, newline="", encoding="utf-8-sig", errors="surrogateescape") as source, \
                open(staging, "w", encoding="utf-8", newline="") as output:
            chunks = _chunks(source, arguments.delimiter, arguments.chunk)
            header = next(chunks)
            output.write(",".join(OUTPUT_HEADER) + "\n")
            for rows, malformed in chunks:
                scored = bundle.score_columns(header, [[values[index] for _, values in rows]
                                                       for index in range(len(header))], data_as_of=started)
                problems += malformed
                for index, row_problems in enumerate(scored.problems):
                    problems += [f"line {rows[index][0]}, {problem}" for problem in row_problems or []]
                total += len(rows) + len(malformed)
                accepted += len(scored) - int(scored.refused.sum())
                _write(output, bundle, scored)
        os.replace(staging, arguments.output)
    finally:
        if os.path.exists(staging):
            os.remove(staging)
    for problem in problems[:20]:
        print(f"  {problem}", file=sys.stderr)
    if len(problems) > 20:
        print(f"  … and {len(problems) - 20} more problems", file=sys.stderr)
    seconds = max(time.time() - started, 0.001)
    print(f"Scored {accepted} of {total} leads with {bundle.model_version} → {arguments.output} "
          f"({int(accepted / seconds)} leads/s)")
    return 3 if problems else 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m leadscore_bundle")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("score", help="score a CSV of leads as `leadscore score` does (no reasons)")
    command.add_argument("--bundle", required=True, help="a model bundle written by `leadscore train`")
    command.add_argument("--in", dest="input", required=True, help="leads as CSV")
    command.add_argument("--out", dest="output", required=True, help="where to write the scores")
    command.add_argument("--delimiter", default="detect", help="comma, semicolon, tab, pipe or detect")
    command.add_argument("--chunk", type=int, default=50_000, help="leads scored at a time (memory stays flat)")
    arguments = parser.parse_args(argv)
    try:
        return score(arguments)
    except (BundleFormatError, LeadInputError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Drives `leadscore dev-salesforce` with simple-salesforce, a Salesforce client we did not write, and
checks every answer against the org's own export files (Lead.csv, LeadHistory.csv, read here with
Python's csv module, independently of leadscore's Swift code).

    python3 scripts/conformance/simple_salesforce_check.py --info ORG/info.json --org ORG

The login is the library's client-credentials code (`simple_salesforce.login.token_login` with HTTP
Basic, as `SalesforceLogin` sends it) pointed at the info file's tokenUrl: its `SalesforceLogin` only
builds `https://{domain}.salesforce.com` URLs. Everything after it goes through the library's own
calls: query, query_more, query_all, query_all_iter, SFType get/update/describe, limits, restful,
bulk2. The requests session trusts only the server's CA and ignores the environment (a
REQUESTS_CA_BUNDLE would otherwise replace `session.verify`, a proxy variable would catch loopback).
org_export.py reads the export files and says how a value on the wire must relate to its text there.

Prints one PASS/FAIL line per check and `N passed, M failed`; exits 1 when any check fails, 2 when the
inputs are unusable. The write check edits one lead outside the filtered set and puts its values back,
so the script can run again on the same org.
"""
import argparse
import base64
import csv
import io
import json
import re
import secrets
import sys
import tempfile
from pathlib import Path

from org_export import (DATETIME, FILTER, CheckFailed, OrgExport, UnusableInput, case_safe_id, expect,
                        instant)

try:
    import requests
    from simple_salesforce import Salesforce
    from simple_salesforce.exceptions import (SalesforceError, SalesforceMalformedRequest, SalesforceOperationError,
                                              SalesforceResourceNotFound)
    from simple_salesforce.login import token_login
except ImportError as missing:
    print(f"simple_salesforce_check: {missing}. Fix: python3 -m pip install 'simple-salesforce==1.12.10'",
          file=sys.stderr)
    sys.exit(2)


class Conformance:
    """The checks, in an order where only the last one writes."""

    def __init__(self, info, org):
        self.info, self.org = info, org
        self.requests = []  # (url, status, Sforce-Limit-Info) of every response, in order
        session = requests.Session()
        session.trust_env = False
        session.verify = info["caFile"]
        session.hooks["response"].append(lambda response, *args, **kwargs: self.requests.append(
            (response.url, response.status_code, response.headers.get("Sforce-Limit-Info"))))
        self.session = session
        self.sf = None
        self.select = ", ".join(org.columns)

    def login(self):
        basic = base64.b64encode(f"{self.info['clientId']}:{self.info['clientSecret']}".encode()).decode()
        token, instance = token_login(self.info["tokenUrl"], {"grant_type": "client_credentials"}, "login",
                                      self.info["clientId"], {"Authorization": f"Basic {basic}"}, None, self.session)
        expected = self.info["instanceUrl"].removeprefix("https://")
        expect(instance == expected, f"token's instance_url is {instance}, the info file says {expected}")
        self.sf = Salesforce(instance_url=self.info["instanceUrl"], session_id=token, session=self.session,
                             version=self.info["apiVersion"])
        return f"client credentials token for {instance}"

    def query_all_filtered(self):
        expected = self.org.filtered()
        expect(len(expected) > 0, "Lead.csv has no row matching the filter; regenerate the org")
        answer = self.sf.query_all(f"SELECT {self.select} FROM Lead WHERE {FILTER}")
        records = answer["records"]
        ids = [record["Id"] for record in records]
        expect(len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} records came back twice")
        missing = {row["Id"] for row in expected} - set(ids)
        extra = set(ids) - {row["Id"] for row in expected}
        expect(not missing and not extra, f"{len(missing)} matching leads missing (e.g. {sorted(missing)[:3]}), "
                                          f"{len(extra)} not matching returned (e.g. {sorted(extra)[:3]})")
        for record in records:
            attributes = record["attributes"]
            expect(attributes["type"] == "Lead" and attributes["url"].endswith(f"/sobjects/Lead/{record['Id']}"),
                   f"attributes of {record['Id']} are {dict(attributes)}")
            self.org.check_json(record, self.org.by_id[record["Id"]], self.org.columns, f"lead {record['Id']}")
        return f"{len(records)} leads, {len(self.org.columns)} fields each equal Lead.csv"

    def query_all_iter_pages(self):
        expect(len(self.org.leads) > 2_000, f"Lead.csv has {len(self.org.leads)} rows; this check needs > 2000")
        start = len(self.requests)
        ids = [record["Id"] for record in self.sf.query_all_iter("SELECT Id FROM Lead")]
        locators = [url for url, _, _ in self.requests[start:] if re.search(r"/query/[0-9A-Za-z]+-\d+$", url)]
        expect(len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} records yielded twice")
        expect(set(ids) == set(self.org.by_id),
               f"yielded {len(set(ids))} distinct Ids, Lead.csv has {len(self.org.by_id)}")
        at_least = (len(self.org.leads) - 1) // 2_000  # pages hold at most 2,000 records, maybe fewer
        expect(len(locators) >= at_least,
               f"followed {len(locators)} nextRecordsUrl locators, pages of at most 2,000 records need {at_least}")
        return f"{len(ids)} leads once each over {len(locators) + 1} pages"

    def query_and_query_more(self):
        soql = "SELECT Id, CreatedDate FROM Lead ORDER BY CreatedDate"
        options = {"Sforce-Query-Options": "batchSize=1000"}
        total = len(self.org.leads)
        expect(total > 2_000, f"Lead.csv has {total} rows; this check needs > 2000 for three pages")
        pages = [self.sf.query(soql, headers=options)]
        expect(not pages[0]["done"] and pages[0].get("nextRecordsUrl"), "the first page says done, no nextRecordsUrl")
        locator = pages[0]["nextRecordsUrl"].rsplit("/", 1)[1]
        pages.append(self.sf.query_more(locator, headers=options))  # the locator id form: {base}/query/{locator}
        while not pages[-1]["done"]:
            expect(len(pages) < 100, "more than 100 pages for one query")
            pages.append(self.sf.query_more(pages[-1]["nextRecordsUrl"], identifier_is_url=True, headers=options))
        sizes = [len(page["records"]) for page in pages]
        expect(len(pages) >= 3 and all(0 < size <= 1000 for size in sizes), f"batchSize=1000 gave pages of {sizes}")
        expect(all(page["totalSize"] == total for page in pages),
               f"totalSize per page {[page['totalSize'] for page in pages]}, Lead.csv has {total} rows")
        records = [record for page in pages for record in page["records"]]
        ids = [record["Id"] for record in records]
        expect(len(ids) == total and set(ids) == set(self.org.by_id), f"pages hold {len(set(ids))} distinct of {total}")
        created = [instant(record["CreatedDate"]) for record in records]
        expect(created == sorted(created), "ORDER BY CreatedDate is not kept across pages")
        return f"pages of {sizes} (query, query_more by locator id, then by URL), {total} leads in order"

    def history_of_one_lead(self):
        counts = {}
        for row in self.org.history:
            counts[row["LeadId"]] = counts.get(row["LeadId"], 0) + 1
        lead = max(sorted(counts), key=lambda key: counts[key])
        answer = self.sf.query_all("SELECT LeadId, Field, OldValue, NewValue, CreatedDate FROM LeadHistory "
                                   f"WHERE LeadId = '{lead}'")
        for record in answer["records"]:
            expect(DATETIME.match(record["CreatedDate"] or ""), f"CreatedDate {record['CreatedDate']!r} is no datetime")
        # Empty in the export is null on the wire; the answer is taken as it came.
        got = sorted(((r["LeadId"], r["Field"], r["OldValue"], r["NewValue"], instant(r["CreatedDate"]))
                      for r in answer["records"]), key=repr)
        want = sorted(((r["LeadId"], r["Field"], r["OldValue"] or None, r["NewValue"] or None,
                        instant(r["CreatedDate"])) for r in self.org.history if r["LeadId"] == lead), key=repr)
        only_answered = [row for row in got if row not in want]
        only_in_csv = [row for row in want if row not in got]
        expect(got == want, f"lead {lead}: answered {len(got)} rows, LeadHistory.csv holds {len(want)}; "
                            f"only answered: {only_answered}, only in the CSV: {only_in_csv}")
        return f"lead {lead}: {len(got)} history rows equal LeadHistory.csv"

    def describe_names_every_column(self):
        fields = {field["name"]: field for field in self.sf.Lead.describe()["fields"]}
        missing = [column for column in self.org.columns if column not in fields]
        expect(not missing, f"describe lacks Lead.csv columns {missing}")
        for column in self.org.columns:
            kind = fields[column]["type"]
            expect(self.org.fits(column, kind), f"describe types {column} as {kind!r}, unlike its CSV values")
        return f"{len(self.org.columns)} columns named, types fit the CSV values"

    def bulk2_query_pages(self):
        expected = self.org.filtered()
        page_size = max(1, len(expected) // 3)
        start = len(self.requests)
        pages = list(self.sf.bulk2.Lead.query(f"SELECT {self.select} FROM Lead WHERE {FILTER}",
                                              max_records=page_size, wait=1))
        with_locator = [url for url, _, _ in self.requests[start:] if "/results" in url and "locator=" in url]
        expect(len(pages) >= 3 and len(with_locator) == len(pages) - 1,
               f"{len(pages)} result pages, {len(with_locator)} fetched with a locator, for maxRecords={page_size}")
        rows = []
        for number, page in enumerate(pages, 1):
            table = list(csv.reader(io.StringIO(page)))
            expect(table and table[0] == self.org.columns, f"page {number} header is {table[0] if table else None}")
            expect(len(table) - 1 <= page_size, f"page {number} has {len(table) - 1} rows, maxRecords={page_size}")
            rows.extend(table[1:])
        ids = [row[0] for row in rows]
        expect(len(ids) == len(set(ids)) and set(ids) == {row["Id"] for row in expected},
               f"Bulk gave {len(ids)} rows ({len(set(ids))} distinct), the CSV filter matches {len(expected)}")
        for row in rows:
            self.org.check_bulk(row, self.org.by_id[row[0]], self.org.columns, f"bulk lead {row[0]}")
        # Jobs are left to the server: simple-salesforce 1.12.10's delete_job parses the documented empty 204
        # answer as JSON and raises. The library's streaming path next, a file per page:
        with tempfile.TemporaryDirectory() as directory:
            files = self.sf.bulk2.Lead.download(f"SELECT Id FROM Lead WHERE {FILTER}", directory,
                                                 max_records=page_size, wait=1)
            counted = [(file["number_of_records"], len(Path(file["file"]).read_text().splitlines()) - 1)
                       for file in files]
        expect(len(files) >= 3 and all(said == held for said, held in counted)
               and sum(said for said, _ in counted) == len(expected),
               f"download pages (Sforce-NumberOfRecords, rows held): {counted}; the CSV filter matches {len(expected)}")
        return f"{len(rows)} rows over {len(pages)} pages of <= {page_size} equal Lead.csv; download pages agree"

    def limits_and_usage(self):
        limits = self.sf.limits()
        used, total = self.sf.api_usage["api-usage"].used, self.sf.api_usage["api-usage"].total
        daily = limits["DailyApiRequests"]
        expect(total == daily["Max"], f"Sforce-Limit-Info allows {total}, limits/ says Max {daily['Max']}")
        # The header and the body describe the same call; either may or may not count it yet.
        expect(used - 1 <= daily["Max"] - daily["Remaining"] <= used,
               f"Sforce-Limit-Info used {used}, limits/ Max - Remaining = {daily['Max'] - daily['Remaining']}")
        again = self.sf.restful("limits/")
        expect("DailyApiRequests" in again and "DailyBulkV2QueryJobs" in again,
               f"restful('limits/') keys {list(again)}")
        expect(self.sf.api_usage["api-usage"].used > used, "api-usage did not grow after another call")
        answered = [(url, limit) for url, status, limit in self.requests
                    if re.search(r"/services/data/v\d+\.\d+/", url) and status < 300]
        bare = [url for url, limit in answered if not limit]
        expect(not bare, f"{len(bare)} answers without Sforce-Limit-Info, e.g. {bare[:2]}")
        return (f"api-usage {self.sf.api_usage['api-usage'].used}/{total} on all {len(answered)} API answers so far, "
                f"DailyApiRequests {dict(daily)}")

    def errors_are_typed(self):
        details = []
        for soql, code in [("SELECT Id FROM Lead WHERE", "MALFORMED_QUERY"),
                           ("SELECT No_Such_Field__c FROM Lead", "INVALID_FIELD")]:
            details.append(_raises(lambda: self.sf.query(soql), SalesforceMalformedRequest, code))
        unused = case_safe_id("00Q" + "0" * 9 + "ZZZ")
        details.append(_raises(lambda: self.sf.Lead.get(unused), SalesforceResourceNotFound, "NOT_FOUND"))
        return "; ".join(details)

    def get_update_and_reread(self):
        outside = (row for row in self.org.leads if row["LeadSource"] != "Web" and row["IsConverted"] == "false")
        lead = next(outside, None)
        expect(lead is not None, "Lead.csv has no unconverted lead outside the filter to write to")
        before = self.sf.Lead.get(lead["Id"])
        self.org.check_json(before, lead, [c for c in self.org.columns if c != "SystemModstamp"], f"get {lead['Id']}")
        change = {"Title": f"Conformance check {secrets.token_hex(4)}", "NumberOfEmployees": 4321,
                  "Demo_Requested__c": not before["Demo_Requested__c"]}
        expect(self.sf.Lead.update(lead["Id"], change) == 204, "update did not answer 204 No Content")
        after = self.sf.Lead.get(lead["Id"])
        changed = {field: after[field] for field in change}
        expect(changed == change, f"re-read shows {changed}, the update sent {change}")
        expect(instant(after["SystemModstamp"]) > instant(before["SystemModstamp"]), "SystemModstamp did not move on")
        queried = self.sf.query(f"SELECT Title FROM Lead WHERE Id = '{lead['Id']}'")["records"]
        expect([record["Title"] for record in queried] == [change["Title"]], f"SOQL re-read shows {queried}")
        invalid = _raises(lambda: self.sf.Lead.update(lead["Id"], {"No_Such_Field__c": "x"}),
                          SalesforceMalformedRequest, "INVALID_FIELD")
        expect(self.sf.Lead.get(lead["Id"])["SystemModstamp"] == after["SystemModstamp"], "the refused update wrote")
        self.sf.Lead.update(lead["Id"], {field: before[field] for field in change})
        restored = self.sf.Lead.get(lead["Id"])
        expect(all(restored[field] == before[field] for field in change), "the original values did not come back")
        return f"lead {lead['Id']}: {sorted(change)} written and re-read, then restored; {invalid}"


def _raises(call, error_type, code):
    """Runs `call`, which must raise `error_type` whose JSON body names `code`."""
    try:
        call()
    except SalesforceError as error:
        codes = [item.get("errorCode") for item in error.content] if isinstance(error.content, list) else []
        expect(isinstance(error, error_type) and code in codes,
               f"expected {error_type.__name__} {code}, got {type(error).__name__} {error.status} {error.content}")
        return f"{error_type.__name__} {code}"
    raise CheckFailed(f"expected {error_type.__name__} {code}, the call succeeded")


def read_info(path):
    """The connection the server wrote with --info: URLs, the demo connected app, the CA file."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise UnusableInput(f"cannot read --info {path}: {error}. "
                            "Fix: start leadscore dev-salesforce with --info FILE and pass that file") from error
    needed = ("instanceUrl", "tokenUrl", "clientId", "clientSecret", "caFile", "apiVersion")
    absent = [key for key in needed if not isinstance(info, dict) or not info.get(key)]
    if absent:
        raise UnusableInput(f"--info {path} lacks {absent}. Fix: pass the file dev-salesforce wrote with --info")
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--info", required=True, type=Path, help="the info file of leadscore dev-salesforce --info")
    parser.add_argument("--org", required=True, type=Path, help="the org directory given to dev-salesforce --org")
    arguments = parser.parse_args()
    try:
        conformance = Conformance(read_info(arguments.info), OrgExport(arguments.org))
    except UnusableInput as error:
        print(f"simple_salesforce_check: {error}", file=sys.stderr)
        return 2
    checks = [conformance.login, conformance.query_all_filtered, conformance.query_all_iter_pages,
              conformance.query_and_query_more, conformance.history_of_one_lead,
              conformance.describe_names_every_column, conformance.bulk2_query_pages, conformance.limits_and_usage,
              conformance.errors_are_typed, conformance.get_update_and_reread]
    passed = failed = 0
    for check in checks:
        name = check.__name__
        if conformance.sf is None and name != "login":
            print(f"FAIL {name}: not run, the login failed")
            failed += 1
            continue
        try:
            print(f"PASS {name}: {check()}", flush=True)
            passed += 1
        except (CheckFailed, SalesforceError, SalesforceOperationError, requests.RequestException,
                KeyError, ValueError, TypeError) as error:
            print(f"FAIL {name}: {type(error).__name__}: {error}", flush=True)
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

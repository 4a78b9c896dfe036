"""Writes N audit rows into a leadscore SQLite store for scripts/bench-monitor: scored decisions spread over
the last 20 days, each with an input profile drawn from the model's baseline shares (the first categorical
field's shares reversed, so one field drifts), a score drawn from the baseline's score bands and a tier from its tier mix.
With a fifth argument it also writes a lead export (Id, CreatedDate) there for the coverage check: each lead
created 0-20 minutes before its scoring, so about three in four are scored within 15 minutes.
Standard library only."""
import json
import random
import sqlite3
import sys
import time

store, baseline_path, version, rows = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
export = open(sys.argv[5], "w") if len(sys.argv) > 5 else None
if export:
    export.write("Id,CreatedDate\n")
baseline = json.load(open(baseline_path))
rng = random.Random(7)
fields = baseline["fields"]
drifted = next((i for i, f in enumerate(fields) if f["kind"] == "categorical"), 0)
weights = [list(reversed(f["shares"])) if i == drifted else f["shares"] for i, f in enumerate(fields)]
bins = [list(range(len(f["shares"]))) for f in fields]
bands = baseline["scoreBands"]
tiers = sorted(baseline["tierMix"])
tier_weights = [baseline["tierMix"][t] for t in tiers]
now = time.time()

# Whole columns at once: a million single draws per field would take minutes.
columns = [rng.choices(bins[i], weights[i], k=rows) for i in range(len(fields))]
score_bands = rng.choices(range(10), bands, k=rows)
tier_column = rng.choices(tiers, tier_weights, k=rows)

db = sqlite3.connect(store)
db.execute("PRAGMA journal_mode=WAL")
batch = []
for n in range(rows):
    profile = ",".join(str(column[n]) for column in columns)
    score = min(100, score_bands[n] * 10 + rng.randrange(10))
    at = now - rng.random() * 20 * 86400
    if export:
        created = time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime(at - rng.random() * 1200))
        export.write(f"00Q{n:012d},{created}\n")
    batch.append((f"bench-{n}", at, "flow", f"00Q{n:012d}", "h" * 32, version,
                  score, tier_column[n], "", rng.randrange(800, 20000), "scored", profile))
    if len(batch) == 50_000:
        db.executemany("""INSERT INTO audit_events (request_id, at, client, lead_id, input_hash, model_version, score,
                          tier, reason_codes, latency_us, outcome, input_profile) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", batch)
        batch.clear()
if batch:
    db.executemany("""INSERT INTO audit_events (request_id, at, client, lead_id, input_hash, model_version, score,
                      tier, reason_codes, latency_us, outcome, input_profile) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""", batch)
db.commit()
if export:
    export.close()
print(f"{rows} rows written; field {fields[drifted]['name']} drifted")

"""Scoring in Spark: a pandas UDF over a DataFrame of raw lead columns (needs pandas and pyspark).

    from leadscore_bundle.spark import read_leads, score_leads

    leads = read_leads(spark, "s3://…/Lead.csv")          # every column as text
    scored = score_leads(leads, "model")                   # a bundle directory, or its name if shipped
    scored.write.parquet("s3://…/scores/")                 # with --files / addFile(recursive=True)

Read the CSV as strings (no `inferSchema`): the bundle parses values itself, exactly as
`leadscore score` does. Each Python worker loads the bundle once and keeps it.
"""
import os

from .bundle import Bundle

#: The struct the UDF returns, one row per lead.
RESULT_SCHEMA = ("Id string, probability double, score int, tier string, tier_label string, route string, "
                 "confidence string, review_needed boolean, problems string, model_version string")

_LOADED = {}


def _resolve(path):
    """A bundle path as given, or shipped with `--files`/`addFile` (found through SparkFiles)."""
    if os.path.isdir(path):
        return path
    from pyspark import SparkFiles

    shipped = SparkFiles.get(os.path.basename(os.path.normpath(path)))
    return shipped if os.path.isdir(shipped) else path


def load_once(path, threads=1):
    """The bundle at `path`, loaded once per Python process (Spark reuses its workers)."""
    key = (path, threads)
    if key not in _LOADED:
        _LOADED[key] = Bundle.load(_resolve(path), threads=threads)
    return _LOADED[key]


def score_frame(bundle, frame, data_as_of=None):
    """A pandas DataFrame of raw lead columns → a pandas DataFrame shaped as `RESULT_SCHEMA`."""
    import pandas as pd

    headers = [str(name) for name in frame.columns]
    columns = [frame.iloc[:, index].tolist() for index in range(len(headers))]
    scored = bundle.score_columns(headers, columns, data_as_of)
    return pd.DataFrame({
        "Id": pd.Series(scored.lead_id, dtype=object),
        "probability": scored.probability,
        "score": scored.score.astype("int32"),
        "tier": pd.Series(scored.tier, dtype=object),
        "tier_label": pd.Series(scored.tier_label, dtype=object),
        "route": pd.Series(scored.route, dtype=object),
        "confidence": pd.Series(scored.confidence, dtype=object),
        "review_needed": scored.review_needed,
        "problems": pd.Series([None if problems is None else "; ".join(problems) for problems in scored.problems],
                              dtype=object),
        "model_version": pd.Series([scored.model_version] * len(scored), dtype=object),
    })


def read_leads(spark, path):
    """A lead CSV as Spark should read it for scoring: every column as text, `""` escaping quotes."""
    return spark.read.csv(path, header=True, inferSchema=False, escape='"', multiLine=False, mode="PERMISSIVE")


def score_leads(leads, bundle_path, threads=1, data_as_of=None):
    """`leads` (a DataFrame of raw lead columns) scored: one row per lead, `RESULT_SCHEMA`'s columns."""
    from pyspark.sql import functions

    udf = scoring_udf(bundle_path, threads, data_as_of)
    columns = [functions.col("`" + name.replace("`", "``") + "`") for name in leads.columns]
    return leads.select(udf(functions.struct(*columns)).alias("scored")).select("scored.*")


def scoring_udf(bundle_path, threads=1, data_as_of=None):
    """A pandas UDF taking `struct(<all lead columns>)` and returning `RESULT_SCHEMA`.

    `threads`: XGBoost threads per task (Spark already runs one task per core). `data_as_of`: the
    moment scores describe, seconds since 1970; default: when each batch is scored, as leadscore does.
    """
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    @pandas_udf(RESULT_SCHEMA)
    def score_leads(leads: pd.DataFrame) -> pd.DataFrame:
        return score_frame(load_once(bundle_path, threads), leads, data_as_of)

    return score_leads

"""Profile a dataset with Spark and write one summary row per column.

Usage (spark-submit or the Spark operator's mainApplicationFile):

    profile_dataset.py --input s3a://bucket/datasets/sales.csv --output s3a://bucket/profiles/sales

The input format follows the file extension (.csv, .parquet, .json) unless --format is given.
The output is a directory holding one JSON-lines file with, for each column: name, Spark type,
row count, null count, approximate distinct count and, for numeric columns, min, max, mean
and standard deviation.
"""

import argparse
import sys

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import NumericType

FORMATS = ("csv", "parquet", "json")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True, help="dataset URI (s3a://, file://)")
    parser.add_argument("--output", required=True, help="directory URI for the summary")
    parser.add_argument("--format", choices=FORMATS, help="input format; default from the extension")
    return parser.parse_args(argv)


def infer_format(uri):
    lowered = uri.lower().rstrip("/")
    for fmt in FORMATS:
        if lowered.endswith("." + fmt):
            return fmt
    raise ValueError(f"cannot infer the format of {uri}: use --format with one of {', '.join(FORMATS)}")


def read_dataset(spark, uri, fmt):
    reader = spark.read
    if fmt == "csv":
        reader = reader.option("header", "true").option("inferSchema", "true")
    return reader.format(fmt).load(uri)


def profile(df: DataFrame) -> DataFrame:
    """One aggregation pass over the data, then one row per column."""
    aggregations = [F.count(F.lit(1)).alias("__rows")]
    numeric = set()
    for field in df.schema.fields:
        column = F.col(f"`{field.name}`")
        key = field.name
        aggregations += [
            F.sum(F.when(column.isNull(), 1).otherwise(0)).alias(f"{key}__nulls"),
            F.approx_count_distinct(column).alias(f"{key}__distinct"),
        ]
        if isinstance(field.dataType, NumericType):
            numeric.add(key)
            aggregations += [
                F.min(column).cast("double").alias(f"{key}__min"),
                F.max(column).cast("double").alias(f"{key}__max"),
                F.mean(column).alias(f"{key}__mean"),
                F.stddev(column).alias(f"{key}__stddev"),
            ]
    totals = df.agg(*aggregations).first().asDict()
    rows = []
    for field in df.schema.fields:
        key = field.name
        rows.append((
            key,
            field.dataType.simpleString(),
            int(totals["__rows"]),
            int(totals[f"{key}__nulls"] or 0),
            int(totals[f"{key}__distinct"]),
            totals.get(f"{key}__min") if key in numeric else None,
            totals.get(f"{key}__max") if key in numeric else None,
            totals.get(f"{key}__mean") if key in numeric else None,
            totals.get(f"{key}__stddev") if key in numeric else None,
        ))
    schema = ("column string, type string, rows long, nulls long, distinct_approx long, "
              "min double, max double, mean double, stddev double")
    return df.sparkSession.createDataFrame(rows, schema)


def main(argv):
    args = parse_args(argv)
    fmt = args.format or infer_format(args.input)
    spark = SparkSession.builder.appName("profile-dataset").getOrCreate()
    try:
        summary = profile(read_dataset(spark, args.input, fmt))
        summary.coalesce(1).write.mode("overwrite").json(args.output)
        summary.show(truncate=False)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

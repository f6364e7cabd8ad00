"""Extraction past one machine: a PySpark job that writes the store's tables as Parquet
(`batch.spark`, `khabar spark-extract`), and the load of that Parquet into a store
(`batch.load`, `khabar load`). `batch.tables` is the Parquet layout both share; `batch.bench`
measures the job's words/s beside `khabar extract`'s.
"""

"""Scale-out: the pipeline over many shards of articles on Dask, into Parquet.

:func:`claimgraph.batch.run.run` is the library entry point (``claimgraph batch`` calls
it); :mod:`~claimgraph.batch.output` describes the output layout and
:mod:`~claimgraph.batch.tables` its schema; :mod:`~claimgraph.batch.load` merges the
output into the store.
"""

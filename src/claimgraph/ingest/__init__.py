"""Ingest: files, HTML, feeds, WARC and JSON Lines -> :class:`claimgraph.model.Article`."""

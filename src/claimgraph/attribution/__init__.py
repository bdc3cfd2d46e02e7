"""Attribution: cues, quotes, speakers, coreference, relays and stance -> Statement.

The work is done by :func:`claimgraph.attribution.engine.extract` over a parsed spaCy
``Doc``; :mod:`claimgraph.attribution.component` wraps it as a spaCy component
(``nlp.add_pipe("claimgraph_attribution")``) that others can drop into their pipelines.
"""

"""Evaluation: score claimgraph against PolNeAR, golden files and Emergent.

The scoring rules follow the ones reviews use (``../shared/tools``), reimplemented
here so that ``claimgraph eval`` works from an installed package.
"""

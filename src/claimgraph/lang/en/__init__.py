"""English: the word lists in :mod:`.lexicon`."""

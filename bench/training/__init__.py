"""Fitting the people stage's two models from the PFR corpus: the candidate scorer
(:mod:`bench.training.scorer`) and the character tagger (:mod:`bench.training.tagger`).
``bench/person_quality.py --train`` drives both and writes the files the site reads."""

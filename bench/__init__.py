"""Benchmarks and the tooling they share: page layout programs (``bench.layout``) and
model fitting (``bench.training``). The site never imports anything from here."""

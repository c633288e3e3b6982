"""Layout programs: synthetic pages laid out from clean corpus records, each returning the
page text and the items the parser should read from it (:mod:`bench.layout.items` says
what a record becomes). :mod:`bench.layout.typeset` prints the e-paper text export."""

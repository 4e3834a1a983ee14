"""Benchmarks of the project on annotated news: who said what (``attribution``)."""

"""Benchmark of Client Health against Beancount's and Fava's own work: `python -m bench`."""

"""Measures: the rule pack model and loader, the analysis of each item, the comparison."""

"""The rule catalog: one module per rule, in sub-packages by family (installed as ``validator.rules``)."""

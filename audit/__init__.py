"""Credit-card statement audit: find recurring scam charges and draft cancellation requests.

The pipeline is a chain of plain functions over one pandas table (see :mod:`audit.schema`):

    read (audit.readers) -> normalise (audit.descriptors) -> match (audit.merchants)
    -> recurring (audit.detection.recurring) -> signals (audit.detection.signals) -> contracts (audit.contracts)
    -> letters / report (audit.cases.letters, audit.cases.export)

:func:`audit.pipeline.scan` runs it end to end; the CLI (``audit``) and the Streamlit page
(``app.py``) both call it.
"""

__version__ = "0.1.0"

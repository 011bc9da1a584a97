"""Parts of the PDF statement reader: text engines (:mod:`.text`); the reader is :mod:`audit.readers.pdf_reader`."""
